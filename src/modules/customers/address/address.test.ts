// CIF-4 through the HTTP API: typed addresses, one primary per type, masking with an audited
// reveal, field history, optimistic locking, scope, hostile input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckDigit } from '../../../common/validators/resident-id.ts';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let reviewA: Client;
let reviewB: Client;

const residentId = (birth: string, seq: string) => { const body = `370202${birth}${seq}`; return body + residentIdCheckDigit(body); };
const HOME = '山东省青岛市市南区香港中路10号3单元501室';

async function openPersonal(name: string, idNumber: string) {
  const res = await clerkA1.post('/api/customers', { kind: 'personal', name, identities: [{ idType: '10', idNumber }] });
  expect(res.statusCode).toBe(201);
  return res.json().id as number;
}
const rowsOf = async (id: number) => ctx.handle.db.selectFrom('customer_address').selectAll().where('customer_id', '=', id).orderBy('id').execute();
const primaries = async (id: number) => (await rowsOf(id)).filter((r) => r.is_primary).map((r) => [r.address_type, r.id]);
const historyOf = async (id: number) => ctx.handle.db.selectFrom('customer_history').select(['field', 'old_value', 'new_value'])
  .where('customer_id', '=', id).where('field', 'like', 'addresses.%').orderBy('id').execute();

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('ad_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('ad_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('ad_review_a', ctx.bank.branchA, ['data_review_clerk']);
  await ctx.addUser('ad_review_b', ctx.bank.branchB, ['data_review_clerk']);
  [clerkA1, clerkB1, reviewA, reviewB] = await Promise.all(['ad_clerk_a1', 'ad_clerk_b1', 'ad_review_a', 'ad_review_b'].map((u) => ctx.login(u)));
});
afterAll(() => ctx?.close());

describe('one primary address per type', () => {
  let id: number;
  let first: number;
  let second: number;
  beforeAll(async () => { id = await openPersonal('蒋地址', residentId('19700101', '211')); });

  it('makes the first address of a type primary and lists it masked with its division', async () => {
    const since = await lastAuditId(ctx);
    const res = await clerkA1.post(`/api/customers/${id}/addresses`, { addressType: '1', divisionCode: '370202', address: HOME, postcode: '266071' });
    expect(res.statusCode).toBe(201);
    expect(res.json().isPrimary).toBe(true);
    first = res.json().id;
    const list = (await clerkA1.get(`/api/customers/${id}/addresses`)).json();
    expect(list).toEqual([expect.objectContaining({ id: first, addressType: '1', divisionCode: '370202', divisionName: '市南区', address: '山东省青岛市****', postcode: '266071', isPrimary: true, version: 1 })]);
    expect(JSON.stringify(list)).not.toContain('香港中路');
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['customer.address.create']);
    expect(JSON.stringify(audit[0]!.after)).not.toContain('香港中路');
  });

  it('hands the primary role to a new address that asks for it, recording both changes', async () => {
    const res = await clerkA1.post(`/api/customers/${id}/addresses`, { addressType: '1', address: '山东省青岛市崂山区海尔路1号', isPrimary: true });
    second = res.json().id;
    expect(await primaries(id)).toEqual([['1', second]]);
    const mailing = await clerkA1.post(`/api/customers/${id}/addresses`, { addressType: '2', address: '山东省青岛市市北区辽宁路8号', isPrimary: false });
    expect(mailing.json().isPrimary).toBe(true);
    expect(await historyOf(id)).toContainEqual({ field: `addresses.${first}.isPrimary`, old_value: 'true', new_value: 'false' });
  });

  it('refuses switching the primary off, but lets another take over', async () => {
    const row = (await rowsOf(id)).find((r) => r.id === second)!;
    const off = await clerkA1.patch(`/api/customers/${id}/addresses/${second}`, { version: row.version, isPrimary: false });
    expect(off.statusCode).toBe(422);
    expect(off.json().errors[0]).toMatchObject({ path: 'isPrimary', code: 'addresses.primary_required', message: expect.stringContaining('主地址') });
    const firstRow = (await rowsOf(id)).find((r) => r.id === first)!;
    const on = await clerkA1.patch(`/api/customers/${id}/addresses/${first}`, { version: firstRow.version, isPrimary: true });
    expect(on.statusCode).toBe(200);
    expect(await primaries(id)).toEqual([['1', first], ['2', expect.any(Number)]]);
  });

  it('passes the primary role on when the primary moves to another type or is removed', async () => {
    const firstRow = (await rowsOf(id)).find((r) => r.id === first)!;
    const moved = await clerkA1.patch(`/api/customers/${id}/addresses/${first}`, { version: firstRow.version, addressType: '3' });
    expect(moved.json()).toMatchObject({ isPrimary: true, changed: 1 });
    expect((await primaries(id)).sort()).toEqual([['1', second], ['2', expect.any(Number)], ['3', first]].sort());
    const del = await clerkA1.delete(`/api/customers/${id}/addresses/${second}`);
    expect(del.statusCode).toBe(200);
    expect((await rowsOf(id)).some((r) => r.address_type === '1')).toBe(false);
    expect(await historyOf(id)).toContainEqual({ field: `addresses.${second}.address`, old_value: '山东省青岛市崂山区海尔路1号', new_value: null });
  });

  it('keeps the full old and new text in history, refuses a stale version and an identical address', async () => {
    const row = (await rowsOf(id)).find((r) => r.id === first)!;
    const res = await clerkA1.patch(`/api/customers/${id}/addresses/${first}`, { version: row.version, address: '山东省青岛市市南区东海西路15号' });
    expect(res.statusCode).toBe(200);
    expect(await historyOf(id)).toContainEqual({ field: `addresses.${first}.address`, old_value: HOME, new_value: '山东省青岛市市南区东海西路15号' });
    const stale = await clerkA1.patch(`/api/customers/${id}/addresses/${first}`, { version: row.version, postcode: '266000' });
    expect(stale.statusCode).toBe(409);
    const dup = await clerkA1.post(`/api/customers/${id}/addresses`, { addressType: '3', address: '山东省青岛市市南区东海西路15号' });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors[0].code).toBe('addresses.duplicate');
  });

  it('is kept by the database too: a second primary of a type cannot be written', async () => {
    await expect(ctx.handle.db.insertInto('customer_address').values({ customer_id: id, address_type: '3', address: '别处', is_primary: true }).execute()).rejects.toThrow(/customer_address_primary_key/);
  });
});

describe('reveal, scope and bad input', () => {
  let id: number;
  let addressId: number;
  beforeAll(async () => {
    id = await openPersonal('沈隐私', residentId('19710202', '221'));
    addressId = (await clerkA1.post(`/api/customers/${id}/addresses`, { addressType: '1', address: HOME })).json().id;
  });

  it('reveals an address only with customer.sensitive.read, and audits it', async () => {
    expect((await clerkA1.post(`/api/customers/${id}/addresses/${addressId}/reveal`)).statusCode).toBe(403);
    const since = await lastAuditId(ctx);
    const res = await reviewA.post(`/api/customers/${id}/addresses/${addressId}/reveal`);
    expect(res.json()).toEqual({ field: `addresses.${addressId}.address`, value: HOME });
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([['customer.sensitive.reveal', String(id)]]);
  });

  it('answers 404 to another branch on every route and changes nothing', async () => {
    const before = await rowsOf(id);
    expect((await clerkB1.get(`/api/customers/${id}/addresses`)).statusCode).toBe(404);
    expect((await clerkB1.post(`/api/customers/${id}/addresses`, { addressType: '2', address: '越权地址' })).statusCode).toBe(404);
    expect((await clerkB1.patch(`/api/customers/${id}/addresses/${addressId}`, { version: 1, address: '越权' })).statusCode).toBe(404);
    expect((await clerkB1.delete(`/api/customers/${id}/addresses/${addressId}`)).statusCode).toBe(404);
    expect((await reviewB.post(`/api/customers/${id}/addresses/${addressId}/reveal`)).statusCode).toBe(404);
    expect(await rowsOf(id)).toEqual(before);
  });

  it('does not reach an address through another customer\'s id', async () => {
    const mine = await openPersonal('韩别人', residentId('19720303', '231'));
    expect((await clerkA1.patch(`/api/customers/${mine}/addresses/${addressId}`, { version: 1, address: '串改' })).statusCode).toBe(404);
    expect((await clerkA1.delete(`/api/customers/${mine}/addresses/${addressId}`)).statusCode).toBe(404);
    expect((await rowsOf(id))[0]!.address).toBe(HOME);
  });

  it('names unknown codes and a bad postcode, rejects wrong types and overlong text, saves nothing', async () => {
    const res = await clerkA1.post(`/api/customers/${id}/addresses`, { addressType: '7', divisionCode: '999999', address: 'x', postcode: '12345' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['addressType', 'codes.item.unknown'], ['divisionCode', 'codes.item.unknown'], ['postcode', 'customers.postcode_format']]);
    for (const bad of [{ address: '址'.repeat(121) }, { address: '   ' }, { isPrimary: 'yes' }, { addressType: 1 }, { customerId: 5 }]) {
      const r = await clerkA1.post(`/api/customers/${id}/addresses`, { addressType: '2', address: '某地', ...bad });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await clerkA1.patch(`/api/customers/${id}/addresses/${addressId}`, { address: '缺版本' })).statusCode).toBe(400);
    expect(await rowsOf(id)).toHaveLength(1);
  });

  it('stores markup and SQL as plain text', async () => {
    const nasty = `<img src=x onerror=alert(1)>'; delete from customer_address; --`;
    const res = await clerkA1.post(`/api/customers/${id}/addresses`, { addressType: '9', address: nasty });
    expect(res.statusCode).toBe(201);
    expect((await rowsOf(id)).find((r) => r.id === res.json().id)!.address).toBe(nasty);
    expect(await rowsOf(id)).toHaveLength(2);
  });
});
