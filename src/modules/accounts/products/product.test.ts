// ACC-1 product catalogue through the HTTP API: the 10-digit id, uniqueness, rate settings kept
// as history, who may read and who may change, hostile input, and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let admin: Client;
let pm: Client;
let head: Client;
let clerk: Client;
const HOSTILE = `<script>alert('x')</script>'; drop table product; --`;

const demand = (id: string, extra: Record<string, unknown> = {}) => ({ id, nameZh: '个人活期储蓄', nameEn: 'Personal demand savings', category: 'deposit',
  subType: 'demand', currency: 'CNY', rate: { rateType: 'fixed', baseRate: '0.1500', effectiveFrom: '2024-01-01' }, ...extra });
const rates = (id: string) => ctx.handle.db.selectFrom('product_rate').select(['base_rate', 'effective_from']).where('product_id', '=', id).orderBy('effective_from').execute();

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('pr_admin', ctx.bank.ho, ['head_office_admin']);
  await ctx.addUser('pr_pm', ctx.bank.ho, ['product_manager']);
  await ctx.addUser('pr_head', ctx.bank.branchA, ['institution_head']);
  await ctx.addUser('pr_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  [admin, pm, head, clerk] = await Promise.all(['pr_admin', 'pr_pm', 'pr_head', 'pr_clerk'].map((u) => ctx.login(u)));
});
afterAll(() => ctx?.close());

describe('the product id', () => {
  it('is exactly 10 digits (a malformed request is 400 with the field path)', async () => {
    for (const id of ['123456789', '12345678901', '12345678AB', ' 1234567890', '１２３４５６７８９０', "1' or '1'='1", 1234567890]) {
      const res = await pm.post('/api/products', demand(id as string));
      expect(res.statusCode, String(id)).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ path: 'body.id' });
    }
    const bad = await pm.post('/api/products', demand('12345'), { 'accept-language': 'en-US' });
    expect(bad.json().errors[0].message).toBe('The product id must be 10 digits');
    expect(await ctx.handle.db.selectFrom('product').select('id').execute()).toEqual([]);
  });

  it('is unique, and a second product with it changes nothing', async () => {
    const since = await lastAuditId(ctx);
    const res = await pm.post('/api/products', demand('1010000001', { nameZh: HOSTILE }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ id: '1010000001', version: 1 });
    const again = await admin.post('/api/products', demand('1010000001', { nameZh: '另一个' }));
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0]).toMatchObject({ path: 'id', code: 'products.id_taken' });
    const row = await ctx.handle.db.selectFrom('product').selectAll().where('id', '=', '1010000001').executeTakeFirstOrThrow();
    expect(row.name_zh).toBe(HOSTILE);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['product.create']);
    expect(audit[0]!.after).toMatchObject({ category: 'deposit', rate: { baseRate: '0.1500', effectiveFrom: '2024-01-01' } });
  });

  it('refuses an unknown category or currency, and a floating rate without its range', async () => {
    expect((await pm.post('/api/products', demand('1010000002', { category: 'crypto' }))).statusCode).toBe(400);
    const cur = await pm.post('/api/products', demand('1010000002', { currency: 'XYZ' }));
    expect(cur.json().errors).toEqual([expect.objectContaining({ path: 'currency', code: 'products.currency_unknown' })]);
    const floating = await pm.post('/api/products', demand('1010000002', { rate: { rateType: 'floating', baseRate: '3.4500', effectiveFrom: '2024-01-01' } }));
    expect(floating.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['rate.floatMax', 'rate.floatMin']);
    const outside = await pm.post('/api/products', demand('1010000002', { rate: { rateType: 'floating', baseRate: '3.4500', floatMin: '3.5', floatMax: '4', effectiveFrom: '2024-01-01' } }));
    expect(outside.json().errors[0].code).toBe('products.float_range');
    expect((await pm.post('/api/products', demand('1010000002', { rate: { rateType: 'fixed', baseRate: '1.23456', effectiveFrom: '2024-01-01' } }))).statusCode).toBe(400);
    expect((await pm.post('/api/products', demand('1010000002', { rate: { rateType: 'fixed', baseRate: '150', effectiveFrom: '2024-01-01' } }))).json().errors[0].code).toBe('products.rate_range');
    expect(await ctx.handle.db.selectFrom('product').select('id').where('id', '=', '1010000002').executeTakeFirst()).toBeUndefined();
  });
});

describe('interest-rate settings', () => {
  it('are kept as history: a change is a new row, never an overwrite', async () => {
    const id = '2020000001';
    expect((await pm.post('/api/products', { id, nameZh: '流动资金贷款', nameEn: 'Working-capital loan', category: 'loan', subType: 'working_capital', currency: 'CNY',
      rate: { rateType: 'floating', baseRate: '3.4500', floatMin: '3.0000', floatMax: '5.1750', effectiveFrom: '2024-01-01' } })).statusCode).toBe(201);
    const since = await lastAuditId(ctx);
    const next = await pm.post(`/api/products/${id}/rates`, { rateType: 'floating', baseRate: '3.1000', floatMin: '2.8', floatMax: '4.65', effectiveFrom: '2024-10-21' });
    expect(next.statusCode, next.body).toBe(201);
    expect(next.json()).toMatchObject({ baseRate: '3.1000', floatMin: '2.8000', floatMax: '4.6500', effectiveFrom: '2024-10-21' });
    expect(await rates(id)).toEqual([{ base_rate: '3.4500', effective_from: '2024-01-01' }, { base_rate: '3.1000', effective_from: '2024-10-21' }]);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['product.rate.add']);
    expect(audit[0]!.before).toMatchObject({ baseRate: '3.4500' });

    // Backdating or re-using a date would rewrite what contracts were priced at.
    for (const effectiveFrom of ['2024-10-21', '2024-06-01']) {
      const res = await pm.post(`/api/products/${id}/rates`, { rateType: 'fixed', baseRate: '9', effectiveFrom });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0]).toMatchObject({ path: 'effectiveFrom', code: 'products.rate_not_after_latest' });
    }
    expect(await rates(id)).toHaveLength(2);
    const detail = (await head.get(`/api/products/${id}`)).json();
    expect(detail.rates.map((r: { effectiveFrom: string }) => r.effectiveFrom)).toEqual(['2024-10-21', '2024-01-01']);
    const list = (await head.get('/api/products?category=loan')).json();
    expect(list.items).toEqual([expect.objectContaining({ id, currentRate: '3.1000' })]);
  });

  it('a retired product takes no new rate; an unknown one is 404', async () => {
    const id = '3030000001';
    expect((await pm.post('/api/products', { id, nameZh: '稳健理财一号', nameEn: 'Steady wealth 1', category: 'wealth', currency: 'CNY' })).statusCode).toBe(201);
    const stale = await pm.patch(`/api/products/${id}`, { version: 9, status: 'retired' });
    expect(stale.statusCode).toBe(409);
    const since = await lastAuditId(ctx);
    const retired = await pm.patch(`/api/products/${id}`, { version: 1, status: 'retired', nameEn: 'Steady wealth No. 1' });
    expect(retired.json()).toEqual({ id, version: 2 });
    expect((await auditSince(ctx, since)).map((a) => [a.action, a.before, a.after])).toEqual([
      ['product.update', { nameEn: 'Steady wealth 1', status: 'active' }, { nameEn: 'Steady wealth No. 1', status: 'retired' }]]);
    expect((await pm.post(`/api/products/${id}/rates`, { rateType: 'fixed', baseRate: '3', effectiveFrom: '2030-01-01' })).json().errors[0].code).toBe('products.retired');
    expect((await pm.post('/api/products/9999999999/rates', { rateType: 'fixed', baseRate: '3', effectiveFrom: '2030-01-01' })).statusCode).toBe(404);
    expect((await head.get('/api/products?status=active')).json().items.some((p: { id: string }) => p.id === id)).toBe(false);
    expect((await head.get('/api/products?status=retired')).json().items.map((p: { id: string }) => p.id)).toEqual([id]);
  });
});

describe('permissions', () => {
  it('product.read reads, product.manage changes, and the clerk does neither', async () => {
    expect((await clerk.get('/api/products')).statusCode).toBe(403);
    expect((await head.get(`/api/products?q=${encodeURIComponent("%' or 1=1 --")}`)).json().items).toEqual([]);
    expect((await head.get('/api/products?q=1010')).json().items.map((p: { id: string }) => p.id)).toEqual(['1010000001']);
    const before = await lastAuditId(ctx);
    expect((await head.post('/api/products', demand('4040000001'))).statusCode).toBe(403);
    expect((await head.patch('/api/products/1010000001', { version: 1, status: 'retired' })).statusCode).toBe(403);
    expect((await clerk.post('/api/products/1010000001/rates', { rateType: 'fixed', baseRate: '1', effectiveFrom: '2030-01-01' })).statusCode).toBe(403);
    expect((await auditSince(ctx, before)).filter((a) => a.action.startsWith('product.'))).toEqual([]);
    expect((await admin.patch('/api/products/1010000001', { version: 1, nameEn: 'Demand savings' })).json()).toEqual({ id: '1010000001', version: 2 });
  });
});
