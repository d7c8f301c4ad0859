// CIF-28 through the HTTP API, beyond the statements: non-financial notes with field history,
// outside investments (GB 32100 codes, shares), other-bank accounts (masked, audited reveal,
// one basic account), scope and permission, hostile input, and what a merge does with all four.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../../common/business-date.ts';
import { creditCodeCheckCharacter } from '../../../common/validators/credit-code.ts';
import { organizationCodeCheckCharacter } from '../../../common/validators/organization-code.ts';
import { auditSince, createTestContext, setInformationReview, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let reviewA: Client;
let co: number;

const creditCode = (org8: string) => { const body = `91370200${org8}${organizationCodeCheckCharacter(org8)}`; return body + creditCodeCheckCharacter(body); };
const HOSTILE = `<script>alert('x')</script>'; update customer set status='deleted'; --`;
const tomorrow = new Date(Date.parse(`${businessToday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

async function openCorporate(name: string, org8: string | null) {
  const res = await clerkA1.post('/api/customers', { kind: 'corporate', name, ...(org8 ? { creditCode: creditCode(org8) } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
const notesHistory = (id: number) => ctx.handle.db.selectFrom('customer_history').select(['field', 'old_value', 'new_value', 'source'])
  .where('customer_id', '=', id).where('field', 'like', 'nonFinancial.%').orderBy('id').execute();

beforeAll(async () => {
  ctx = await createTestContext();
  // The merge itself is tested here; merges under review are tested in merge-review.test.ts.
  await setInformationReview(ctx, { merge: 'off' });
  await ctx.addUser('ci_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('ci_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('ci_review_a', ctx.bank.branchA, ['data_review_clerk']);
  [clerkA1, clerkB1, reviewA] = await Promise.all(['ci_clerk_a1', 'ci_clerk_b1', 'ci_review_a'].map((u) => ctx.login(u)));
  co = await openCorporate('青岛蓝海食品有限公司', '18273645');
});
afterAll(() => ctx?.close());

describe('non-financial information', () => {
  const url = () => `/api/customers/${co}/non-financial`;

  it('starts empty, takes a first record, and refuses a second or an empty one', async () => {
    expect((await reviewA.get(url())).json()).toEqual({ current: null, history: [] });
    expect((await clerkA1.post(url(), { managementQuality: '  ' })).json().errors[0].code).toBe('credit.non_financial.empty');
    const since = await lastAuditId(ctx);
    const res = await clerkA1.post(url(), { managementQuality: '董事长从业二十年，管理层稳定', mainProducts: '速冻水产品，省内市场占有率约 15%', adverseRecords: HOSTILE });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ customerId: co, version: 1 });
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['customer.non_financial.create']);
    expect(audit[0]!.after).toMatchObject({ managementQuality: '董事长从业二十年，管理层稳定', adverseRecords: HOSTILE });
    expect(audit[0]!.after).not.toHaveProperty('ownershipStructure');
    const again = await clerkA1.post(url(), { ownershipStructure: '自然人控股' });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors[0].code).toBe('credit.non_financial.exists');
    expect(await notesHistory(co)).toEqual([
      { field: 'nonFinancial.managementQuality', old_value: null, new_value: '董事长从业二十年，管理层稳定', source: 'screen' },
      { field: 'nonFinancial.mainProducts', old_value: null, new_value: '速冻水产品，省内市场占有率约 15%', source: 'screen' },
      { field: 'nonFinancial.adverseRecords', old_value: null, new_value: HOSTILE, source: 'screen' },
    ]);
  });

  it('changes notes under a version, keeping each old text in the history', async () => {
    const res = await clerkA1.patch(url(), { version: 1, managementQuality: '2024 年更换总经理', adverseRecords: '', relatedParties: null });
    expect(res.json()).toEqual({ customerId: co, version: 2, changed: 2 });
    const got = (await reviewA.get(url())).json();
    expect(got.current).toMatchObject({ managementQuality: '2024 年更换总经理', adverseRecords: null, mainProducts: '速冻水产品，省内市场占有率约 15%', version: 2, updatedBy: 'ci_clerk_a1' });
    expect(got.history.slice(0, 2)).toEqual([
      expect.objectContaining({ field: 'adverseRecords', oldValue: HOSTILE, newValue: null, source: 'screen', changedBy: 'ci_clerk_a1' }),
      expect.objectContaining({ field: 'managementQuality', oldValue: '董事长从业二十年，管理层稳定', newValue: '2024 年更换总经理' }),
    ]);
    expect((await clerkA1.patch(url(), { version: 1, mainProducts: '旧版本' })).statusCode).toBe(409);
    const long = await clerkA1.patch(url(), { version: 2, relatedParties: '关'.repeat(1001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0].path).toBe('body.relatedParties');
    expect((await clerkA1.patch(url(), { version: 2, relatedParties: '关'.repeat(1000) })).json()).toMatchObject({ version: 3, changed: 1 });
    expect((await clerkA1.patch(url(), { version: 3, rating: 'AAA' })).statusCode).toBe(400);
  });

  it('clears the record, the text staying in the history; scope and permission apply', async () => {
    expect((await clerkB1.get(url())).statusCode).toBe(404);
    expect((await clerkB1.delete(url())).statusCode).toBe(404);
    expect((await reviewA.patch(url(), { version: 3, mainProducts: '无权' })).statusCode).toBe(403);
    expect((await clerkA1.delete(url())).statusCode).toBe(200);
    expect((await reviewA.get(url())).json().current).toBeNull();
    expect(await notesHistory(co)).toContainEqual({ field: 'nonFinancial.mainProducts', old_value: '速冻水产品，省内市场占有率约 15%', new_value: null, source: 'screen' });
    expect((await clerkA1.delete(url())).statusCode).toBe(404);
    expect((await clerkA1.patch(url(), { version: 1, mainProducts: '无记录' })).statusCode).toBe(404);
  });
});

describe('outside investments', () => {
  const url = (iid?: number) => `/api/customers/${co}/investments${iid ? `/${iid}` : ''}`;
  const investee = creditCode('45362718');
  let iid: number;

  it('records an investment with a checked credit code, normalised, audited', async () => {
    const since = await lastAuditId(ctx);
    const res = await clerkA1.post(url(), { investeeName: '青岛蓝海冷链物流有限公司', investeeCreditCode: investee.toLowerCase(), amount: 3000000, sharePct: '60.5', investedOn: '2019-06-01' });
    expect(res.statusCode, res.body).toBe(201);
    iid = res.json().id;
    expect((await reviewA.get(url())).json()).toEqual([expect.objectContaining({ id: iid, investeeCreditCode: investee, amount: '3000000.00', sharePct: '60.50', investedOn: '2019-06-01', version: 1 })]);
    expect((await auditSince(ctx, since)).map((a) => a.action)).toEqual(['customer.investment.create']);
    // Shares of different investees are not added up: a second 60.5% is fine.
    expect((await clerkA1.post(url(), { investeeName: '境外 Holdings Ltd.', amount: '1', sharePct: 60.5 })).statusCode).toBe(201);
  });

  it('refuses bad codes, itself, duplicates, shares outside 0–100 or with three decimals, future dates', async () => {
    const base = { investeeName: '青岛某公司', amount: '100', sharePct: '10' };
    const wrongCheck = investee.slice(0, 17) + (investee[17] === '0' ? '1' : '0');
    const rules: [Record<string, unknown>, number, string, string][] = [
      [{ investeeCreditCode: wrongCheck }, 422, 'investeeCreditCode', 'customers.credit_code.check_character'],
      [{ investeeCreditCode: '91370200ABCDEFGHIO' }, 422, 'investeeCreditCode', 'customers.credit_code.charset'],
      [{ investeeCreditCode: creditCode('18273645') }, 422, 'investeeCreditCode', 'credit.investment.self'],
      [{ investeeCreditCode: investee }, 422, 'investeeName', 'credit.investment.duplicate'],
      [{ investeeName: '青岛蓝海冷链物流有限公司' }, 422, 'investeeName', 'credit.investment.duplicate'],
      [{ investedOn: tomorrow }, 422, 'investedOn', 'credit.investment.future_date'],
      [{ sharePct: '100.01' }, 400, 'body.sharePct', 'custom'],
      [{ sharePct: '12.345' }, 400, 'body.sharePct', 'invalid_format'],
      [{ sharePct: -1 }, 400, 'body.sharePct', 'invalid_format'],
      [{ amount: '-5' }, 400, 'body.amount', 'custom'],
      [{ investeeName: 'x'.repeat(101) }, 400, 'body.investeeName', 'too_big'],
      [{ investedOn: '2019-02-30' }, 400, 'body.investedOn', 'invalid_format'],
    ];
    for (const [over, status, path, code] of rules) {
      const res = await clerkA1.post(url(), { ...base, ...over });
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.json().errors, JSON.stringify(over)).toContainEqual(expect.objectContaining({ path, code }));
    }
    expect((await clerkA1.post(url(), { ...base, sharePct: '100.00', investeeName: HOSTILE })).statusCode).toBe(201);
    expect((await reviewA.get(url())).json().map((i: { investeeName: string }) => i.investeeName)).toContain(HOSTILE);
  });

  it('changes and removes under scope, version and audit', async () => {
    expect((await clerkB1.patch(url(iid), { version: 1, sharePct: 70 })).statusCode).toBe(404);
    expect((await clerkA1.patch(url(iid), { version: 9, sharePct: 70 })).statusCode).toBe(409);
    const since = await lastAuditId(ctx);
    const res = await clerkA1.patch(url(iid), { version: 1, sharePct: 70, investeeCreditCode: null });
    expect(res.json()).toEqual({ id: iid, version: 2, changed: 2 });
    expect((await clerkA1.delete(url(iid))).statusCode).toBe(200);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['customer.investment.update', 'customer.investment.delete']);
    expect(audit[0]!.before).toEqual({ investmentId: iid, sharePct: '60.50', investeeCreditCode: investee });
    expect((await reviewA.get(url())).json().some((i: { id: number }) => i.id === iid)).toBe(false);
    const kept = await ctx.handle.db.selectFrom('customer_investment').selectAll().where('id', '=', iid).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ share_pct: '70.00', deleted_at: expect.any(Date) });
  });
});

describe('accounts at other banks', () => {
  const url = (aid?: number) => `/api/customers/${co}/correspondent-banks${aid ? `/${aid}` : ''}`;
  const ACCOUNT = '3803 0210 0900 0123 456';
  let aid: number;

  it('lists account numbers masked, in the audit log too, and reveals one in full only to whom may, audited', async () => {
    const since = await lastAuditId(ctx);
    const res = await clerkA1.post(url(), { bankName: '中国工商银行青岛市南支行', accountNo: ACCOUNT, accountType: 'basic', openedOn: '2015-03-02', creditLine: '20000000', outstandingLoans: '12500000.5' });
    expect(res.statusCode, res.body).toBe(201);
    aid = res.json().id;
    const list = (await reviewA.get(url())).json();
    expect(list).toEqual([expect.objectContaining({ id: aid, accountNo: '****3456', accountType: 'basic', creditLine: '20000000.00', outstandingLoans: '12500000.50' })]);
    expect(JSON.stringify(list)).not.toContain('38030210');
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['customer.correspondent_bank.create']);
    expect(JSON.stringify(audit)).not.toContain('38030210');
    expect((await clerkA1.post(url(aid) + '/reveal')).statusCode).toBe(403);
    const before = await lastAuditId(ctx);
    const shown = await reviewA.post(url(aid) + '/reveal');
    expect(shown.json()).toEqual({ field: `correspondentBanks.${aid}.accountNo`, value: '3803021009000123456' });
    const reveal = await auditSince(ctx, before);
    expect(reveal.map((a) => [a.action, a.after])).toEqual([['customer.sensitive.reveal', { field: `correspondentBanks.${aid}.accountNo` }]]);
  });

  it('takes one basic account, no duplicate account, digits only, no future opening date', async () => {
    const base = { bankName: '中国建设银行青岛分行', accountNo: '37150198551000001234', accountType: 'general' };
    const rules: [Record<string, unknown>, number, string, string][] = [
      [{ accountType: 'basic' }, 422, 'accountType', 'credit.bank.basic_once'],
      [{ bankName: '中国工商银行青岛市南支行', accountNo: '3803-0210-0900-0123-456' }, 422, 'accountNo', 'credit.bank.duplicate'],
      [{ accountNo: `1234'; drop table x; --` }, 422, 'accountNo', 'credit.bank.account_format'],
      [{ accountNo: '12345' }, 422, 'accountNo', 'credit.bank.account_format'],
      [{ openedOn: tomorrow }, 422, 'openedOn', 'credit.bank.future_date'],
      [{ accountType: 'loan' }, 400, 'body.accountType', 'invalid_value'],
      [{ creditLine: '-1' }, 400, 'body.creditLine', 'custom'],
      [{ outstandingLoans: 'abc' }, 400, 'body.outstandingLoans', 'invalid_format'],
    ];
    for (const [over, status, path, code] of rules) {
      const res = await clerkA1.post(url(), { ...base, ...over });
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.json().errors, JSON.stringify(over)).toContainEqual(expect.objectContaining({ path, code }));
    }
    expect((await clerkA1.post(url(), { ...base, bankName: HOSTILE })).statusCode).toBe(201);
    expect((await reviewA.get(url())).json()).toHaveLength(2);
  });

  it('changes an account under its version with masked audit, removes it logically, out of scope sees nothing', async () => {
    expect((await clerkB1.get(url())).statusCode).toBe(404);
    expect((await clerkB1.post(url(aid) + '/reveal')).statusCode).toBe(403);
    const since = await lastAuditId(ctx);
    const res = await clerkA1.patch(url(aid), { version: 1, accountNo: '3803021009000199999', outstandingLoans: null });
    expect(res.json()).toEqual({ id: aid, version: 2, changed: 2 });
    const audit = await auditSince(ctx, since);
    expect(audit[0]!.before).toEqual({ accountId: aid, accountNo: '****3456', outstandingLoans: '12500000.50' });
    expect(audit[0]!.after).toMatchObject({ accountNo: '****9999', outstandingLoans: null });
    expect((await clerkA1.delete(url(aid))).statusCode).toBe(200);
    expect((await reviewA.post(url(aid) + '/reveal')).statusCode).toBe(404);
    // With the basic account gone, another may be recorded.
    expect((await clerkA1.post(url(), { bankName: '交通银行青岛分行', accountNo: '372005000018000001', accountType: 'basic' })).statusCode).toBe(201);
  });
});

describe('merging two records of one company', () => {
  it('moves all four to the survivor, keeping one of each duplicate and filling empty notes', async () => {
    const s = await openCorporate('青岛合并测试有限公司', '63524178');
    const m = await openCorporate('青岛合并测试有限公司（重复）', null);
    const year = Number(businessToday().slice(0, 4)) - 1;
    const sheet = (audited: boolean, period: number) => ({ fiscalYear: year, periodType: 'quarterly', period, audited, auditor: audited ? '某所' : null,
      totalAssets: '100', totalLiabilities: '60', ownersEquity: '40', operatingRevenue: '50', netProfit: '5' });
    const post = async (id: number, path: string, body: unknown) => { const r = await clerkA1.post(`/api/customers/${id}/${path}`, body); expect(r.statusCode, r.body).toBe(201); return r.json().id as number; };
    const sQ1 = await post(s, 'financials', sheet(false, 1));
    const mQ1 = await post(m, 'financials', sheet(true, 1));
    const mQ2 = await post(m, 'financials', sheet(false, 2));
    await post(s, 'investments', { investeeName: '甲公司', amount: '1', sharePct: '1' });
    const mDupInv = await post(m, 'investments', { investeeName: '甲公司', amount: '2', sharePct: '2' });
    await post(m, 'investments', { investeeName: '乙公司', amount: '3', sharePct: '3' });
    await post(s, 'correspondent-banks', { bankName: '甲银行', accountNo: '111111111', accountType: 'general' });
    const mDupAcc = await post(m, 'correspondent-banks', { bankName: '甲银行', accountNo: '111111111', accountType: 'general' });
    await post(m, 'correspondent-banks', { bankName: '乙银行', accountNo: '222222222', accountType: 'special' });
    await clerkA1.post(`/api/customers/${s}/non-financial`, { managementQuality: '保留方' });
    await clerkA1.post(`/api/customers/${m}/non-financial`, { managementQuality: '被合并方', ownershipStructure: '家族持股' });

    const res = await reviewA.post('/api/customers/merge', { survivorId: s, mergedId: m, reason: '同一企业重复开户' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().moved.creditInfo).toEqual({ financialStatements: 2, investments: 2, correspondentBanks: 2, nonFinancial: true });

    const statements = (await reviewA.get(`/api/customers/${s}/financials`)).json() as { id: number }[];
    // Of two first-quarter statements the audited one stays.
    expect(statements.map((x) => x.id).sort()).toEqual([mQ1, mQ2].sort());
    const retired = await ctx.handle.db.selectFrom('financial_statement').select(['id', 'customer_id', 'deleted_at']).where('id', '=', sQ1).executeTakeFirstOrThrow();
    expect(retired).toMatchObject({ customer_id: s, deleted_at: expect.any(Date) });
    const investments = (await reviewA.get(`/api/customers/${s}/investments`)).json() as { id: number; investeeName: string }[];
    expect(investments.map((i) => i.investeeName).sort()).toEqual(['乙公司', '甲公司']);
    expect(investments.some((i) => i.id === mDupInv)).toBe(false);
    const accounts = (await reviewA.get(`/api/customers/${s}/correspondent-banks`)).json() as { id: number }[];
    expect(accounts).toHaveLength(2);
    expect(accounts.some((a) => a.id === mDupAcc)).toBe(false);
    const notes = (await reviewA.get(`/api/customers/${s}/non-financial`)).json();
    expect(notes.current).toMatchObject({ managementQuality: '保留方', ownershipStructure: '家族持股' });
    expect(notes.history[0]).toMatchObject({ field: 'ownershipStructure', oldValue: null, newValue: '家族持股', source: 'merge' });
    // The merged record's own history (its first notes) shows on the survivor too.
    expect(notes.history.some((h: { newValue: string }) => h.newValue === '被合并方')).toBe(true);
    for (const t of ['financial_statement', 'customer_investment', 'correspondent_bank_account', 'customer_non_financial'] as const) {
      expect(await ctx.handle.db.selectFrom(t).select('customer_id').where('customer_id', '=', m).execute(), t).toEqual([]);
    }
    expect((await clerkA1.post(`/api/customers/${m}/investments`, { investeeName: '丙公司', amount: '1', sharePct: '1' })).json().errors[0].code).toBe('customers.merged');
  });
});
