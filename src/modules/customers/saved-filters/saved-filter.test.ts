// Saved list filters: own only, audited create and delete, names and filters checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/harness.ts';
import { saveFilter, MAX_SAVED_FILTERS } from './saved-filter.service.ts';

let ctx: TestContext;
let mgr: Client; let other: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('sf_mgr', ctx.bank.subA1, ['primary_manager']);
  await ctx.addUser('sf_other', ctx.bank.subA1, ['primary_manager']);
  [mgr, other] = await Promise.all([ctx.login('sf_mgr'), ctx.login('sf_other')]);
});
afterAll(() => ctx?.close());

const audits = (action: string) => ctx.handle.db.selectFrom('audit_log').select(['actor_name', 'entity_id', 'after', 'before']).where('action', '=', action).execute();

describe('saved filters', () => {
  it('saves, lists and deletes a user\'s own filters, each change audited', async () => {
    const res = await mgr.post('/api/customers/saved-filters', { name: '对公·按月日均', filters: { kind: 'corporate', sort: 'monthAvg', order: 'desc' } });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const list = (await mgr.get('/api/customers/saved-filters')).json();
    expect(list).toEqual([expect.objectContaining({ id, name: '对公·按月日均', filters: { kind: 'corporate', status: 'active', sort: 'monthAvg', order: 'desc' } })]);
    expect((await audits('customer.saved_filter.create')).filter((a) => a.entity_id === String(id))).toHaveLength(1);

    expect((await mgr.delete(`/api/customers/saved-filters/${id}`)).statusCode).toBe(200);
    expect((await mgr.get('/api/customers/saved-filters')).json()).toEqual([]);
    const deleted = (await audits('customer.saved_filter.delete')).filter((a) => a.entity_id === String(id));
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.actor_name).toBeTruthy();
  });

  it('another user neither sees nor deletes them', async () => {
    const id = (await mgr.post('/api/customers/saved-filters', { name: '我的', filters: {} })).json().id as number;
    expect((await other.get('/api/customers/saved-filters')).json()).toEqual([]);
    const res = await other.delete(`/api/customers/saved-filters/${id}`);
    expect(res.statusCode).toBe(404);
    expect((await mgr.get('/api/customers/saved-filters')).json().map((f: { id: number }) => f.id)).toContain(id);
    // The other user may use the same name for his own.
    expect((await other.post('/api/customers/saved-filters', { name: '我的', filters: {} })).statusCode).toBe(201);
  });

  it('refuses a name already used, saying which', async () => {
    await mgr.post('/api/customers/saved-filters', { name: '重名', filters: {} });
    const res = await mgr.post('/api/customers/saved-filters', { name: '重名', filters: { kind: 'personal' } }, { 'accept-language': 'en' });
    expect(res.statusCode).toBe(409);
    expect(res.json().title).toBe('A filter named "重名" already exists; choose another name');
  });

  it('keeps names with HTML and characters outside the BMP as text, and refuses hostile shapes', async () => {
    const name = '<img src=x onerror=alert(1)>𠀀';
    const res = await mgr.post('/api/customers/saved-filters', { name, filters: { q: "王' or 1=1 --" } });
    expect(res.statusCode, res.body).toBe(201);
    expect((await mgr.get('/api/customers/saved-filters')).json().find((f: { id: number }) => f.id === res.json().id).name).toBe(name);
    for (const body of [
      { name: '', filters: {} }, { name: 'x'.repeat(41), filters: {} }, { name: 'a\u200Bb', filters: {} },
      { name: '坏排序', filters: { sort: 'balance; drop table customer' } }, { name: '多字段', filters: { where: '1=1' } },
      { name: 42, filters: {} }, { name: '超大机构号', filters: { institutionId: 2 ** 31 } }, { name: '无条件' },
    ]) {
      const bad = await mgr.post('/api/customers/saved-filters', body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
    }
    for (const id of ['abc', String(2 ** 53), '-1']) expect((await mgr.delete(`/api/customers/saved-filters/${id}`)).statusCode, id).toBe(400);
  });

  it(`stops at ${MAX_SAVED_FILTERS} a user`, async () => {
    const have = (await other.get('/api/customers/saved-filters')).json().length as number;
    for (let i = have; i < MAX_SAVED_FILTERS; i++) expect((await other.post('/api/customers/saved-filters', { name: `条件${i}`, filters: {} })).statusCode).toBe(201);
    const res = await other.post('/api/customers/saved-filters', { name: '再多一个', filters: {} });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('customers.saved_filter.too_many');
  });

  it('an API token has no filters of its own to save', async () => {
    const token = { ...ctx.system, kind: 'token' as const, id: 1, personId: 1 };
    await expect(saveFilter(ctx.handle.db, token, { name: 'x', filters: { status: 'active', sort: 'newest', order: 'desc' } })).rejects.toThrow('customers.saved_filter.people_only');
  });
});
