// CIF-6 through the HTTP API: the assessment in force, the investor type it sets on a personal
// customer, corporate investors, date and code rules, scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../../common/business-date.ts';
import { residentIdCheckDigit } from '../../../common/validators/resident-id.ts';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { deleteCustomer } from '../customer.service.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;

const residentId = (birth: string, seq: string) => { const body = `370202${birth}${seq}`; return body + residentIdCheckDigit(body); };
const addDays = (iso: string, n: number) => { const d = new Date(`${iso}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + n); return d.toISOString().slice(0, 10); };
const today = businessToday();

async function openPersonal(name: string, idNumber: string) {
  const res = await clerkA1.post('/api/customers', { kind: 'personal', name, identities: [{ idType: '10', idNumber }] });
  expect(res.statusCode).toBe(201);
  return res.json().id as number;
}
const assessmentsOf = async (id: number) => ctx.handle.db.selectFrom('risk_assessment').selectAll().where('customer_id', '=', id).execute();

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('ra_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('ra_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  clerkA1 = await ctx.login('ra_clerk_a1');
  clerkB1 = await ctx.login('ra_clerk_b1');
});
afterAll(() => ctx?.close());

describe('personal customers', () => {
  let id: number;
  beforeAll(async () => { id = await openPersonal('冯测评', residentId('19750606', '161')); });

  it('records an assessment, shows it as current and makes its result the investor type', async () => {
    const since = await lastAuditId(ctx);
    const res = await clerkA1.post(`/api/customers/${id}/risk-assessments`, { assessedOn: addDays(today, -10), validUntil: addDays(today, 355), result: '30', score: 62, channel: 'counter' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ customerId: id, investorType: '30' });
    const list = (await clerkA1.get(`/api/customers/${id}/risk-assessments`)).json();
    expect(list.current).toMatchObject({ result: '30', score: 62, channel: 'counter', status: 'current', assessedBy: 'ra_clerk_a1' });
    const view = (await clerkA1.get(`/api/customers/${id}`)).json();
    expect(view.fields.investorType).toBe('30');
    const history = (await clerkA1.get(`/api/customers/${id}/history`)).json() as { field: string; oldValue: string | null; newValue: string }[];
    expect(history.find((h) => h.field === 'investorType')).toMatchObject({ oldValue: null, newValue: '30' });
    expect(history.find((h) => h.field === 'riskAssessment')?.newValue).toBe(`30 ${addDays(today, -10)}~${addDays(today, 355)}`);
    expect((await auditSince(ctx, since)).map((a) => a.action)).toEqual(['customer.risk_assessment.create']);
  });

  it('keeps the newer result current when an older questionnaire is keyed afterwards', async () => {
    const res = await clerkA1.post(`/api/customers/${id}/risk-assessments`, { assessedOn: addDays(today, -100), validUntil: addDays(today, 265), result: '10', channel: 'mobile' });
    expect(res.statusCode).toBe(201);
    expect(res.json().investorType).toBeNull();
    const old = await clerkA1.post(`/api/customers/${id}/risk-assessments`, { assessedOn: addDays(today, -800), validUntil: addDays(today, -435), result: '50', channel: 'online' });
    expect(old.statusCode).toBe(201);
    const list = (await clerkA1.get(`/api/customers/${id}/risk-assessments`)).json();
    expect(list.current.result).toBe('30');
    expect(list.items.map((i: { result: string; status: string }) => [i.result, i.status])).toEqual([['30', 'current'], ['10', 'superseded'], ['50', 'expired']]);
    expect((await clerkA1.get(`/api/customers/${id}`)).json().fields.investorType).toBe('30');
  });

  it('shows no current assessment when all have run out, and leaves the investor type unset', async () => {
    const other = await openPersonal('陈过期', residentId('19760707', '171'));
    await clerkA1.post(`/api/customers/${other}/risk-assessments`, { assessedOn: addDays(today, -800), validUntil: addDays(today, -1), result: '40', channel: 'phone' });
    const list = (await clerkA1.get(`/api/customers/${other}/risk-assessments`)).json();
    expect(list.current).toBeNull();
    expect(list.items[0].status).toBe('expired');
    expect((await clerkA1.get(`/api/customers/${other}`)).json().fields.investorType).toBeNull();
  });
});

describe('corporate investors', () => {
  it('are assessed too, without an investor-type field to set', async () => {
    const corp = await clerkA1.post('/api/customers', { kind: 'corporate', name: '青岛测评投资有限公司' });
    expect(corp.statusCode).toBe(201);
    const res = await clerkA1.post(`/api/customers/${corp.json().id}/risk-assessments`, { assessedOn: today, validUntil: addDays(today, 365), result: '20', channel: 'counter' });
    expect(res.statusCode).toBe(201);
    expect(res.json().investorType).toBeNull();
    expect((await clerkA1.get(`/api/customers/${corp.json().id}/risk-assessments`)).json().current.result).toBe('20');
  });
});

describe('rules, scope and hostile input', () => {
  let id: number;
  beforeAll(async () => { id = await openPersonal('褚规则', residentId('19770808', '181')); });

  it('refuses dates out of order, a future assessment and an unknown result, naming each field', async () => {
    const res = await clerkA1.post(`/api/customers/${id}/risk-assessments`, { assessedOn: addDays(today, 1), validUntil: addDays(today, 1), result: '77', channel: 'counter' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['assessedOn', 'risk.assessed_in_future'], ['validUntil', 'risk.valid_until_not_after'], ['result', 'codes.item.unknown']]);
    expect(res.json().errors[1].message).toBe('有效期截止日必须晚于测评日期');
    const en = await clerkA1.post(`/api/customers/${id}/risk-assessments`, { assessedOn: today, validUntil: addDays(today, -5), result: '10', channel: 'counter' }, { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toBe('The end of validity must be after the assessment date');
    expect(await assessmentsOf(id)).toHaveLength(0);
  });

  it('rejects wrong types, out-of-range scores, unknown channels and injection strings as input errors', async () => {
    const base = { assessedOn: today, validUntil: addDays(today, 365), result: '10', channel: 'counter' };
    for (const bad of [{ score: 101 }, { score: -1 }, { score: '50' }, { score: 3.5 }, { channel: 'fax' }, { result: "1' or '1'='1" }, { assessedOn: '2024-13-01' }, { result: 10 }, { by: 'me' }]) {
      const res = await clerkA1.post(`/api/customers/${id}/risk-assessments`, { ...base, ...bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(await assessmentsOf(id)).toHaveLength(0);
    expect((await clerkA1.get('/api/customers/abc/risk-assessments')).statusCode).toBe(400);
  });

  it('hides another branch\'s customer: 404 on read and write, nothing saved', async () => {
    expect((await clerkB1.get(`/api/customers/${id}/risk-assessments`)).statusCode).toBe(404);
    const res = await clerkB1.post(`/api/customers/${id}/risk-assessments`, { assessedOn: today, validUntil: addDays(today, 365), result: '10', channel: 'counter' });
    expect(res.statusCode).toBe(404);
    expect(await assessmentsOf(id)).toHaveLength(0);
  });

  it('refuses a deleted customer', async () => {
    const gone = await openPersonal('卫删除', residentId('19780909', '191'));
    // Deleting through the screen is a request under review (approvals); here the deletion itself.
    await deleteCustomer(ctx.handle.db, ctx.system, gone, '销户');
    const res = await clerkA1.post(`/api/customers/${gone}/risk-assessments`, { assessedOn: today, validUntil: addDays(today, 365), result: '10', channel: 'counter' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].code).toBe('customers.not_active');
  });
});
