// The row checks of the customers and accounts files run in SQL over the staged file; the lines
// they do not pass go back to the customers module's rules (and the accounts file's own). So a
// line must come out the same either way: taken with the values those rules derive, or refused
// with their message, in line order with the reader's, naming the value (masked when it
// identifies a person: issue 12, item 7).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../../common/validators/credit-code.ts';
import { organizationCodeCheckCharacter } from '../../common/validators/organization-code.ts';
import { residentIdCheckDigit } from '../../common/validators/resident-id.ts';
import { feedDate } from './read-file.ts';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { creditCode, residentId } from '../customers/import/import.test-helpers.ts';
import { loadFeed } from './feed.service.ts';
import { removeFolders, writeDay, type Rows } from './feed.test-helpers.ts';

let ctx: TestContext;
let admin: Client;
const load = (rows: Rows, date: string) => loadFeed(ctx.handle.db, ctx.system, writeDay(date, { balances: [], ...rows }), date, 'cli');
/** A personal row: number, name, document, gender, birth date, mobile, institution. */
const person = (no: string, name: string, idNo: string, { gender = '', birth = '', mobile = '', institution = 'A110' } = {}) =>
  [no, '1', name, '10', idNo, '20400101', gender, birth, 'CHN', mobile, '', '', institution];
const company = (no: string, name: string, code: string) => [no, '2', name, '', code, '', '', '', '', '', '青岛市市南区1号', '266071', 'A110'];
const account = (no: string, customerNo: string, kind = 'DD', status = 'A') =>
  [no, customerNo, '1010000001', kind, 'CNY', 'A110', '20261101', '', status, '1000.00', '', '', '', '', '', ''];

/** A resident ID of the birth date whose check character is X, the first sequence giving one. */
function residentIdWithX(birth: string) {
  for (let seq = 100; seq < 1000; seq++) { const id = residentId(birth, String(seq)); if (id.endsWith('X')) return id; }
  throw new Error('no X');
}

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('fr_pm', ctx.bank.ho, ['product_manager']);
  await ctx.addUser('fr_admin', ctx.bank.ho, ['head_office_admin']);
  const pm = await ctx.login('fr_pm');
  admin = await ctx.login('fr_admin');
  const product = { id: '1010000001', nameZh: '个人活期存款', nameEn: 'Personal demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' };
  expect((await pm.post('/api/products', product)).statusCode).toBe(201);
});
afterAll(async () => {
  await ctx?.close();
  removeFolders();
});

describe('daily feed: row checks in SQL, with the module rules for the lines they hand back', () => {
  it('opens canonical and otherwise-spelled lines alike, with the values the customers module derives', async () => {
    const withX = residentIdWithX('19770707');
    const r = await load({ customers: [
      person('30000000001', '赵一', residentId('19880808', '124')), // canonical: birth date and gender from the number, in SQL
      person('30000000002', '赵二', '370202880808125'), // a legacy 15-digit number: upgraded by the module's rules
      person('30000000003', '赵三', withX.toLowerCase(), { gender: Number(withX[16]) % 2 ? '1' : '2', birth: '19770707' }),
      person('30000000004', '赵四', residentId('19900101', '131'), { mobile: '+86 137-0000-0123' }),
      company('30000000005', '青岛一号贸易有限公司', creditCode(80001)),
      company('30000000006', '青岛二号贸易有限公司', creditCode(80002).toLowerCase()),
    ], accounts: [account('6222030000000000011', '30000000001'), account('6222030000000000029', '30000000005')] }, '2026-11-20');
    expect(r.rejected).toEqual([]);
    expect(r.status).toBe('loaded');
    const people = await ctx.handle.db.selectFrom('customer').innerJoin('personal_customer', 'personal_customer.customer_id', 'customer.id')
      .innerJoin('customer_identity', 'customer_identity.customer_id', 'customer.id')
      .select(['customer_no', 'gender', 'birth_date', 'mobile', 'id_number']).where('customer_no', 'like', '3000000000%').orderBy('customer_no').execute();
    expect(people).toEqual([
      { customer_no: '30000000001', gender: '2', birth_date: '1988-08-08', mobile: null, id_number: residentId('19880808', '124') },
      { customer_no: '30000000002', gender: '1', birth_date: '1988-08-08', mobile: null, id_number: residentId('19880808', '125') },
      { customer_no: '30000000003', gender: Number(withX[16]) % 2 ? '1' : '2', birth_date: '1977-07-07', mobile: null, id_number: withX },
      { customer_no: '30000000004', gender: '1', birth_date: '1990-01-01', mobile: '13700000123', id_number: residentId('19900101', '131') },
    ]);
    const companies = await ctx.handle.db.selectFrom('customer').innerJoin('corporate_customer', 'customer_id', 'id')
      .select(['customer_no', 'credit_code', 'organization_code']).where('customer_no', 'like', '3000000000%').orderBy('customer_no').execute();
    expect(companies).toEqual([80001, 80002].map((seq, i) => ({ customer_no: `3000000000${5 + i}`, credit_code: creditCode(seq),
      organization_code: `${creditCode(seq).slice(8, 16)}-${creditCode(seq)[16]}` })));
    const accounts = await ctx.handle.db.selectFrom('account').select(['account_no', 'kind', 'status', 'balance']).orderBy('account_no').execute();
    expect(accounts).toEqual([
      { account_no: '6222030000000000011', kind: 'deposit_demand', status: 'active', balance: '1000.00' },
      { account_no: '6222030000000000029', kind: 'deposit_demand', status: 'active', balance: '1000.00' },
    ]);
  });

  it('refuses lines with the module\'s messages in line order, naming each value, masked when it identifies a person', async () => {
    const good = residentId('19920202', '142'); // 17th digit 4: a woman
    const badCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const r = await load({ customers: [
      person('30000000011', '钱一', badCheck),
      person('30000000012', '钱\u200B二', residentId('19920202', '162')), // refused by the reader, reported in its place
      person('30000000013', '钱三', residentId('19920202', '182'), { gender: '1' }), // the number says a woman
      person('30000000014', '钱四', residentId('19920202', '192'), { mobile: '12345' }),
      person('30000000015', '钱五', residentId('19920202', '212'), { institution: 'Z999' }), // refused over the staged set, after the row checks
      company('30000000016', '青岛三号贸易有限公司', `${creditCode(80003).slice(0, 17)}${creditCode(80003)[17] === '0' ? '1' : '0'}`),
      person('30000000011', '钱一', residentId('19920202', '232')), // the first line's number: it failed its document only, so it claimed the number
    ], accounts: [
      account('6222030000000000037', '30000000001', 'constructor'), // an inherited key of an object is no code
      account('6222030000000000045', '30000000001', 'DD', 'toString'),
      account('6222030000000000052', '30000000001'),
      account('6222030000000000052', '30000000001'),
      account('6222030000000000060', '30000000001', 'DD', 'X'),
    ] }, '2026-11-21');
    expect(r.status).toBe('rejected');
    expect(r.rejected.map((x) => [x.file.split('_')[0], x.line, x.field, x.code, x.value])).toEqual([
      ['CUSTOMERS', 1, 'id_no', 'customers.resident_id.check_digit', `${badCheck.slice(0, 6)}********${badCheck.slice(14)}`],
      ['CUSTOMERS', 2, 'name', 'common.text.invisible', 'U+200B'],
      ['CUSTOMERS', 3, 'gender', 'customers.resident_id.gender_mismatch', '1'],
      ['CUSTOMERS', 4, 'mobile', 'customers.mobile_format', '*2345'],
      ['CUSTOMERS', 6, 'id_no', 'customers.credit_code.check_character', expect.stringMatching(/^913702\*{8}\w{4}$/)],
      ['CUSTOMERS', 7, 'customer_no', 'feed.duplicate_in_file', '30000000011'],
      ['CUSTOMERS', 5, 'institution_code', 'feed.institution_unknown', 'Z999'],
      ['ACCOUNTS', 1, 'kind', 'feed.code_unknown', 'constructor'],
      ['ACCOUNTS', 2, 'status', 'feed.code_unknown', 'toString'],
      ['ACCOUNTS', 4, 'account_no', 'feed.duplicate_in_file', '6222****0052'],
      ['ACCOUNTS', 5, 'status', 'feed.code_unknown', 'X'],
    ]);
    // Nothing of the day was kept, and the screen's message names the value.
    expect(await ctx.handle.db.selectFrom('customer').select('id').where('customer_no', 'like', '3000000001%').execute()).toEqual([]);
    const items = (await admin.get(`/api/feeds/${r.runId}/rejected`)).json().items as { line: number; field: string; message: string }[];
    expect(items.find((i) => i.field === 'institution_code')!.message).toBe('机构代码不存在：Z999');
    expect(JSON.stringify(items)).not.toContain(badCheck);
  });

  it('checks dates and check characters in SQL exactly as the JS validators do', async () => {
    // Deterministic pseudo-random draws (a linear congruential generator), so a failure repeats.
    let seed = 20261204;
    const next = (n: number) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    const draw = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[next(alphabet.length)]).join('');
    const dates = [1899, 1900, 1999, 2000, 2023, 2024, 2100, 9999].flatMap((y) => Array.from({ length: 14 }, (_, m) => Array.from({ length: 33 },
      (_, d) => `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`)).flat()).concat(['2024022', '2024-02-', 'abcdefgh', '202402290']);
    const ids = Array.from({ length: 300 }, () => draw('0123456789', 17));
    const credits = Array.from({ length: 300 }, () => draw('0123456789ABCDEFGHJKLMNPQRTUWXY', 17));
    const bodies = Array.from({ length: 300 }, () => draw('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 8));
    const q = await sql<{ dates: (string | null)[]; ids: string[]; credits: string[]; bodies: string[] }>`select
      (select array_agg(to_char(feed_date(v), 'YYYY-MM-DD') order by n) from unnest(${dates}::text[]) with ordinality u(v, n)) as dates,
      (select array_agg(gb11643_check_character(v) order by n) from unnest(${ids}::text[]) with ordinality u(v, n)) as ids,
      (select array_agg(gb32100_check_character(v) order by n) from unnest(${credits}::text[]) with ordinality u(v, n)) as credits,
      (select array_agg(gb11714_check_character(v) order by n) from unnest(${bodies}::text[]) with ordinality u(v, n)) as bodies`.execute(ctx.handle.db);
    const row = q.rows[0]!;
    expect(row.dates).toEqual(dates.map(feedDate));
    expect(row.ids).toEqual(ids.map(residentIdCheckDigit));
    expect(row.credits).toEqual(credits.map(creditCodeCheckCharacter));
    expect(row.bodies).toEqual(bodies.map(organizationCodeCheckCharacter));
  });
});
