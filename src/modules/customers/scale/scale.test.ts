// The scale attribute (CIF-27, REL-23): the SME classification by hand-computed cases at and
// around its thresholds, the suggestion from a customer's latest annual statement, and the change
// through the approval engine — manager applies, 规模属性审批生效岗 approves, 规模属性确认生效岗
// confirms — with maker ≠ checker, one person one step, a stale request, scope and hostile input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, expectProblem, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { creditCode } from '../import/import.test-helpers.ts';
import { classify, ruleForIndustry, type ScaleRule } from './scale-rules.ts';
import { loadScaleRules } from './scale-rules.ts';

let ctx: TestContext;
let rules: ScaleRule[];
let mgr: Client;          // primary manager in team A1: the maker
let mgrB: Client;         // primary manager in sub-branch B1
let approver: Client;     // 规模属性审批生效岗 at branch A
let confirmer: Client;    // 规模属性确认生效岗 at branch A
let both: Client;         // approver and confirmer at once at branch A
let approverB: Client;    // 规模属性审批生效岗 at branch B
let mgrApprover: Client;  // a manager who also holds the approval role
let admin: Client;        // head office
let seq = 0;

/** A service rule's refusal: 422 with the field error's code. */
function expectRefusal(res: Awaited<ReturnType<Client['post']>>, code: string) {
  expectProblem(res, 422, 'common.validation');
  expect(res.json().errors.map((e: { code: string }) => e.code)).toContain(code);
}
const rule = (category: string) => rules.find((r) => r.category === category)!;
const facts = (employees: number | null, revenue: string | null, totalAssets: string | null = null) => ({ employees, revenue, totalAssets });

beforeAll(async () => {
  ctx = await createTestContext();
  const { teamA1, subB1, branchA, branchB, ho } = ctx.bank;
  await ctx.addUser('sc_mgr', teamA1, ['primary_manager']);
  await ctx.addUser('sc_mgr_b', subB1, ['primary_manager']);
  await ctx.addUser('sc_approve', branchA, ['scale_approval']);
  await ctx.addUser('sc_confirm', branchA, ['scale_confirmation']);
  await ctx.addUser('sc_both', branchA, ['scale_approval', 'scale_confirmation']);
  await ctx.addUser('sc_approve_b', branchB, ['scale_approval']);
  await ctx.addUser('sc_mgr_approve', teamA1, ['primary_manager', 'scale_approval']);
  await ctx.addUser('sc_admin', ho, ['head_office_admin']);
  [mgr, mgrB, approver, confirmer, both, approverB, mgrApprover, admin] = await Promise.all(
    ['sc_mgr', 'sc_mgr_b', 'sc_approve', 'sc_confirm', 'sc_both', 'sc_approve_b', 'sc_mgr_approve', 'sc_admin'].map((u) => ctx.login(u)));
  rules = await loadScaleRules(ctx.handle.db);
});
afterAll(async () => ctx?.close());

async function openCompany(by: Client, industryCode: string | null, scale: string | null = null) {
  const res = await by.post('/api/customers', { kind: 'corporate', name: `规模测试企业${++seq}有限公司`, creditCode: creditCode(91000 + seq), registrationType: '01', enterpriseNature: '01', industryCode, scale });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}
async function annualStatement(by: Client, id: number, fiscalYear: number, revenue: string, totalAssets: string, employees: number | null) {
  const res = await by.post(`/api/customers/${id}/financials`, {
    fiscalYear, periodType: 'annual', totalAssets, totalLiabilities: '0.00', ownersEquity: totalAssets, operatingRevenue: revenue, netProfit: '0.00', employees,
  });
  expect(res.statusCode, res.body).toBe(201);
}
const scaleOf = async (id: number) =>
  (await ctx.handle.db.selectFrom('corporate_customer').select('scale').where('customer_id', '=', id).executeTakeFirstOrThrow()).scale;
async function apply(id: number, scale: string, by: Client = mgr) {
  const res = await by.post(`/api/customers/${id}/scale`, { scale, reason: '年报显示营业收入增长' });
  expect(res.statusCode, res.body).toBe(202);
  return res.json() as { requestId: number; step: number; stepCount: number };
}

describe('the classification (工信部联企业〔2011〕300号)', () => {
  it('finds the rule by the longest industry prefix, and none for railways, finance or a bare section', () => {
    expect(ruleForIndustry(rules, '1311')?.category).toBe('industry');
    expect(ruleForIndustry(rules, '5211')?.category).toBe('retail');
    expect(ruleForIndustry(rules, '7010')?.category).toBe('real_estate');
    expect(ruleForIndustry(rules, '7020')?.category).toBe('property');
    expect(ruleForIndustry(rules, '7030')?.category).toBe('other');
    expect(ruleForIndustry(rules, '5311')).toBeNull();
    expect(ruleForIndustry(rules, '6621')).toBeNull();
    expect(ruleForIndustry(rules, 'C')).toBeNull();
    expect(ruleForIndustry(rules, null)).toBeNull();
  });

  it('industry: a size needs every minimum at once, else one size down', () => {
    const industry = rule('industry');
    expect(classify(industry, facts(1000, '400000000.00')).scale).toBe('large');
    expect(classify(industry, facts(999, '900000000.00')).scale).toBe('medium');
    expect(classify(industry, facts(300, '20000000.00')).scale).toBe('medium');
    expect(classify(industry, facts(300, '19999999.99')).scale).toBe('small');
    expect(classify(industry, facts(20, '3000000.00')).scale).toBe('small');
    expect(classify(industry, facts(19, '50000000.00')).scale).toBe('micro');
    expect(classify(industry, facts(5000, '2999999.99')).scale).toBe('micro');
  });

  it('reads only the metrics of its category, and says which are missing', () => {
    expect(classify(rule('agriculture'), facts(null, '5000000.00')).scale).toBe('medium');
    expect(classify(rule('agriculture'), facts(null, '499999.99')).scale).toBe('micro');
    expect(classify(rule('construction'), facts(null, '60000000.00', '49999999.99')).scale).toBe('small');
    expect(classify(rule('real_estate'), facts(null, '2000000000.00', '100000000.00')).scale).toBe('large');
    expect(classify(rule('leasing'), facts(100, null, '80000000.00')).scale).toBe('medium');
    expect(classify(rule('other'), facts(10, null)).scale).toBe('small');
    expect(classify(rule('retail'), facts(null, '1000000.00'))).toEqual({ scale: null, missing: ['employees'] });
  });
});

describe('the suggestion on the customer', () => {
  it('comes from the latest annual statement; a year without staff figures says what is missing', async () => {
    const id = await openCompany(mgr, '5211');
    expect((await mgr.get(`/api/customers/${id}/scale`)).json()).toMatchObject({ scale: null, industryCode: '5211', suggestion: { scale: null, category: 'retail', reason: 'no_annual_statement' } });
    await annualStatement(mgr, id, 2024, '300000000.00', '50000000.00', 400);
    await annualStatement(mgr, id, 2025, '8000000.00', '5000000.00', 60);
    expect((await mgr.get(`/api/customers/${id}/scale`)).json().suggestion).toMatchObject({ scale: 'medium', category: 'retail', fiscalYear: 2025, reason: null });
    const noStaff = await openCompany(mgr, '5211');
    await annualStatement(mgr, noStaff, 2025, '8000000.00', '5000000.00', null);
    expect((await mgr.get(`/api/customers/${noStaff}/scale`)).json().suggestion).toMatchObject({ scale: null, reason: 'missing_figures', missing: ['employees'] });
    const railway = await openCompany(mgr, '5311');
    expect((await mgr.get(`/api/customers/${railway}/scale`)).json().suggestion).toMatchObject({ scale: null, reason: 'industry_not_covered' });
  });
});

describe('changing the scale: apply → approve → confirm', () => {
  it('stays in force until confirmed; confirmed, it enters the history with maker and checker', async () => {
    const id = await openCompany(mgr, '1311', 'small');
    await annualStatement(mgr, id, 2025, '25000000.00', '9000000.00', 320);
    const sent = await apply(id, 'medium');
    expect(sent).toMatchObject({ step: 1, stepCount: 2 });
    const open = (await mgr.get(`/api/approvals/open?subjectType=customer&subjectId=${id}`)).json().items;
    expect(open.map((r: { type: string; fields: string[] }) => [r.type, r.fields])).toEqual([['customer.scale', ['scale']]]);
    const detail = (await approver.get(`/api/approvals/${sent.requestId}`)).json();
    expect(detail.changes).toEqual([
      { field: 'scale', old: 'small', new: 'medium' },
      { field: 'scaleSuggested', old: null, new: 'medium' },
      { field: 'scaleReason', old: null, new: '年报显示营业收入增长' },
    ]);

    expect((await approver.post(`/api/approvals/${sent.requestId}/approve`, { step: 1 })).json()).toMatchObject({ status: 'pending', step: 2 });
    expect(await scaleOf(id)).toBe('small');
    const auditFrom = await lastAuditId(ctx);
    const done = await confirmer.post(`/api/approvals/${sent.requestId}/approve`, { step: 2 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'approved' });
    expect(await scaleOf(id)).toBe('medium');

    const history = await ctx.handle.db.selectFrom('customer_history as h').innerJoin('app_user as m', 'm.id', 'h.maker_id').innerJoin('app_user as c', 'c.id', 'h.checker_id')
      .select(['h.old_value', 'h.new_value', 'h.approval_request_id', 'm.username as maker', 'c.username as checker']).where('h.customer_id', '=', id).where('h.field', '=', 'scale').execute();
    expect(history).toEqual([{ old_value: 'small', new_value: 'medium', approval_request_id: sent.requestId, maker: 'sc_mgr', checker: 'sc_confirm' }]);
    const audit = await auditSince(ctx, auditFrom);
    expect(audit.find((a) => a.action === 'customer.scale')).toMatchObject({ entity_id: String(id) });
  });

  it('refuses the maker as checker, one person at two steps, and a checker of another branch', async () => {
    const id = await openCompany(mgrApprover, '1311', 'small');
    const own = await apply(id, 'micro', mgrApprover);
    expectProblem(await mgrApprover.post(`/api/approvals/${own.requestId}/approve`, { step: 1 }), 403, 'approvals.maker_is_checker');

    const id2 = await openCompany(mgr, '1311', 'small');
    const req = await apply(id2, 'micro');
    expect([403, 404]).toContain((await approverB.post(`/api/approvals/${req.requestId}/approve`, { step: 1 })).statusCode);
    expect((await both.post(`/api/approvals/${req.requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    expectProblem(await both.post(`/api/approvals/${req.requestId}/approve`, { step: 2 }), 403, 'approvals.same_person_two_steps');
    expect(await scaleOf(id2)).toBe('small');
  });

  it('a second open application for the customer, and a confirmation after the attribute changed elsewhere, are refused', async () => {
    const id = await openCompany(mgr, '1311', 'small');
    const req = await apply(id, 'medium');
    expectProblem(await mgr.post(`/api/customers/${id}/scale`, { scale: 'large', reason: '再次申请' }), 409, 'approvals.already_open');
    expect((await approver.post(`/api/approvals/${req.requestId}/approve`, { step: 1 })).statusCode).toBe(200);
    // A correction of the record outside this request (a data migration, a merge) since submission.
    await ctx.handle.db.updateTable('corporate_customer').set({ scale: 'micro' }).where('customer_id', '=', id).execute();
    const stale = await confirmer.post(`/api/approvals/${req.requestId}/approve`, { step: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toMatch(/^approvals\.stale/);
    expect(await scaleOf(id)).toBe('micro');
  });

  it('refuses what could never apply, out of scope, and hostile input; PATCH cannot change the scale', async () => {
    const id = await openCompany(mgr, '1311', 'small');
    expectRefusal(await mgr.post(`/api/customers/${id}/scale`, { scale: 'small', reason: '无变化' }), 'customers.scale.unchanged');
    expectProblem(await mgrB.post(`/api/customers/${id}/scale`, { scale: 'medium', reason: '越权申请' }), 404, 'common.not_found');
    expect((await approver.post(`/api/customers/${id}/scale`, { scale: 'medium', reason: '审批岗不能申请' })).statusCode).toBe(403);
    const person = await mgr.post('/api/customers', { kind: 'personal', name: '规模测试个人', identities: [{ idType: '10', idNumber: '110101199003076376' }] });
    expect(person.statusCode, person.body).toBe(201);
    expectRefusal(await mgr.post(`/api/customers/${person.json().id}/scale`, { scale: 'small', reason: '个人客户' }), 'customers.scale.corporate_only');
    for (const body of [{ scale: 'huge', reason: 'x' }, { scale: 'medium', reason: '' }, { scale: 'medium', reason: 'x'.repeat(201) },
      { scale: 'medium', reason: '正常\u202E理由' }, { scale: 'medium', reason: 'x', extra: 1 }, { scale: ["medium' or 1=1 --"], reason: 'x' }]) {
      expect((await mgr.post(`/api/customers/${id}/scale`, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await mgr.post(`/api/customers/${2 ** 53}/scale`, { scale: 'medium', reason: 'x' })).statusCode).toBe(400);
    const version = (await mgr.get(`/api/customers/${id}`)).json().version;
    expect((await mgr.patch(`/api/customers/${id}`, { version, scale: 'large' })).statusCode).toBe(400);
    expect(await scaleOf(id)).toBe('small');
  });
});

describe('the thresholds as data', () => {
  it('a head-office administrator revises a category, audited; out-of-order minima and other roles are refused', async () => {
    const before = (await admin.get('/api/scale-rules')).json() as ScaleRule[];
    const retail = before.find((r) => r.category === 'retail')!;
    expect(retail.thresholds.medium).toEqual({ employees: 50, revenue: 5000000 });
    const revised = { ...retail.thresholds, medium: { employees: 60, revenue: 6000000 } };
    expectRefusal(await admin.put('/api/scale-rules/retail', { version: retail.version, thresholds: { ...revised, small: { employees: 70, revenue: 1000000 } } }), 'customers.scale.thresholds_order');
    expectRefusal(await admin.put('/api/scale-rules/retail', { version: retail.version, thresholds: { ...revised, small: { revenue: 1000000 } } }), 'customers.scale.metric_everywhere');
    expect((await mgr.put('/api/scale-rules/retail', { version: retail.version, thresholds: revised })).statusCode).toBe(403);
    expect((await admin.put('/api/scale-rules/nonexistent', { version: 1, thresholds: revised })).statusCode).toBe(404);
    const auditFrom = await lastAuditId(ctx);
    const ok = await admin.put('/api/scale-rules/retail', { version: retail.version, thresholds: revised });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await admin.put('/api/scale-rules/retail', { version: retail.version, thresholds: revised })).statusCode).toBe(409);
    expect((await auditSince(ctx, auditFrom)).map((a) => a.action)).toContain('scale_rule.update');
    const r = (await loadScaleRules(ctx.handle.db)).find((x) => x.category === 'retail')!;
    expect(classify(r, facts(55, '8000000.00')).scale).toBe('small');
  });
});
