// The guarantees file (REL-1): the core's guarantee contracts become links of the network, kept
// in line with each day's whole list — added, amounts brought up to date, ended when they leave the
// file — and a file with a bad row changes nothing and reports every row.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { residentId } from '../customers/import/import.test-helpers.ts';
import { runGuaranteeScan } from '../network/guarantee-scan.service.ts';
import { loadFeed } from './feed.service.ts';
import { removeFolders, writeDay, type Rows } from './feed.test-helpers.ts';

let ctx: TestContext;
const BORROWER = '10000000011', GUARANTOR = '10000000012', COMPANY = '10000000013';
const BORROWER_ID = residentId('19800101', '211'), GUARANTOR_ID = residentId('19810202', '313');
const STRANGER_ID = residentId('19720415', '003');
const load = (rows: Rows, date: string) => loadFeed(ctx.handle.db, ctx.system, writeDay(date, rows), date, 'cli');

const customers = (): string[][] => [
  [BORROWER, '1', '王借款', '10', BORROWER_ID, '20360101', '', '', 'CHN', '13900000011', '山东省青岛市市南区香港中路1号', '266071', 'A110'],
  [GUARANTOR, '1', '赵担保', '10', GUARANTOR_ID, '20360101', '', '', 'CHN', '13900000012', '山东省青岛市市南区香港中路2号', '266071', 'A110'],
];
const accounts = (): string[][] => [
  ['6222020000000000111', BORROWER, '1010000001', 'DD', 'CNY', 'A110', '20261101', '', 'A', '1000.00', '0.3500', '', '', '', '', ''],
  ['8300000000000000111', BORROWER, '2010000001', 'LN', 'CNY', 'A110', '20261101', '', 'A', '800000.00', '4.3500', '20291101', '36', 'JK2026-0001', '800000.00', '02'],
];
const balances = (): string[][] => [['6222020000000000111', '1000.00'], ['8300000000000000111', '800000.00']];
// contract, borrower, role, guarantor no, category, name, id type, id no, amount, start
const byGuarantor = (amount = '500000.00'): string[] => ['JK2026-0001', BORROWER, '01', GUARANTOR, '', '', '', '', amount, '20261101'];
const byStranger = (): string[] => ['JK2026-0001', BORROWER, '03', '', '2', '孙抵押', '10', STRANGER_ID, '300000.00', '20261101'];

const links = async () => (await sql<{ seq: number; role: string; party_customer_id: number | null; related_party_id: number | null; amount: string | null; contract_no: string; starts_on: string; ends_on: string | null; source: string }>`
  select l.seq, l.role, l.party_customer_id, l.related_party_id, l.amount::text as amount, l.contract_no, l.starts_on::text as starts_on, l.ends_on::text as ends_on, l.source
    from customer_link l join customer c on c.id = l.customer_id where c.customer_no = ${BORROWER} order by l.seq`.execute(ctx.handle.db)).rows;
const idOf = async (no: string) => (await ctx.handle.db.selectFrom('customer').select('id').where('customer_no', '=', no).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('fg_pm', ctx.bank.ho, ['product_manager']);
  const pm = await ctx.login('fg_pm');
  for (const p of [{ id: '1010000001', nameZh: '个人活期存款', nameEn: 'Personal demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' },
    { id: '2010000001', nameZh: '个人经营贷款', nameEn: 'Personal business loan', category: 'loan', subType: 'working_capital', currency: 'CNY' }]) {
    expect((await pm.post('/api/products', p)).statusCode).toBe(201);
  }
});
afterAll(async () => { removeFolders(); await ctx?.close(); });

describe('the guarantees file (担保合同)', () => {
  it('links each guarantee of the file: a customer by number, a stranger kept as a related party, with the next sequence numbers', async () => {
    const r = await load({ customers: customers(), accounts: accounts(), balances: balances(), guarantees: [byGuarantor(), byStranger()] }, '2026-12-01');
    expect(r.status, JSON.stringify(r.rejected)).toBe('loaded');
    expect(r.counts).toMatchObject({ guaranteesRecords: 2, guarantees: 2, linksAdded: 2, linksUpdated: 0, linksEnded: 0, relatedPartiesAdded: 1 });
    const party = await ctx.handle.db.selectFrom('related_party').select(['id', 'name', 'party_category']).where('id_number', '=', STRANGER_ID).executeTakeFirstOrThrow();
    expect(party).toMatchObject({ name: '孙抵押', party_category: '2' });
    expect(await links()).toEqual([
      { seq: 1, role: '01', party_customer_id: await idOf(GUARANTOR), related_party_id: null, amount: '500000.00', contract_no: 'JK2026-0001', starts_on: '2026-11-01', ends_on: null, source: 'feed' },
      { seq: 2, role: '03', party_customer_id: null, related_party_id: party.id, amount: '300000.00', contract_no: 'JK2026-0001', starts_on: '2026-11-01', ends_on: null, source: 'feed' },
    ]);
    // The daily scan reads them like keyed links: the guarantor → borrower edges.
    const scan = await runGuaranteeScan(ctx.handle.db, '2026-12-01');
    expect(scan).toMatchObject({ guarantees: 2 });
  });

  it('keeps the links in line with the next day\'s whole list: an amount changed, a guarantee gone ends that day, history kept', async () => {
    const r = await load({ balances: balances(), guarantees: [byGuarantor('600000.00')] }, '2026-12-02');
    expect(r.status, JSON.stringify(r.rejected)).toBe('loaded');
    expect(r.counts).toMatchObject({ guarantees: 1, linksAdded: 0, linksUpdated: 1, linksEnded: 1, relatedPartiesAdded: 0 });
    expect((await links()).map((l) => [l.seq, l.amount, l.ends_on])).toEqual([[1, '600000.00', null], [2, '300000.00', '2026-12-02']]);
    const ended = await ctx.handle.db.selectFrom('customer_link').select(['end_reason', 'ended_at']).where('ends_on', '=', '2026-12-02').executeTakeFirstOrThrow();
    expect(ended.end_reason).toContain('2026-12-02');
    expect(ended.ended_at).not.toBeNull();
    // A day without the file is no news: nothing ends.
    expect((await load({ balances: balances() }, '2026-12-03')).status).toBe('loaded');
    expect((await links()).filter((l) => l.ends_on === null)).toHaveLength(1);
  });

  it('leaves a link keyed on the screen alone: the same guarantee in the file is not linked twice, and its absence ends nothing', async () => {
    const clerk = await (async () => { await ctx.addUser('fg_clerk', ctx.bank.subA1, ['data_entry_clerk']); return ctx.login('fg_clerk'); })();
    const borrower = await idOf(BORROWER);
    const keyed = await clerk.post(`/api/customers/${borrower}/links`, { party: { by: 'document', partyCategory: '2', name: '孙抵押', idType: '10', idNumber: STRANGER_ID }, role: '03', amount: '300000.00', contractNo: 'JK2026-0001' });
    expect(keyed.statusCode, keyed.body).toBe(201);
    const r = await load({ balances: balances(), guarantees: [byGuarantor('600000.00'), byStranger()] }, '2026-12-04');
    expect(r.counts).toMatchObject({ linksAdded: 0, linksUpdated: 0, linksEnded: 0 });
    expect((await load({ balances: balances(), guarantees: [byGuarantor('600000.00')] }, '2026-12-05')).counts).toMatchObject({ linksEnded: 0 });
    expect((await links()).filter((l) => l.ends_on === null).map((l) => [l.seq, l.source])).toEqual([[1, 'feed'], [3, 'screen']]);
    // The core's guarantee is the core's: not ended on the screen (the next file would bring it back).
    const feedLink = await ctx.handle.db.selectFrom('customer_link').select('id').where('customer_id', '=', borrower).where('seq', '=', 1).executeTakeFirstOrThrow();
    const refused = await clerk.post(`/api/customers/${borrower}/links/${feedLink.id}/end`, { reason: '客户称已还清' });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors[0]).toMatchObject({ code: 'network.link_from_feed' });
    expect((await links())[0]!.ends_on).toBeNull();
  });

  it('refuses a day with bad guarantees, reporting every row, and changes nothing', async () => {
    const before = await links();
    const parties = await ctx.handle.db.selectFrom('related_party').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const badCheck = STRANGER_ID.slice(0, 17) + (STRANGER_ID.endsWith('1') ? '2' : '1');
    const r = await load({ balances: balances(), guarantees: [
      ['JK-NONE', BORROWER, '01', GUARANTOR, '', '', '', '', '1.00', '20261101'],            // 1 no such loan of the borrower
      ['JK2026-0001', BORROWER, '01', BORROWER, '', '', '', '', '1.00', '20261101'],         // 2 the borrower guarantees himself
      ['JK2026-0001', BORROWER, '01', '', '2', '钱某', '10', badCheck, '1.00', '20261101'],    // 3 bad check digit
      ['JK2026-0001', BORROWER, '01', '', '2', '别的名字', '10', GUARANTOR_ID, '1.00', '20261101'], // 4 the document is 赵担保's
      ['JK2026-0001', BORROWER, '01', GUARANTOR, '2', '赵担保', '10', GUARANTOR_ID, '', '20261101'], // 5 named twice
      ['JK2026-0001', COMPANY, '01', GUARANTOR, '', '', '', '', '', '20261101'],             // 6 unknown borrower
      ['JK2026-0001', BORROWER, '02', GUARANTOR, '', '', '', '', '-5', '20271101'],          // 7 role 02, negative amount (and a later start)
      ['JK2026-0001', BORROWER, '04', '', '2', '孙\u202e抵押', '10', STRANGER_ID, '', '20261101'], // 8 a right-to-left override in the name
      ['JK2026-0001', BORROWER, '04', GUARANTOR, '', '', '', '', '', '20261206'],            // 9 starts after the day
    ] }, '2026-12-05');
    expect(r.status).toBe('rejected');
    const seen = r.rejected.map((x) => [x.line, x.field, x.code]);
    expect(seen).toEqual(expect.arrayContaining([
      [3, 'guarantor_id_no', 'customers.resident_id.check_digit'], [5, 'guarantor_id_no', 'feed.guarantor_twice'],
      [7, 'role', 'feed.code_unknown'], [7, 'amount', 'feed.money_format'], [8, 'guarantor_name', 'common.text.bidi_control'],
    ]));
    // The rows the file's own rules pass are checked against the book only on a day otherwise good:
    // loaded again without the rows above, the book's checks report theirs.
    const r2 = await load({ balances: balances(), guarantees: [
      ['JK-NONE', BORROWER, '01', GUARANTOR, '', '', '', '', '1.00', '20261101'],
      ['JK2026-0001', BORROWER, '01', BORROWER, '', '', '', '', '1.00', '20261101'],
      ['JK2026-0001', BORROWER, '01', '', '2', '别的名字', '10', GUARANTOR_ID, '1.00', '20261101'],
      ['JK2026-0001', COMPANY, '01', GUARANTOR, '', '', '', '', '', '20261101'],
      ['JK2026-0001', BORROWER, '04', GUARANTOR, '', '', '', '', '', '20261206'],
      ['JK2026-0001', BORROWER, '04', '', '2', '钱新人', '77', '123', '', '20261101'],
    ] }, '2026-12-05');
    expect(r2.status).toBe('rejected');
    expect(r2.rejected.map((x) => [x.line, x.field, x.code])).toEqual([
      [1, 'contract_no', 'feed.contract_unknown'], [2, 'guarantor_customer_no', 'feed.self_guarantee'],
      [3, 'guarantor_name', 'feed.guarantor_name_mismatch'], [4, 'customer_no', 'feed.customer_unknown'],
      [5, 'starts_on', 'feed.starts_after_day'], [6, 'guarantor_id_type', 'feed.code_unknown'],
    ]);
    expect(await links()).toEqual(before);
    expect((await ctx.handle.db.selectFrom('related_party').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n).toBe(parties.n);
  });
});
