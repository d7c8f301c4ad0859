// The customers file checked and applied over the whole staged file: every problem reported with
// its line (twice in the file, already a customer, unknown institution, missing document, another
// kind or document than the CRM holds), a deleted customer left alone, likely duplicates flagged
// once over the file, a merged customer's old number landing on the survivor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, setInformationReview, type Client, type TestContext } from '../../test/harness.ts';
import { creditCode, residentId } from '../customers/import/import.test-helpers.ts';
import { loadFeed } from './feed.service.ts';
import { removeFolders, writeDay } from './feed.test-helpers.ts';
import { deleteCustomer } from '../customers/customer.service.ts';

let ctx: TestContext;
let clerk: Client;
const known: Record<'person' | 'company' | 'gone' | 'survivor' | 'merged', { id: number; no: string }> = {} as never;
const PERSON_ID = residentId('19750505', '111');
const COMPANY_CODE = creditCode(70001);

const load = (rows: string[][], date: string) => loadFeed(ctx.handle.db, ctx.system, writeDay(date, { customers: rows, balances: [] }), date, 'cli');
/** A personal row of the customers file: number, name, document, mobile; the rest as the core sends it. */
const person = (no: string, name: string, idNo: string, mobile = '', institution = 'A110', expires = '20400101') =>
  [no, '1', name, idNo ? '10' : '', idNo, expires, '', '', 'CHN', mobile, '', '', institution];
const company = (no: string, name: string, code: string, address = '') => [no, '2', name, '', code, '', '', '', '', '', address, '', 'A110'];
const customerCount = async () => Number((await sql<{ n: number }>`select count(*)::int4 as n from customer`.execute(ctx.handle.db)).rows[0]!.n);

async function open(body: Record<string, unknown>) {
  const res = await clerk.post('/api/customers', body);
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  return { id, no: (await ctx.handle.db.selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow()).customer_no };
}

beforeAll(async () => {
  ctx = await createTestContext();
  // The merge itself is tested here; merges under review are tested in merge-review.test.ts.
  await setInformationReview(ctx, { merge: 'off' });
  await ctx.addUser('fc_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('fc_review', ctx.bank.branchA, ['data_review_clerk']);
  clerk = await ctx.login('fc_clerk');
  known.person = await open({ kind: 'personal', name: '王五', identities: [{ idType: '10', idNumber: PERSON_ID }], mobile: '13700000001' });
  known.company = await open({ kind: 'corporate', name: '青岛测试商贸有限公司', creditCode: COMPANY_CODE });
  known.gone = await open({ kind: 'personal', name: '孙七', identities: [{ idType: '10', idNumber: residentId('19700101', '222') }] });
  // Deleting through the screen is a request under review (approvals); here the deletion itself.
  await deleteCustomer(ctx.handle.db, ctx.system, known.gone.id, '客户销户');
  known.survivor = await open({ kind: 'personal', name: '周八', identities: [{ idType: '10', idNumber: residentId('19850808', '333') }], mobile: '13700000008' });
  known.merged = await open({ kind: 'personal', name: '周八', identities: [{ idType: '10', idNumber: residentId('19850808', '335') }] });
  const merged = await (await ctx.login('fc_review')).post('/api/customers/merge', { survivorId: known.survivor.id, mergedId: known.merged.id, reason: '同一客户重复开户' });
  expect(merged.statusCode, merged.body).toBe(200);
});
afterAll(async () => {
  await ctx?.close();
  removeFolders();
});

describe('daily feed: the customers file over the whole staged file', () => {
  it('reports every row that cannot open or update, by line, and keeps nothing of the day', async () => {
    const customers = await customerCount();
    const fresh = residentId('19910101', '121');
    const r = await load([
      person('20000000001', '郑一', fresh),
      person('20000000002', '郑二', fresh), // the same document twice: the later line
      person('20000000003', '王五', PERSON_ID), // already the CRM's customer under another number
      person('20000000004', '郑四', residentId('19910101', '141'), '', 'Z999'),
      person('20000000005', '郑五', ''),
      [known.person.no, '2', '王五', '', '', '', '', '', '', '', '', '', 'A110'], // another kind
      company(known.company.no, '青岛测试商贸有限公司', creditCode(70002)), // another credit code
      company('20000000008', '青岛另一家公司', COMPANY_CODE),
      person(known.gone.no, '孙七', ''),
    ], '2026-11-20');
    expect(r.status).toBe('rejected');
    expect(r.rejected.map((x) => [x.line, x.field, x.code])).toEqual([
      [2, 'id_no', 'feed.duplicate_in_file'],
      [3, 'id_no', 'feed.customer_exists'],
      [4, 'institution_code', 'feed.institution_unknown'],
      [5, 'id_no', 'feed.required'],
      [6, 'kind', 'feed.kind_change'],
      [7, 'id_no', 'feed.identity_change'],
      [8, 'id_no', 'feed.customer_exists'],
    ]);
    expect(await customerCount()).toBe(customers);
  });

  it('opens the good rows, leaves a deleted customer alone, and derives a company\'s organisation code', async () => {
    const r = await load([
      person('20000000001', '郑一', residentId('19910101', '121')),
      person(known.gone.no, '孙七改', ''),
      company('20000000009', '青岛新开贸易有限公司', creditCode(70009), '青岛市市北区1号'),
    ], '2026-11-21');
    expect(r.rejected).toEqual([]);
    expect(r.counts).toMatchObject({ customersOpened: 2, customersUpdated: 0, customersSkippedDeleted: 1 });
    const gone = await ctx.handle.db.selectFrom('customer').select(['name', 'status']).where('id', '=', known.gone.id).executeTakeFirstOrThrow();
    expect(gone).toEqual({ name: '孙七', status: 'deleted' });
    const corp = await ctx.handle.db.selectFrom('customer').innerJoin('corporate_customer', 'customer_id', 'id')
      .select(['origin', 'credit_code', 'organization_code', 'registered_address']).where('customer_no', '=', '20000000009').executeTakeFirstOrThrow();
    expect(corp).toEqual({ origin: 'core', credit_code: creditCode(70009), organization_code: `${creditCode(70009).slice(8, 16)}-${creditCode(70009)[16]}`, registered_address: '青岛市市北区1号' });
    const history = await ctx.handle.db.selectFrom('customer_history').innerJoin('customer', 'customer.id', 'customer_history.customer_id')
      .select(['field', 'new_value', 'source']).where('customer_no', '=', '20000000009').execute();
    expect(history).toEqual([{ field: '_created', new_value: '20000000009', source: 'feed' }]);
  });

  it('flags likely duplicates among the new rows and against the book, once per pair', async () => {
    const r = await load([
      person('20000000011', '吴十', residentId('19920202', '151')),
      person('20000000012', '吴十', residentId('19920202', '171')), // same name and birth date as the line above
      person('20000000013', '冯十三', residentId('19930303', '191'), '13700000001'), // 王五's mobile
    ], '2026-11-22');
    expect(r.rejected).toEqual([]);
    // Flags the screen raised when the CRM's own customers were opened are not the feed's.
    const flags = await sql<{ a: string; b: string; reason: string }>`
      select least(a.customer_no, b.customer_no) as a, greatest(a.customer_no, b.customer_no) as b, d.reason from customer_duplicate d
      join customer a on a.id = d.customer_id join customer b on b.id = d.other_id
      where a.origin = 'core' or b.origin = 'core' order by 1, 2`.execute(ctx.handle.db);
    expect(flags.rows).toEqual([
      { a: '20000000011', b: '20000000012', reason: 'name_birth' },
      { a: known.person.no < '20000000013' ? known.person.no : '20000000013', b: known.person.no < '20000000013' ? '20000000013' : known.person.no, reason: 'mobile' },
    ]);
  });

  it("lands a merged customer's old number on the survivor, with the change in the survivor's history", async () => {
    const r = await load([person(known.merged.no, '周八', '', '13700000088', 'A110', '')], '2026-11-23');
    expect(r.rejected).toEqual([]);
    expect(r.counts).toMatchObject({ customersOpened: 0, customersUpdated: 1, customerFieldsChanged: 1 });
    const survivor = await ctx.handle.db.selectFrom('personal_customer').select('mobile').where('customer_id', '=', known.survivor.id).executeTakeFirstOrThrow();
    expect(survivor.mobile).toBe('13700000088');
    const history = await ctx.handle.db.selectFrom('customer_history').select(['customer_id', 'field', 'old_value', 'new_value'])
      .where('source', '=', 'feed').where('field', '=', 'mobile').execute();
    expect(history).toEqual([{ customer_id: known.survivor.id, field: 'mobile', old_value: '13700000008', new_value: '13700000088' }]);
  });
});
