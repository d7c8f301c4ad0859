// CIF-28 financial statements through the HTTP API: entry with exact ratios (checked against
// PostgreSQL's numeric), the balance-sheet and period rules, one statement per period, optimistic
// locking, logical removal, audit, scope, permission, corporate only, hostile input.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../../common/business-date.ts';
import { creditCodeCheckCharacter } from '../../../common/validators/credit-code.ts';
import { organizationCodeCheckCharacter } from '../../../common/validators/organization-code.ts';
import { residentIdCheckDigit } from '../../../common/validators/resident-id.ts';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { ratio } from './credit-info.ratios.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let reviewA: Client;
let mgrA1: Client;
let co: number;

const lastYear = Number(businessToday().slice(0, 4)) - 1;
const creditCode = (org8: string) => { const body = `91370200${org8}${organizationCodeCheckCharacter(org8)}`; return body + creditCodeCheckCharacter(body); };
const statement = (over: Record<string, unknown> = {}) => ({
  fiscalYear: lastYear, periodType: 'annual', audited: true, auditor: '信永中和会计师事务所',
  totalAssets: '12500000.00', currentAssets: '5000000', totalLiabilities: '7812500.00', currentLiabilities: 3750000,
  ownersEquity: '4687500.00', operatingRevenue: '9000000.00', operatingCost: '7200000.00', totalProfit: '960000.00',
  netProfit: '720000.00', operatingCashFlow: '-150000.00', ...over,
});
const url = (id: number, sid?: number) => `/api/customers/${id}/financials${sid ? `/${sid}` : ''}`;
const rowsOf = (id: number) => ctx.handle.db.selectFrom('financial_statement').selectAll().where('customer_id', '=', id).orderBy('id').execute();

async function openCorporate(name: string, org8: string) {
  const res = await clerkA1.post('/api/customers', { kind: 'corporate', name, creditCode: creditCode(org8) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('fs_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('fs_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('fs_review_a', ctx.bank.branchA, ['data_review_clerk']);
  await ctx.addUser('fs_mgr_a1', ctx.bank.subA1, ['primary_manager']);
  [clerkA1, clerkB1, reviewA, mgrA1] = await Promise.all(['fs_clerk_a1', 'fs_clerk_b1', 'fs_review_a', 'fs_mgr_a1'].map((u) => ctx.login(u)));
  co = await openCorporate('青岛海川机械有限公司', '26410373');
});
afterAll(() => ctx?.close());

describe('entering statements', () => {
  let sid: number;

  it('stores a balanced annual statement and lists it with its ratios, audited', async () => {
    const since = await lastAuditId(ctx);
    const res = await clerkA1.post(url(co), statement());
    expect(res.statusCode, res.body).toBe(201);
    sid = res.json().id;
    expect(res.json().ratios).toEqual({ assetLiabilityRatio: '62.50', currentRatio: '1.33', netMargin: '8.00' });
    const list = (await reviewA.get(url(co))).json();
    expect(list).toEqual([expect.objectContaining({
      id: sid, fiscalYear: lastYear, periodType: 'annual', period: 1, audited: true, currency: 'CNY', totalAssets: '12500000.00',
      currentAssets: '5000000.00', currentLiabilities: '3750000.00', operatingCashFlow: '-150000.00', version: 1, updatedBy: 'fs_clerk_a1',
      ratios: { assetLiabilityRatio: '62.50', currentRatio: '1.33', netMargin: '8.00' },
    })]);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['customer.financials.create']);
    expect(audit[0]!.after).toMatchObject({ statementId: sid, fiscalYear: lastYear, totalAssets: '12500000.00', currentAssets: '5000000.00' });
  });

  it('computes every ratio exactly as PostgreSQL numeric rounds it', async () => {
    const pairs: [string, string][] = [['7812500.00', '12500000.00'], ['5', '8'], ['-5', '8'], ['1', '3'], ['-0.01', '3'],
      ['9999999999999999.99', '7.77'], ['123456789.12', '987654321.98'], ['-720000.00', '9000000.00']];
    for (const [n, d] of pairs) {
      const { rows } = await sql<{ r: string }>`select round(${n}::numeric * 100 / ${d}::numeric, 2)::text as r`.execute(ctx.handle.db);
      expect(ratio(n, d, 100n), `${n} / ${d}`).toBe(rows[0]!.r);
    }
  });

  it('refuses a sheet that does not balance and current figures above totals, all at once, in both languages, writing nothing', async () => {
    const since = await lastAuditId(ctx);
    const bad = statement({ periodType: 'semiannual', period: 1, ownersEquity: '4687498.99', currentAssets: '12500000.01', currentLiabilities: '7812500.01' });
    const res = await clerkA1.post(url(co), bad);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['totalAssets', 'credit.financials.unbalanced'], ['currentAssets', 'credit.financials.current_assets_exceed'],
      ['currentLiabilities', 'credit.financials.current_liabilities_exceed']]);
    expect(res.json().errors[0].message).toContain('相差 1.01 元');
    const en = await clerkA1.post(url(co), bad, { 'accept-language': 'en-US' });
    expect(en.json().errors[0].message).toContain('does not balance');
    expect(await rowsOf(co)).toHaveLength(1);
    expect(await auditSince(ctx, since)).toEqual([]);
    // One yuan of rounding is accepted.
    const ok = await clerkA1.post(url(co), statement({ periodType: 'semiannual', period: 1, ownersEquity: '4687499.00' }));
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('checks formats before anything else: negatives, float noise, 17 digits, wrong types, unknown keys', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ totalAssets: '-1.00' }, 'body.totalAssets', '不能为负数'],
      [{ operatingRevenue: 0.1 + 0.2 }, 'body.operatingRevenue', '金额格式不正确'],
      [{ totalAssets: '12345678901234567.00' }, 'body.totalAssets', '金额格式不正确'],
      [{ netProfit: '1.234' }, 'body.netProfit', '金额格式不正确'],
      [{ fiscalYear: '2024' }, 'body.fiscalYear', ''],
      [{ periodType: 'weekly' }, 'body.periodType', ''],
      [{ audited: 'yes' }, 'body.audited', ''],
      [{ remark: 'x'.repeat(201) }, 'body.remark', ''],
      [{ grossMargin: '1' }, 'body.grossMargin', '不允许的字段'],
    ];
    for (const [over, path, text] of cases) {
      const res = await clerkA1.post(url(co), statement({ periodType: 'quarterly', period: 1, ...over }));
      expect(res.statusCode, JSON.stringify(over)).toBe(400);
      const e = res.json().errors.find((x: { path: string }) => x.path === path);
      expect(e, `${JSON.stringify(over)} → ${res.body}`).toBeDefined();
      expect(e.message).toContain(text);
    }
    expect(await rowsOf(co)).toHaveLength(2);
  });

  it('checks the period, the auditor and the currency against the rules and code tables', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ periodType: 'quarterly', period: 5 }, 'period', 'credit.financials.period_range'],
      [{ periodType: 'annual', period: 2 }, 'period', 'credit.financials.period_range'],
      [{ fiscalYear: lastYear + 2 }, 'period', 'credit.financials.period_not_ended'],
      [{ audited: true, auditor: null }, 'auditor', 'credit.financials.auditor_required'],
      [{ audited: false }, 'auditor', 'credit.financials.auditor_unaudited'],
      [{ currency: 'XYZ' }, 'currency', 'codes.item.unknown'],
    ];
    for (const [over, path, code] of cases) {
      const res = await clerkA1.post(url(co), statement({ periodType: 'monthly', period: 3, ...over }));
      expect(res.statusCode, JSON.stringify(over)).toBe(422);
      expect(res.json().errors, JSON.stringify(over)).toEqual([expect.objectContaining({ path, code })]);
    }
    const usd = await clerkA1.post(url(co), statement({ periodType: 'monthly', period: 3, currency: 'usd', audited: false, auditor: '' }));
    expect(usd.statusCode, usd.body).toBe(201);
    expect((await rowsOf(co)).at(-1)).toMatchObject({ currency: 'USD', audited: false, auditor: null });
  });

  it('keeps one statement per period; a removed one is kept, marked deleted, and frees its period', async () => {
    const dup = await clerkA1.post(url(co), statement());
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors[0]).toMatchObject({ path: 'period', code: 'credit.financials.duplicate_period', message: expect.stringContaining(String(lastYear)) });
    const since = await lastAuditId(ctx);
    expect((await clerkA1.delete(url(co, sid))).statusCode).toBe(200);
    expect((await reviewA.get(url(co))).json().some((s: { id: number }) => s.id === sid)).toBe(false);
    expect((await rowsOf(co)).find((r) => r.id === sid)).toMatchObject({ deleted_at: expect.any(Date), deleted_by: expect.any(Number) });
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['customer.financials.delete']);
    expect(audit[0]!.before).toMatchObject({ statementId: sid, totalAssets: '12500000.00' });
    expect((await clerkA1.delete(url(co, sid))).statusCode).toBe(404);
    expect((await clerkA1.patch(url(co, sid), { version: 2, remark: '改' })).statusCode).toBe(404);
    const again = await clerkA1.post(url(co), statement());
    expect(again.statusCode).toBe(201);
    sid = again.json().id;
    // The database keeps the rule for any other writer.
    await expect(ctx.handle.db.insertInto('financial_statement').values({ customer_id: co, fiscal_year: lastYear, period_type: 'annual', period: 1,
      total_assets: 1, total_liabilities: 1, owners_equity: 0, operating_revenue: 0, net_profit: 0, created_by: null, updated_by: null }).execute()).rejects.toThrow(/financial_statement_period_key/);
  });

  it('corrects a statement under its version: ratios follow, the whole sheet is re-checked, audit names only the changes', async () => {
    const since = await lastAuditId(ctx);
    const res = await clerkA1.patch(url(co, sid), { version: 1, netProfit: '900000', operatingCashFlow: null });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, changed: 2, ratios: { netMargin: '10.00' } });
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['customer.financials.update']);
    expect(audit[0]!.before).toEqual({ statementId: sid, netProfit: '720000.00', operatingCashFlow: '-150000.00' });
    expect(audit[0]!.after).toMatchObject({ netProfit: '900000.00', operatingCashFlow: null });
    expect(audit[0]!.after).not.toHaveProperty('totalAssets');
    const unchanged = await clerkA1.patch(url(co, sid), { version: 2, netProfit: '900000.00' });
    expect(unchanged.json()).toMatchObject({ version: 2, changed: 0 });
    const unbalanced = await clerkA1.patch(url(co, sid), { version: 2, totalAssets: '13000000' });
    expect(unbalanced.json().errors[0].code).toBe('credit.financials.unbalanced');
    const stale = await clerkA1.patch(url(co, sid), { version: 1, remark: '旧版本' });
    expect(stale.statusCode).toBe(409);
    const unaudit = await clerkA1.patch(url(co, sid), { version: 2, audited: false });
    expect(unaudit.json()).toMatchObject({ version: 3, changed: 2 });
    expect((await rowsOf(co)).find((r) => r.id === sid)).toMatchObject({ audited: false, auditor: null, net_profit: '900000.00' });
    const clash = await clerkA1.patch(url(co, sid), { version: 3, periodType: 'semiannual', period: 1 });
    expect(clash.json().errors[0].code).toBe('credit.financials.duplicate_period');
  });

  it('stores hostile text verbatim', async () => {
    const remark = `<img src=x onerror=alert(1)>'); drop table financial_statement; --`;
    const res = await clerkA1.post(url(co), statement({ periodType: 'quarterly', period: 2, remark, auditor: '<b>事务所</b>' }));
    expect(res.statusCode, res.body).toBe(201);
    expect((await reviewA.get(url(co))).json().find((s: { id: number }) => s.id === res.json().id)).toMatchObject({ remark, auditor: '<b>事务所</b>' });
  });
});

describe('who may see and change statements', () => {
  it('hides them outside the data scope, as for the customer itself', async () => {
    expect((await clerkB1.get(url(co))).statusCode).toBe(404);
    expect((await clerkB1.post(url(co), statement({ periodType: 'monthly', period: 1 }))).statusCode).toBe(404);
    // A customer manager sees only the customers he manages.
    expect((await mgrA1.get(url(co))).statusCode).toBe(404);
    const sid = (await rowsOf(co)).find((r) => r.deleted_at === null)!.id;
    expect((await clerkB1.delete(url(co, sid))).statusCode).toBe(404);
    expect((await rowsOf(co)).find((r) => r.id === sid)!.deleted_at).toBeNull();
  });

  it('lets a reviewer read but not write, and ties a statement to its own customer', async () => {
    expect((await reviewA.post(url(co), statement({ periodType: 'monthly', period: 1 }))).statusCode).toBe(403);
    const other = await openCorporate('青岛海川贸易有限公司', '73241564');
    const sid = (await rowsOf(co)).find((r) => r.deleted_at === null)!;
    const res = await clerkA1.patch(url(other, sid.id), { version: sid.version, remark: '串户' });
    expect(res.statusCode).toBe(404);
    expect((await clerkA1.get('/api/customers/abc/financials')).statusCode).toBe(400);
    expect((await clerkA1.delete(`${url(co)}/99999999999999999999`)).statusCode).toBe(400);
  });

  it('is for corporate customers only', async () => {
    const body = `370202198001011${'23'}`;
    const person = await clerkA1.post('/api/customers', { kind: 'personal', name: '郑个人', identities: [{ idType: '10', idNumber: body + residentIdCheckDigit(body) }] });
    expect(person.statusCode, person.body).toBe(201);
    const res = await clerkA1.post(url(person.json().id), statement());
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ code: 'credit.corporate_only', message: expect.stringContaining('对公客户') });
    expect((await clerkA1.get(url(person.json().id))).statusCode).toBe(422);
  });

  it('keeps a deleted customer\'s statements readable and closed to changes', async () => {
    const gone = await openCorporate('青岛已销户有限公司', '55667788');
    expect((await clerkA1.post(url(gone), statement())).statusCode).toBe(201);
    await ctx.handle.db.updateTable('customer').set({ status: 'deleted' }).where('id', '=', gone).execute();
    expect((await reviewA.get(url(gone))).json()).toHaveLength(1);
    const res = await clerkA1.post(url(gone), statement({ periodType: 'monthly', period: 1 }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].code).toBe('customers.not_active');
  });
});
