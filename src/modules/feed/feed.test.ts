// The daily feed end to end on small hand-made folders: both layouts and both encodings, a day
// loaded whole or not at all, reloads, every rejected row reported, and CIF-8 field ownership.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';
import { residentId } from '../customers/import/import.test-helpers.ts';
import { loadFeed } from './feed.service.ts';
import { removeFolders, tempDir, writeDay, type Rows } from './feed.test-helpers.ts';

let ctx: TestContext;
let clerk: Client;
let crmCustomer: { id: number; no: string };
const CRM_ID = residentId('19800101', '123');
const CORE_ID = residentId('19900315', '456');
const CORE_NO = '10000000001';

const load = (dir: string, date: string) => loadFeed(ctx.handle.db, ctx.system, dir, date, 'cli');

// A day's state, to compare before and after a refused or reloaded day.
async function snapshot() {
  const q = async (text: string) => (await sql.raw(text).execute(ctx.handle.db)).rows;
  return {
    accounts: await q('select account_no, customer_id, status, balance::text, maturity_on from account order by account_no'),
    averages: await q('select * from account_average order by account_id'),
    periods: await q('select * from account_average_period order by account_id, period_kind'),
    balances: await q('select business_date, account_id, balance::text from account_balance order by 1, 2'),
    institutions: await q('select * from institution_average order by business_date, institution_id, category, currency'),
    transactions: await q('select business_date, txn_no, amount::text from account_transaction order by 1, 2'),
    customers: await q("select customer_no, name, origin, version from customer order by customer_no"),
    personal: await q('select customer_id, mobile, home_address, email from personal_customer order by customer_id'),
    history: await q("select count(*)::int as n from customer_history where source = 'feed'"),
  };
}

const customersDay1 = (): string[][] => [
  // A customer the core opened: unknown number → opened with origin core.
  [CORE_NO, '1', '李四', '10', CORE_ID, '20360101', '', '', 'CHN', '13900000001', '山东省青岛市市南区香港中路1号', '266071', 'A110'],
  // The CRM's own customer: the core sends a new mobile (key field) and an address (not its field here).
  [crmCustomer.no, '1', '张三', '10', CRM_ID, '20400101', '', '', 'CHN', '13800000002', '核心系统的地址', '266000', 'A110'],
];
const accountsDay1 = (): string[][] => [
  ['6222020000000000011', CORE_NO, '1010000001', 'DD', 'CNY', 'A110', '20261101', '', 'A', '1000.00', '0.3500', '', '', '', '', ''],
  ['6222020000000000029', crmCustomer.no, '1020000001', 'TD', 'CNY', 'A110', '20261115', '', 'A', '50000.00', '1.5500', '20271115', '12', '', '', ''],
];

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('fd_pm', ctx.bank.ho, ['product_manager']);
  await ctx.addUser('fd_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  const pm = await ctx.login('fd_pm');
  clerk = await ctx.login('fd_clerk');
  for (const p of [{ id: '1010000001', nameZh: '个人活期存款', nameEn: 'Personal demand deposit', category: 'deposit', subType: 'demand', currency: 'CNY' },
    { id: '1020000001', nameZh: '个人定期存款', nameEn: 'Personal time deposit', category: 'deposit', subType: 'time', currency: 'CNY' }]) {
    expect((await pm.post('/api/products', p)).statusCode).toBe(201);
  }
  const res = await clerk.post('/api/customers', { kind: 'personal', name: '张三', identities: [{ idType: '10', idNumber: CRM_ID, expiresOn: '2030-01-01' }],
    mobile: '13800000001', homeAddress: '客户经理录入的地址', email: 'zhangsan@example.com' });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as number;
  crmCustomer = { id, no: (await ctx.handle.db.selectFrom('customer').select('customer_no').where('id', '=', id).executeTakeFirstOrThrow()).customer_no };
});
afterAll(async () => {
  await ctx?.close();
  removeFolders();
});

describe('daily feed', () => {
  it('loads a delimited UTF-8 day whole: customers, accounts, balances, averages, transactions', async () => {
    const since = await lastAuditId(ctx);
    const dir = writeDay('2026-11-20', {
      customers: customersDay1(), accounts: accountsDay1(),
      balances: [['6222020000000000011', '1000.00'], ['6222020000000000029', '50000.00']],
      transactions: [['J0001', '6222020000000000011', '093015', 'C', '1000.00', '1000.00', '01', '', '', '现金存入']],
    });
    const r = await load(dir, '2026-11-20');
    expect(r.rejected).toEqual([]);
    expect(r.status, r.error ?? '').toBe('loaded');
    expect(r.counts).toMatchObject({ customersOpened: 1, customersUpdated: 1, accountsOpened: 2, balances: 2, transactions: 1 });
    const core = await ctx.handle.db.selectFrom('customer').innerJoin('personal_customer', 'customer_id', 'id')
      .select(['origin', 'name', 'mobile', 'home_address', 'birth_date', 'gender']).where('customer_no', '=', CORE_NO).executeTakeFirstOrThrow();
    // Birth date and gender come from the ID number, as for any opening.
    expect(core).toEqual({ origin: 'core', name: '李四', mobile: '13900000001', home_address: '山东省青岛市市南区香港中路1号', birth_date: '1990-03-15', gender: '2' }); // sequence 456: even, female
    const audit = await ctx.handle.db.selectFrom('audit_log').select('action').where('id', '>', since).execute();
    expect(audit.map((a) => a.action)).toContain('feed.load');
    const run = await ctx.handle.db.selectFrom('feed_run').selectAll().where('id', '=', r.runId).executeTakeFirstOrThrow();
    expect(run.status).toBe('loaded');
  });

  it('overwrites core-owned fields and never CRM-owned ones (CIF-8)', async () => {
    const crm = await ctx.handle.db.selectFrom('personal_customer').select(['mobile', 'home_address', 'email']).where('customer_id', '=', crmCustomer.id).executeTakeFirstOrThrow();
    // CRM-created number: the core owns only the key fields — the mobile changes, the address the
    // manager keyed stays, and the e-mail (never in the feed) stays.
    expect(crm).toEqual({ mobile: '13800000002', home_address: '客户经理录入的地址', email: 'zhangsan@example.com' });
    const identity = await ctx.handle.db.selectFrom('customer_identity').select('expires_on').where('customer_id', '=', crmCustomer.id).executeTakeFirstOrThrow();
    expect(identity.expires_on).toBe('2040-01-01');
    const history = await ctx.handle.db.selectFrom('customer_history').select(['field', 'old_value', 'new_value', 'source'])
      .where('customer_id', '=', crmCustomer.id).where('source', '=', 'feed').orderBy('field').execute();
    expect(history).toEqual([
      { field: 'idExpiresOn', old_value: '2030-01-01', new_value: '2040-01-01', source: 'feed' },
      { field: 'mobile', old_value: '13800000001', new_value: '13800000002', source: 'feed' },
    ]);
  });

  it('loads the next day fixed-width in GB18030 and updates a core customer\'s full fields', async () => {
    const dir = writeDay('2026-11-21', {
      customers: [[CORE_NO, '1', '李四', '10', CORE_ID, '20360101', '', '', 'CHN', '13900000009', '山东省青岛市崂山区新地址8号', '266100', 'A110']],
      balances: [['6222020000000000011', '3000.00'], ['6222020000000000029', '50000.00']],
      transactions: [['J0002', '6222020000000000011', '101500', 'C', '2000.00', '3000.00', '05', '6222999900001111', '王五', '转账汇入']],
    }, 'fixed', 'GB18030');
    const r = await load(dir, '2026-11-21');
    expect(r.rejected).toEqual([]);
    expect(r.status).toBe('loaded');
    const core = await ctx.handle.db.selectFrom('customer').innerJoin('personal_customer', 'customer_id', 'id')
      .select(['mobile', 'home_address', 'home_postcode']).where('customer_no', '=', CORE_NO).executeTakeFirstOrThrow();
    expect(core).toEqual({ mobile: '13900000009', home_address: '山东省青岛市崂山区新地址8号', home_postcode: '266100' });
    const txn = await ctx.handle.db.selectFrom('account_transaction').select(['counterparty_name', 'summary', 'channel', 'txn_time']).where('txn_no', '=', 'J0002').executeTakeFirstOrThrow();
    expect(txn).toEqual({ counterparty_name: '王五', summary: '转账汇入', channel: '05', txn_time: '10:15:00' });
    // Demand account: Nov 1–19 count 0 (opened Nov 1, first record Nov 20), Nov 20 1000, Nov 21 3000 → 4000 over 21 days.
    const a = await sql<{ month_sum: string; month_days: number }>`select month_sum::text, month_days from account_average v join account a on a.id = v.account_id
      where a.account_no = '6222020000000000011'`.execute(ctx.handle.db);
    expect(a.rows[0]).toEqual({ month_sum: '4000.00', month_days: 21 });
    // Institution A110, deposits: the demand account's 4000 + the time deposit's 50000 × 2 (opened Nov 15, first
    // record Nov 20: Nov 15–19 count 0.00 by the rule) = 104000 over the month's 21 calendar days.
    const inst = await ctx.handle.db.selectFrom('institution_average').select(['accounts', 'balance', 'month_sum'])
      .where('business_date', '=', '2026-11-21').where('institution_id', '=', ctx.bank.subA1).where('category', '=', 'deposit').executeTakeFirstOrThrow();
    expect(inst).toEqual({ accounts: 2, balance: '53000.00', month_sum: '104000.00' });
  });

  it('reloading a day gives identical totals', async () => {
    const rows: Rows = {
      balances: [['6222020000000000011', '3000.00'], ['6222020000000000029', '50000.00']],
      transactions: [['J0002', '6222020000000000011', '101500', 'C', '2000.00', '3000.00', '05', '6222999900001111', '王五', '转账汇入']],
    };
    const before = await snapshot();
    const r = await load(writeDay('2026-11-21', rows), '2026-11-21');
    expect(r.status).toBe('loaded');
    expect(await snapshot()).toEqual(before);
    // A reload with a different balance replaces the day: 4000 → 1000 + 5000 over the same 21 days.
    await load(writeDay('2026-11-21', { balances: [['6222020000000000011', '5000.00'], ['6222020000000000029', '50000.00']] }), '2026-11-21');
    const a = await sql<{ month_sum: string; month_days: number }>`select month_sum::text, month_days from account_average v join account a on a.id = v.account_id
      where a.account_no = '6222020000000000011'`.execute(ctx.handle.db);
    expect(a.rows[0]).toEqual({ month_sum: '6000.00', month_days: 21 });
    await load(writeDay('2026-11-21', rows), '2026-11-21');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses the whole day when a row fails, reports every rejected row, and leaves the previous state intact', async () => {
    const before = await snapshot();
    const dir = writeDay('2026-11-22', {
      customers: [[CORE_NO, '1', '李四（改名）', '10', CORE_ID, '20360101', '', '', 'CHN', '1390000000X', '', '', 'A110']],
      accounts: [['6222020000000000037', CORE_NO, '1010000001', 'DD', 'CNY', 'A110', '20261122', '', 'A', '1.00', '', '', '', '', '', '']],
      balances: [['6222020000000000011', '3100.00'], ['6222020000000000029', 'abc'], ['6222020000000000099', '1.00'], ['6222020000000000011', '1.00'],
        ["'; drop table account; --", '1.00']],
    });
    const r = await load(dir, '2026-11-22');
    expect(r.status).toBe('rejected');
    expect(r.rejected.map((x) => [x.file.split('_')[0], x.line, x.field, x.code])).toEqual([
      ['CUSTOMERS', 1, 'mobile', expect.stringMatching(/mobile/)],
      ['BALANCES', 2, 'balance', 'feed.money_format'],
      ['BALANCES', 5, 'account_no', 'feed.account_no'],
      ['BALANCES', 3, 'account_no', 'feed.account_unknown'],
      ['BALANCES', 4, 'account_no', 'feed.duplicate_in_file'],
    ]);
    expect(r.rejectedTotal).toBe(5);
    // The new account of the refused day was not kept either: nothing of the day remains.
    expect(await snapshot()).toEqual(before);
    const run = await ctx.handle.db.selectFrom('feed_run').select(['status', 'rejected_total']).where('id', '=', r.runId).executeTakeFirstOrThrow();
    expect(run).toEqual({ status: 'rejected', rejected_total: 5 });
  });

  it('refuses a truncated file, a missing control file and a day older than the latest loaded', async () => {
    const before = await snapshot();
    const short = await load(writeDay('2026-11-22', { balances: [['6222020000000000011', '1.00']] }, 'delimited', 'UTF-8', { balances: 2 }), '2026-11-22');
    expect(short.rejected.map((x) => x.code)).toEqual(['feed.record_count']);
    const missing = await load(tempDir('crm-feed-empty-'), '2026-11-22');
    expect(missing.rejected.map((x) => x.code)).toEqual(['feed.control_missing']);
    // A date after today is a typo that would block every real day after it: refused before anything is read.
    await expect(load(writeDay('2062-11-25', { balances: [['6222020000000000011', '1.00']] }), '2062-11-25')).rejects.toMatchObject({ status: 422, fieldErrors: [{ path: 'businessDate', code: 'feed.date_future' }] });
    const old = await load(writeDay('2026-11-19', { balances: [['6222020000000000011', '1.00']] }), '2026-11-19');
    expect(old.rejected.map((x) => x.code)).toEqual(['feed.day_superseded']);
    expect(await snapshot()).toEqual(before);
  });

  it('rolls back a day that fails in the database half-way and records the failure', async () => {
    const before = await snapshot();
    // Injected failure: the transactions insert fails after customers, accounts and balances were applied.
    await sql`create function boom() returns trigger language plpgsql as $$ begin raise exception 'injected failure'; end $$`.execute(ctx.handle.db);
    await sql`create trigger boom before insert on account_transaction for each row when (new.txn_no = 'BOOM') execute function boom()`.execute(ctx.handle.db);
    try {
      const r = await load(writeDay('2026-11-22', {
        customers: [[CORE_NO, '1', '李四', '10', CORE_ID, '20360101', '', '', 'CHN', '13900000077', '', '', 'A110']],
        balances: [['6222020000000000011', '9999.00'], ['6222020000000000029', '50000.00']],
        transactions: [['BOOM', '6222020000000000011', '101500', 'C', '1.00', '', '01', '', '', '']],
      }), '2026-11-22');
      expect(r.status).toBe('failed');
      expect(r.error).toMatch(/injected failure/);
    } finally {
      await sql`drop trigger boom on account_transaction`.execute(ctx.handle.db).catch(() => undefined);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('shows the history and the rejected rows to feed.read only, and loads a date from the inbox', async () => {
    await ctx.addUser('fd_admin', ctx.bank.ho, ['head_office_admin']);
    const admin = await ctx.login('fd_admin');
    expect((await clerk.get('/api/feeds')).statusCode).toBe(403);
    const list = await admin.get('/api/feeds?pageSize=100');
    expect(list.statusCode).toBe(200);
    const runs = list.json().items as { id: number; status: string; rejectedTotal: number }[];
    expect(runs.map((r) => r.status)).toEqual(expect.arrayContaining(['loaded', 'rejected', 'failed']));
    const refused = runs.find((r) => r.rejectedTotal === 5)!;
    const rejected = await admin.get(`/api/feeds/${refused.id}/rejected`);
    expect(rejected.json().items[1]).toMatchObject({ line: 2, field: 'balance', code: 'feed.money_format', message: '金额格式不正确（元，最多两位小数）：abc' });
    const csv = await admin.get(`/api/feeds/${refused.id}/rejected.csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.startsWith('\ufeff文件,行号,字段')).toBe(true);
    // Account numbers in the report are masked: operations staff may not see personal data.
    expect(csv.body).toContain('6222****0099');
    expect(csv.body).not.toContain('6222020000000000099');
    expect((await admin.get('/api/feeds/999999/rejected')).statusCode).toBe(404);

    const inbox = tempDir('crm-inbox-');
    delete process.env.CRM_FEED_INBOX;
    expect((await admin.post('/api/feeds/load', { businessDate: '2026-11-22' })).json().code).toBe('feed.inbox_unset');
    process.env.CRM_FEED_INBOX = inbox;
    try {
      const day = writeDay('2026-11-22', { balances: [['6222020000000000011', '3000.00'], ['6222020000000000029', '50000.00']] });
      mkdirSync(join(inbox, '20261122'));
      for (const f of ['CRM_FEED_20261122.ctl', 'BALANCES_20261122.txt']) writeFileSync(join(inbox, '20261122', f), readFileSync(join(day, f)));
      expect((await clerk.post('/api/feeds/load', { businessDate: '2026-11-22' })).statusCode).toBe(403);
      expect((await admin.post('/api/feeds/load', { businessDate: '2026-11-22x' })).statusCode).toBe(400);
      const r = await admin.post('/api/feeds/load', { businessDate: '2026-11-22' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ status: 'loaded', counts: { balances: 2 } });
    } finally {
      delete process.env.CRM_FEED_INBOX;
    }
  });

  it('gives an institution\'s daily averages over its subtree, to heads in scope only', async () => {
    await ctx.addUser('fd_head_a', ctx.bank.branchA, ['institution_head']);
    await ctx.addUser('fd_head_b', ctx.bank.branchB, ['institution_head']);
    const [headA, headB] = await Promise.all([ctx.login('fd_head_a'), ctx.login('fd_head_b')]);
    const r = await headA.get(`/api/institutions/${ctx.bank.branchA}/averages?asOf=2026-11-22`);
    expect(r.statusCode, r.body).toBe(200);
    // Sub-branch A110 under branch A, deposits as of Nov 22: demand 1000 + 3000 + 3000, time deposit 3 × 50000
    // (Nov 15–19 count 0.00) = 157000. Month: ÷ 22 days = 7136.36; quarter (Oct 1–Nov 22): ÷ 53 = 2962.26;
    // year: ÷ 326 = 481.595… → 481.60.
    expect(r.json().items).toEqual([{ category: 'deposit', currency: 'CNY', accounts: 2, balance: '53000.00', month: '7136.36', quarter: '2962.26', year: '481.60' }]);
    // The first feed day was Nov 20 and no opening position was loaded: every period began before it.
    expect(r.json().partial).toEqual(['month', 'quarter', 'year']);
    expect((await headB.get(`/api/institutions/${ctx.bank.branchA}/averages`)).statusCode).toBe(404);
    expect((await clerk.get(`/api/institutions/${ctx.bank.branchA}/averages`)).statusCode).toBe(403);
    expect((await headA.get(`/api/institutions/${ctx.bank.branchA}/averages?asOf=2026-02-30`)).statusCode).toBe(400);
    // A day without a load answers with the latest loaded day before it.
    expect((await headA.get(`/api/institutions/${ctx.bank.branchA}/averages?asOf=2026-11-24`)).json()).toMatchObject({ asOf: '2026-11-22' });
    // A manager who sees only his own customers does not get branch totals (they would reveal others' balances).
    await ctx.addUser('fd_assist', ctx.bank.subA1, ['assisting_manager']);
    expect((await (await ctx.login('fd_assist')).get(`/api/institutions/${ctx.bank.subA1}/averages`)).statusCode).toBe(403);
  });
  it('keeps text exactly as sent through staging, follows an account moved on a day without its balance, refuses a NUL byte', async () => {
    const summary = 'C:\\代发\\工资\t奖金 \\N';
    const r = await load(writeDay('2026-11-23', {
      // The time deposit moves to sub-branch A120; only the demand account has a balance today.
      accounts: [['6222020000000000029', crmCustomer.no, '1020000001', 'TD', 'CNY', 'A120', '20261115', '', 'A', '50000.00', '1.5500', '20271115', '12', '', '', '']],
      balances: [['6222020000000000011', '3000.00']],
      transactions: [['J0003', '6222020000000000011', '080000', 'D', '0.01', '3000.00', '01', '', '', summary]],
    }), '2026-11-23');
    expect(r.rejected).toEqual([]);
    const txn = await ctx.handle.db.selectFrom('account_transaction').select('summary').where('txn_no', '=', 'J0003').executeTakeFirstOrThrow();
    expect(txn.summary).toBe(summary);
    // Its running totals carry it forward (50000 × 3 + 50000 today) under its new institution.
    const inst = await ctx.handle.db.selectFrom('institution_average').select(['institution_id', 'accounts', 'balance', 'month_sum'])
      .where('business_date', '=', '2026-11-23').where('category', '=', 'deposit').orderBy('institution_id').execute();
    expect(inst).toEqual([
      { institution_id: ctx.bank.subA1, accounts: 1, balance: '3000.00', month_sum: '10000.00' },
      { institution_id: ctx.bank.subA2, accounts: 1, balance: '50000.00', month_sum: '200000.00' },
    ]);
    const nul = await load(writeDay('2026-11-24', { balances: [['62220200000\u000000011', '1.00']] }), '2026-11-24');
    expect(nul.rejected.map((x) => [x.line, x.code])).toEqual([[1, 'feed.encoding']]);
  });

  it('rejects customer records with hidden characters at their field, changing nothing, and keeps rare names in NFC', async () => {
    const before = await snapshot();
    const row = (no: string, name: string, address: string, seq: string) => [no, '1', name, '10', residentId('19920202', seq), '', '', '', 'CHN', '', address, '', 'A110'];
    for (const layout of ['delimited', 'fixed'] as const) {
      const r = await load(writeDay('2026-11-25', { customers: [
        row('10000000011', '张三\u202E', '', '511'), row('10000000012', '王芳', '青岛\u200B市南区', '521'), row('10000000013', '李\u00AD四', '', '531'),
      ], balances: [['6222020000000000011', '3000.00']] }, layout), '2026-11-25');
      expect(r.status).toBe('rejected');
      expect(r.rejected.map((x) => [x.line, x.field, x.code, x.value])).toEqual([
        [1, 'name', 'common.text.bidi_control', 'U+202E'], [2, 'address', 'common.text.invisible', 'U+200B'], [3, 'name', 'common.text.invisible', 'U+00AD'],
      ]);
      expect(await snapshot()).toEqual(before);
    }
    const ok = await load(writeDay('2026-11-25', { customers: [row('10000000014', '𠮷𡈼', '', '541'), row('10000000015', '阿依古丽·买买提', 'Cafe\u0301 1号', '551')],
      balances: [['6222020000000000011', '3000.00']] }), '2026-11-25');
    expect(ok.rejected).toEqual([]);
    const rows = await ctx.handle.db.selectFrom('customer').innerJoin('personal_customer', 'customer_id', 'id').select(['name', 'home_address'])
      .where('customer_no', 'in', ['10000000014', '10000000015']).orderBy('customer_no').execute();
    expect(rows).toEqual([{ name: '𠮷𡈼', home_address: null }, { name: '阿依古丽·买买提', home_address: 'Caf\u00e9 1号' }]);
  });
});
