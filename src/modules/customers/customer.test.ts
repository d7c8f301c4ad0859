// CIF master through the HTTP API: opening, existence check, validation, masking and audited
// reveal, search, history, logical delete, data scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckDigit } from '../../common/validators/resident-id.ts';
import { createTestContext, lastAuditId, auditSince, type Client, type TestContext } from '../../test/harness.ts';
import { deleteCustomer } from './customer.service.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let reviewerA1: Client;

/** A valid resident ID for a birth date and sequence (check digit computed by GB 11643). */
const residentId = (birth: string, seq: string) => {
  const body = `370202${birth}${seq}`;
  return body + residentIdCheckDigit(body);
};

const personal = (name: string, idNumber: string, extra: Record<string, unknown> = {}) => ({
  kind: 'personal', name, identities: [{ idType: '10', idNumber }], ...extra,
});

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('review_a1', ctx.bank.subA1, ['data_review_clerk']);
  clerkA1 = await ctx.login('clerk_a1');
  clerkB1 = await ctx.login('clerk_b1');
  reviewerA1 = await ctx.login('review_a1');
});
afterAll(() => ctx?.close());

describe('opening a personal customer', () => {
  it('issues an 11-digit number and takes birth date and gender from the ID', async () => {
    const id = residentId('19850612', '123');
    const res = await clerkA1.post('/api/customers', personal('张三', id, { mobile: '13812345678' }));
    expect(res.statusCode).toBe(201);
    const { customerNo, id: customerId } = res.json();
    expect(customerNo).toMatch(/^\d{11}$/);
    const view = (await clerkA1.get(`/api/customers/${customerId}`)).json();
    expect(view.fields.birthDate).toBe('1985-06-12');
    expect(view.fields.gender).toBe('1');
    expect(view.fields.mobile).toBe('138****5678');
    expect(view.identities[0].idNumber).toBe(`370202********${id.slice(-4)}`);
    expect(view.institution.id).toBe(ctx.bank.subA1);
  });

  it('refuses a wrong check digit with a Chinese field error and saves nothing', async () => {
    const good = residentId('19900101', '234');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await clerkA1.post('/api/customers', personal('李四', bad));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'identities.0.idNumber', code: 'customers.resident_id.check_digit', message: expect.stringContaining('校验位') })]);
    const found = (await clerkA1.get(`/api/customers?q=${encodeURIComponent('李四')}`)).json();
    expect(found.total).toBe(0);
  });

  it('refuses a second number for the same document, naming the holder only within scope', async () => {
    const id = residentId('19700303', '345');
    const first = await clerkA1.post('/api/customers', personal('王芳', id));
    expect(first.statusCode).toBe(201);
    const again = await clerkA1.post('/api/customers', personal('王芳芳', id));
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('customers.exists');
    expect(again.json().title).toContain(first.json().customerNo);
    expect(again.json().params).toMatchObject({ customerNo: first.json().customerNo, customerId: first.json().id });
    // Outside the caller's charge the check still refuses, but does not name the holder.
    const elsewhere = await clerkB1.post('/api/customers', personal('王芳芳', id));
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().code).toBe('customers.exists_elsewhere');
    expect(JSON.stringify(elsewhere.json())).not.toContain(first.json().customerNo);
    expect(JSON.stringify(elsewhere.json())).not.toContain('王芳');
  });

  it('refuses a birth date that contradicts the ID', async () => {
    const res = await clerkA1.post('/api/customers', personal('赵六', residentId('19880808', '456'), { birthDate: '1988-08-09' }));
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('birthDate');
  });
});

describe('search, scope, reveal, history', () => {
  let customerId: number;
  let version: number;
  beforeAll(async () => {
    const res = await clerkA1.post('/api/customers', personal('欧阳明', residentId('19920202', '567'), { mobile: '13900001111' }));
    customerId = res.json().id;
    version = (await clerkA1.get(`/api/customers/${customerId}`)).json().version;
  });

  it('finds the customer by pinyin initials, one character, number and mobile', async () => {
    for (const q of ['oym', '欧', '欧阳', '欧阳明', '13900001111']) {
      const r = (await clerkA1.get(`/api/customers?q=${encodeURIComponent(q)}`)).json();
      expect(r.items.map((i: { id: number }) => i.id)).toContain(customerId);
    }
  });

  it('hides the customer from another branch: not in search, 404 on read', async () => {
    const r = (await clerkB1.get(`/api/customers?q=oym`)).json();
    expect(r.items.map((i: { id: number }) => i.id)).not.toContain(customerId);
    expect((await clerkB1.get(`/api/customers/${customerId}`)).statusCode).toBe(404);
  });

  it('reveals a masked field only with customer.sensitive.read, and audits it', async () => {
    expect((await clerkA1.post(`/api/customers/${customerId}/reveal`, { field: 'mobile' })).statusCode).toBe(403);
    const since = await lastAuditId(ctx);
    const res = await reviewerA1.post(`/api/customers/${customerId}/reveal`, { field: 'mobile' });
    expect(res.json().value).toBe('13900001111');
    const rows = await auditSince(ctx, since);
    expect(rows.map((r) => r.action)).toEqual(['customer.sensitive.reveal']);
    expect(rows[0]!.entity_id).toBe(String(customerId));
  });

  it('keeps every field change with old and new value', async () => {
    const res = await clerkA1.patch(`/api/customers/${customerId}`, { version, education: '20', monthlyIncome: '8000.50' });
    expect(res.statusCode).toBe(200);
    const history = (await clerkA1.get(`/api/customers/${customerId}/history`)).json();
    expect(history.filter((h: { field: string }) => h.field !== '_created').map((h: { field: string; oldValue: string | null; newValue: string }) => [h.field, h.oldValue, h.newValue]).sort())
      .toEqual([['education', null, '20'], ['monthlyIncome', null, '8000.50']]);
    const view = (await clerkA1.get(`/api/customers/${customerId}`)).json();
    expect(view.computed.annualIncome).toBe('96006.00');
  });

  it('rejects an unknown code and a corporate field on a personal customer', async () => {
    const view = (await clerkA1.get(`/api/customers/${customerId}`)).json();
    const badCode = await clerkA1.patch(`/api/customers/${customerId}`, { version: view.version, education: '77' });
    expect(badCode.statusCode).toBe(422);
    expect(badCode.json().errors[0]).toMatchObject({ path: 'education', code: 'codes.item.unknown' });
    const wrongKind = await clerkA1.patch(`/api/customers/${customerId}`, { version: view.version, creditCode: 'x' });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().errors[0].path).toBe('body.creditCode');
  });

  it('deletes logically and reactivates', async () => {
    const del = await clerkA1.delete(`/api/customers/${customerId}`, undefined);
    expect(del.statusCode).toBe(400);
    const ok = await ctx.app.inject({ method: 'DELETE', url: `/api/customers/${customerId}`, headers: { cookie: clerkA1.cookie, 'x-csrf-token': clerkA1.csrf }, payload: { reason: '客户要求' } });
    // A request under review (src/modules/approvals): the customer stays until it is approved.
    expect(ok.statusCode).toBe(202);
    expect((await clerkA1.get(`/api/customers/${customerId}`)).json().status).toBe('active');
    await deleteCustomer(ctx.handle.db, ctx.system, customerId, '客户要求');
    expect((await clerkA1.get(`/api/customers?q=oym`)).json().items.map((i: { id: number }) => i.id)).not.toContain(customerId);
    expect((await clerkA1.get(`/api/customers/${customerId}`)).json().status).toBe('deleted');
    expect((await clerkA1.post(`/api/customers/${customerId}/reactivate`, { reason: '误删恢复' })).statusCode).toBe(200);
  });
});

describe('corporate customers', () => {
  it('checks the credit code, derives the organisation code and the nature rule', async () => {
    const bad = await clerkA1.post('/api/customers', { kind: 'corporate', name: '华为技术有限公司', creditCode: '914403001922038217', registrationType: '01', enterpriseNature: '01' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0]).toMatchObject({ path: 'creditCode', code: 'customers.credit_code.check_character' });
    const nature = await clerkA1.post('/api/customers', { kind: 'corporate', name: '华为技术有限公司', creditCode: '914403001922038216', registrationType: '01', enterpriseNature: '03' });
    expect(nature.statusCode).toBe(422);
    expect(nature.json().errors[0].path).toBe('enterpriseNature');
    const ok = await clerkA1.post('/api/customers', { kind: 'corporate', name: '华为技术有限公司', creditCode: '914403001922038216', registrationType: '01', enterpriseNature: '01' });
    expect(ok.statusCode).toBe(201);
    const view = (await clerkA1.get(`/api/customers/${ok.json().id}`)).json();
    expect(view.fields.organizationCode).toBe('19220382-1');
    const found = (await clerkA1.get('/api/customers?q=hwjs')).json();
    expect(found.items.map((i: { id: number }) => i.id)).toContain(ok.json().id);
  });
});

describe('audit trail of one customer', () => {
  it('lists the reveal and the change, newest first, to users who may read the customer, and 404 elsewhere', async () => {
    const created = (await clerkA1.post('/api/customers', personal('审计甲', residentId('19810101', '678'), { mobile: '13700001234' }))).json();
    const view = (await clerkA1.get(`/api/customers/${created.id}`)).json();
    await clerkA1.patch(`/api/customers/${created.id}`, { version: view.version, education: '30' });
    await reviewerA1.post(`/api/customers/${created.id}/reveal`, { field: 'mobile' });
    const trail = (await clerkA1.get(`/api/customers/${created.id}/audit`)).json();
    expect(trail.map((r: { action: string }) => r.action)).toEqual(['customer.sensitive.reveal', 'customer.update', 'customer.create']);
    expect(trail[0]).toMatchObject({ actorName: 'review_a1', field: 'mobile' });
    expect(JSON.stringify(trail)).not.toContain('13700001234');
    expect((await clerkB1.get(`/api/customers/${created.id}/audit`)).statusCode).toBe(404);
  });
});

describe('audit rows keep personal identifiers masked', () => {
  it('masks identity numbers of a changed document in the audit log', async () => {
    const oldId = residentId('19760606', '789');
    const newId = residentId('19760606', '791');
    const created = (await clerkA1.post('/api/customers', personal('掩码测试', oldId))).json();
    const view = (await clerkA1.get(`/api/customers/${created.id}`)).json();
    const since = await lastAuditId(ctx);
    const res = await clerkA1.patch(`/api/customers/${created.id}`, { version: view.version, identities: [{ idType: '10', idNumber: newId }] });
    expect(res.statusCode).toBe(200);
    const rows = await auditSince(ctx, since);
    expect(rows.map((r) => r.action)).toEqual(['customer.update']);
    const text = JSON.stringify([rows[0]!.before, rows[0]!.after]);
    expect(text).not.toContain(oldId);
    expect(text).not.toContain(newId);
    expect(text).toContain(newId.slice(-4));
  });
});
