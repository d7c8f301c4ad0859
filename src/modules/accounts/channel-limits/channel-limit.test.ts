// ACC-7 customer-level channel limits through the HTTP API: amounts exact to the fen, the order
// per-transaction ≤ daily ≤ annual, changes kept as history from their effective dates, hostile
// input, scope, permissions and the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../../common/business-date.ts';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let reviewA: Client;
let customerA: number;
let customerB: number;
const HOSTILE = `<img src=x onerror=alert(1)>'; delete from channel_limit; --`;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const today = () => businessToday();
const set = (client: Client, customerId: number, body: Record<string, unknown>, headers?: Record<string, string>) =>
  client.post(`/api/customers/${customerId}/channel-limits`, body, headers);
const limits = (client: Client, customerId: number) => client.get(`/api/customers/${customerId}/channel-limits`);
const rowCount = async () => Number((await ctx.handle.db.selectFrom('channel_limit').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

type Limit = { id: number; channel: string; perTransaction: string | null; dailyAmount: string | null; dailyCount: number | null; annualAmount: string | null; effectiveFrom: string; state?: string };
type Listing = { today: string; channels: { channel: string; current: Limit | null; scheduled: Limit[] }[]; history: Limit[] };

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('cl_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('cl_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('cl_review_a', ctx.bank.branchA, ['data_review_clerk']);
  [clerkA1, clerkB1, reviewA] = await Promise.all(['cl_clerk_a1', 'cl_clerk_b1', 'cl_review_a'].map((u) => ctx.login(u)));
  customerA = (await clerkA1.post('/api/customers', { kind: 'corporate', name: '青岛限额测试有限公司' })).json().id;
  customerB = (await clerkB1.post('/api/customers', { kind: 'corporate', name: '烟台限额测试有限公司' })).json().id;
});
afterAll(() => ctx?.close());

describe('setting a channel limit', () => {
  it('stores amounts exactly to the fen, and the listing shows it in force with every channel', async () => {
    const since = await lastAuditId(ctx);
    const res = await set(clerkA1, customerA, { channel: 'mobile_banking', perTransaction: '50000', dailyAmount: '200000.5', dailyCount: 20, annualAmount: ' 9999999999999999.99 ', effectiveFrom: today() });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'mobile_banking', perTransaction: '50000.00', dailyAmount: '200000.50', dailyCount: 20, annualAmount: '9999999999999999.99' });
    const stored = await ctx.handle.db.selectFrom('channel_limit').select(['per_transaction', 'daily_amount', 'annual_amount']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ per_transaction: '50000.00', daily_amount: '200000.50', annual_amount: '9999999999999999.99' });
    const list = (await limits(clerkA1, customerA)).json() as Listing;
    expect(list.channels.map((c) => c.channel)).toEqual(['counter', 'atm', 'pos', 'online_banking', 'mobile_banking', 'phone_banking', 'third_party_payment']);
    expect(list.channels.find((c) => c.channel === 'mobile_banking')!.current).toMatchObject({ id: res.json().id, perTransaction: '50000.00', effectiveFrom: today() });
    expect(list.channels.find((c) => c.channel === 'atm')!.current).toBeNull();
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => [a.action, a.entity_type, a.entity_id, a.before])).toEqual([['channel_limit.set', 'customer', String(customerA), null]]);
    expect(audit[0]!.after).toMatchObject({ channel: 'mobile_banking', perTransaction: '50000.00', dailyAmount: '200000.50', dailyCount: 20, effectiveFrom: today() });
  });

  it('keeps per-transaction ≤ daily ≤ annual, compared in fen (beyond what a double can tell apart)', async () => {
    const since = await lastAuditId(ctx);
    const before = await rowCount();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ perTransaction: '1000.01', dailyAmount: '1000.00' }, 'perTransaction', 'channel_limits.per_transaction_over_daily'],
      [{ dailyAmount: '9999999999999999.99', annualAmount: '9999999999999999.98' }, 'dailyAmount', 'channel_limits.daily_over_annual'],
      [{ perTransaction: '500', annualAmount: '499.99' }, 'perTransaction', 'channel_limits.per_transaction_over_annual'],
    ];
    for (const [limitsGiven, path, code] of cases) {
      const res = await set(clerkA1, customerA, { channel: 'counter', ...limitsGiven, effectiveFrom: today() });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ path, code })]);
    }
    const en = await set(clerkA1, customerA, { channel: 'counter', perTransaction: '2', dailyAmount: '1', effectiveFrom: today() }, { 'accept-language': 'en-US' });
    expect(en.json().errors[0].message).toBe('The per-transaction limit cannot exceed the daily limit');
    expect(await rowCount()).toBe(before);
    expect(await auditSince(ctx, since)).toEqual([]);
    // Equal limits and a zero limit (the channel closed to payments) are fine.
    expect((await set(clerkA1, customerA, { channel: 'counter', perTransaction: '1000.00', dailyAmount: '1000', annualAmount: '1000.0', effectiveFrom: today() })).statusCode).toBe(201);
    expect((await set(clerkA1, customerA, { channel: 'pos', perTransaction: '0', dailyAmount: '0', dailyCount: 0, effectiveFrom: today() })).statusCode).toBe(201);
  });

  it('refuses malformed and hostile input with 400 and stores free text verbatim', async () => {
    const since = await lastAuditId(ctx);
    const before = await rowCount();
    const bad: Record<string, unknown>[] = [
      { perTransaction: 500 }, { perTransaction: '1.234' }, { perTransaction: '-1' }, { perTransaction: '1e5' }, { perTransaction: '' },
      { perTransaction: '12345678901234567' }, { dailyCount: 1.5 }, { dailyCount: '10' }, { dailyCount: -1 }, { dailyCount: 1_000_001 },
      { channel: 'carrier_pigeon' }, { channel: null }, { effectiveFrom: '2025-13-01' }, { effectiveFrom: null }, { remark: 'x'.repeat(201) },
      { customerId: customerB }, { perTransaction: "1'; drop table channel_limit; --" },
    ];
    for (const b of bad) expect((await set(clerkA1, customerA, { channel: 'atm', effectiveFrom: today(), ...b })).statusCode, JSON.stringify(b)).toBe(400);
    for (const id of ['abc', '-1', '1%20or%201=1']) expect((await clerkA1.post(`/api/customers/${id}/channel-limits`, { channel: 'atm', effectiveFrom: today() })).statusCode).toBe(400);
    expect(await rowCount()).toBe(before);
    expect(await auditSince(ctx, since)).toEqual([]);
    const ok = await set(clerkA1, customerA, { channel: 'atm', perTransaction: '5000', remark: HOSTILE, effectiveFrom: today() });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await ctx.handle.db.selectFrom('channel_limit').select('remark').where('id', '=', ok.json().id).executeTakeFirstOrThrow()).remark).toBe(HOSTILE);
  });

  it('cannot be back-dated or set more than a year ahead', async () => {
    for (const [day, code] of [[addDays(today(), -1), 'channel_limits.effective_in_past'], [addDays(today(), 367), 'channel_limits.effective_too_far']]) {
      const res = await set(clerkA1, customerA, { channel: 'online_banking', perTransaction: '100', effectiveFrom: day });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors[0]).toMatchObject({ path: 'effectiveFrom', code });
    }
  });

  it("is 404 for another branch's customer, 403 without limit.manage, and writes nothing then", async () => {
    const since = await lastAuditId(ctx);
    const before = await rowCount();
    expect((await set(clerkB1, customerA, { channel: 'atm', effectiveFrom: today() })).statusCode).toBe(404);
    expect((await set(clerkA1, customerB, { channel: 'atm', effectiveFrom: today() })).statusCode).toBe(404);
    expect((await set(clerkA1, 999999999, { channel: 'atm', effectiveFrom: today() })).statusCode).toBe(404);
    expect((await set(reviewA, customerA, { channel: 'atm', effectiveFrom: today() })).statusCode).toBe(403);
    expect((await limits(clerkB1, customerA)).statusCode).toBe(404);
    expect((await limits(reviewA, customerA)).statusCode).toBe(200);
    expect(await rowCount()).toBe(before);
    expect(await auditSince(ctx, since)).toEqual([]);
  });
});

describe('the history of a channel', () => {
  it('keeps every change as its own row: in force, scheduled, superseded', async () => {
    const first = (await set(clerkA1, customerA, { channel: 'third_party_payment', perTransaction: '1000', dailyAmount: '5000', effectiveFrom: today() })).json() as Limit;
    const since = await lastAuditId(ctx);
    const corrected = await set(clerkA1, customerA, { channel: 'third_party_payment', perTransaction: '2000', dailyAmount: '5000', effectiveFrom: today() });
    expect(corrected.statusCode, corrected.body).toBe(201);
    const tomorrow = addDays(today(), 1);
    const later = (await set(clerkA1, customerA, { channel: 'third_party_payment', perTransaction: null, dailyAmount: null, effectiveFrom: tomorrow })).json() as Limit;
    expect(later).toMatchObject({ perTransaction: null, dailyAmount: null, dailyCount: null, annualAmount: null });

    const list = (await limits(clerkA1, customerA)).json() as Listing;
    const channel = list.channels.find((c) => c.channel === 'third_party_payment')!;
    expect(channel.current).toMatchObject({ id: corrected.json().id, perTransaction: '2000.00' });
    expect(channel.scheduled.map((s) => s.id)).toEqual([later.id]);
    const history = list.history.filter((h) => h.channel === 'third_party_payment');
    expect(history.map((h) => [h.id, h.state])).toEqual([[later.id, 'scheduled'], [corrected.json().id, 'current'], [first.id, 'superseded']]);
    expect(await ctx.handle.db.selectFrom('channel_limit').select('per_transaction').where('id', '=', first.id).executeTakeFirstOrThrow()).toEqual({ per_transaction: '1000.00' });

    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['channel_limit.set', 'channel_limit.set']);
    expect(audit[0]!.before).toMatchObject({ limitId: first.id, perTransaction: '1000.00' });
    expect(audit[1]!.before).toMatchObject({ limitId: corrected.json().id, perTransaction: '2000.00' });
    expect(audit[1]!.after).toMatchObject({ perTransaction: null, effectiveFrom: tomorrow });
  });
});
