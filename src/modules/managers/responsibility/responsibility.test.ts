// The maintenance responsibility table (REL-24): the level each customer's value calls for at and
// around each threshold, the responsible person's level from his roles, agreement, the summary,
// scope, the export, and the rules as an audited setting refusing thresholds out of order.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { readWorkbook } from '../../customers/import/import.test-helpers.ts';
import { bulkInsertCustomers } from '../../customers/import/bulk-insert.ts';

let ctx: TestContext;
let headA1: Client; let admin: Client; let mgr: Client; let headB1: Client;
const c: Record<string, number> = {};

const open = (institutionId: number, names: string[]) => ctx.handle.db.transaction().execute(async (tx) =>
  (await bulkInsertCustomers(tx, ctx.system, names.map((name) => ({ kind: 'corporate' as const, name, institutionId, values: {} })), { flagDuplicates: false })).ids);
const position = (id: number, deposits: string, loans = '0', monthAvg = deposits) =>
  sql`update customer_position set deposit_balance = ${deposits}, deposit_month_avg = ${monthAvg}, loan_balance = ${loans} where customer_id = ${id}`.execute(ctx.handle.db);
const primary = (customerId: number, userId: number) =>
  ctx.handle.db.insertInto('customer_manager').values({ customer_id: customerId, user_id: userId, role: 'primary', since: '2026-01-01' }).execute();

beforeAll(async () => {
  ctx = await createTestContext();
  const headId = await ctx.addUser('rs_head_a1', ctx.bank.subA1, ['institution_head']);
  const mgrId = await ctx.addUser('rs_mgr', ctx.bank.subA1, ['primary_manager']);
  const tellerId = await ctx.addUser('rs_teller', ctx.bank.subA1, ['non_corporate_user']);
  const hoHeadId = await ctx.addUser('rs_ho_head', ctx.bank.ho, ['institution_head']);
  await ctx.addUser('rs_head_b1', ctx.bank.subB1, ['institution_head']);
  await ctx.addUser('rs_admin', ctx.bank.ho, ['head_office_admin']);
  [headA1, admin, mgr, headB1] = await Promise.all(['rs_head_a1', 'rs_admin', 'rs_mgr', 'rs_head_b1'].map((u) => ctx.login(u)));
  const names = ['顶级', '高端边界', '高端以下', '贷款户', '中端', '一般', '无人'];
  const ids = await open(ctx.bank.subA1, names.map((n) => `责任表${n}有限公司`));
  names.forEach((n, i) => { c[n] = ids[i]!; });
  await position(c['顶级']!, '10000000.00');           // at the head-office bar → head office
  await position(c['高端边界']!, '1000000.00');        // at the high-end bar → outlet head
  await position(c['高端以下']!, '999999.99');         // just below → customer manager (middle deposits)
  await position(c['贷款户']!, '0.00', '1.00');        // any loan → customer manager
  await position(c['中端']!, '100000.00');             // at the middle bar → customer manager
  await position(c['一般']!, '99999.99');              // just below → teller
  await position(c['无人']!, '5.00');
  await primary(c['顶级']!, hoHeadId);      // agrees
  await primary(c['高端边界']!, mgrId);     // too junior
  await primary(c['高端以下']!, mgrId);     // agrees
  await primary(c['贷款户']!, tellerId);    // too junior
  await primary(c['中端']!, headId);        // more senior
  await primary(c['一般']!, tellerId);      // agrees
  await open(ctx.bank.subB1, ['责任表乙行有限公司']);
});
afterAll(async () => { await ctx?.close(); });

const byName = (items: { name: string; proposed: string; actual: string | null; agreement: string }[]) =>
  Object.fromEntries(items.map((i) => [i.name.replace(/^责任表|有限公司$/g, ''), [i.proposed, i.actual, i.agreement]]));

describe('the maintenance responsibility table (1对N维护责任表)', () => {
  it('proposes each customer\'s level at and around each threshold and says whether the person answering for it agrees', async () => {
    const res = await headA1.get('/api/responsibility?pageSize=50');
    expect(res.statusCode, res.body).toBe(200);
    expect(byName(res.json().items)).toEqual({
      顶级: ['head_office', 'head_office', 'match'],
      高端边界: ['outlet_head', 'customer_manager', 'below'],
      高端以下: ['customer_manager', 'customer_manager', 'match'],
      贷款户: ['customer_manager', 'teller', 'below'],
      中端: ['customer_manager', 'outlet_head', 'above'],
      一般: ['teller', 'teller', 'match'],
      无人: ['teller', null, 'unassigned'],
    });
    // The most senior first, then by deposits.
    expect(res.json().items.slice(0, 2).map((i: { name: string }) => i.name)).toEqual(['责任表顶级有限公司', '责任表高端边界有限公司']);
    const below = (await headA1.get('/api/responsibility?agreement=below')).json();
    expect([below.total, ...below.items.map((i: { name: string }) => i.name).sort()]).toEqual([2, ...['责任表高端边界有限公司', '责任表贷款户有限公司'].sort()]);
    expect((await headA1.get('/api/responsibility?proposed=teller')).json().total).toBe(2);
  });

  it('counts proposed × actual levels; another branch\'s head sees only his customers; a manager sees his own', async () => {
    const cells = (await headA1.get('/api/responsibility/summary')).json().cells as { proposed: string; actual: string | null; customers: number }[];
    expect(cells.find((x) => x.proposed === 'customer_manager' && x.actual === 'customer_manager')?.customers).toBe(1);
    expect(cells.reduce((n, x) => n + x.customers, 0)).toBe(7);
    expect((await headB1.get('/api/responsibility')).json().items.map((i: { name: string }) => i.name)).toEqual(['责任表乙行有限公司']);
    // A manager's own table: the customers he is primary manager of (his data scope).
    expect((await mgr.get('/api/responsibility')).json().items.map((i: { name: string }) => i.name).sort()).toEqual(['责任表高端以下有限公司', '责任表高端边界有限公司'].sort());
  });

  it('exports the table as a watermarked workbook, audited', async () => {
    const res = await headA1.get('/api/responsibility/export?agreement=below', { 'accept-language': 'zh-CN' });
    expect(res.statusCode, res.body).toBe(200);
    const ws = (await readWorkbook(res.rawPayload)).worksheets[0]!;
    expect(String(ws.getRow(1).getCell(1).value)).toContain('仅限内部使用');
    expect(ws.getRow(3).getCell(7).value).toBe('营业单位负责人');
    expect(ws.getRow(3).getCell(10).value).toBe('责任人层级偏低');
    expect(ws.rowCount).toBe(4);
    const audit = await ctx.handle.db.selectFrom('audit_log').select(['action', 'after']).where('id', '=', await lastAuditId(ctx)).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'responsibility.export', after: { rowCount: 2 } });
  });

  it('takes head office\'s thresholds (audited) and refuses them out of order or malformed, changing nothing', async () => {
    const rules = (await admin.get('/api/settings/responsibility-rules')).json();
    const bad = await admin.put('/api/settings/responsibility-rules', { ...rules, outletHead: { deposit: '20000000.00', loan: '2000000.00' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'headOffice.deposit', code: 'managers.responsibility.not_ascending' })]));
    for (const hostile of [{ ...rules, basis: "balance'; drop table customer; --" }, { ...rules, customerManager: { deposit: '-1' } }, { ...rules, extra: 1 }]) {
      expect((await admin.put('/api/settings/responsibility-rules', hostile)).statusCode).toBe(422);
    }
    expect((await headA1.put('/api/settings/responsibility-rules', rules)).statusCode).toBe(403);
    // On the month's daily average, the customer whose month average is lower drops a level.
    const ok = await admin.put('/api/settings/responsibility-rules', { ...rules, basis: 'month_avg' });
    expect(ok.statusCode, ok.body).toBe(200);
    await position(c['高端边界']!, '1000000.00', '0', '500000.00');
    expect(byName((await headA1.get('/api/responsibility?pageSize=50')).json().items)['高端边界']).toEqual(['customer_manager', 'customer_manager', 'match']);
    const audit = await ctx.handle.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'setting.update').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.entity_id).toBe('managers.responsibility_rules');
  });
});
