// The demo book, small (the first start builds 2,000 customers over 90 days; the rules are the
// same): what the demo's staff see through the API once it is built, and daily averages that a
// direct recomputation from the stored snapshots agrees with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import type { DatabaseHandle } from '../db/database.ts';
import { openTestDatabase } from '../test/harness.ts';
import { firstRun, prepareDatabase } from '../server/bootstrap.ts';
import { putSetting } from '../modules/settings/settings.service.ts';
import { buildApp } from '../server/app.ts';
import type { Config } from '../server/config.ts';
import { businessToday } from '../common/business-date.ts';
import { dailyAverages } from '../modules/accounts/balances/daily-average.service.ts';
import { createDemoBank, DEMO_PASSWORD } from './demo-bank.ts';
import { buildDemoBook, demoBookState, type DemoBookSummary } from './book.ts';
import { rootSystemActor } from '../modules/auth/actor.queries.ts';
import { isoOf, toDayNo } from './generate/feed.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createImageStore } from '../modules/images/image-store.ts';

const DAYS = 12;
const CUSTOMERS = 240;
const config: Config = { port: 0, host: '127.0.0.1', database: { kind: 'pglite', dataDir: '' }, cookieSecure: false, trustProxy: false, demo: true, logLevel: 'silent' };

let handle: DatabaseHandle;
let drop: () => Promise<void>;
let app: Awaited<ReturnType<typeof buildApp>>;
let summary: DemoBookSummary;
let imageDir: string;
const endDate = isoOf(toDayNo(businessToday()) - 1);

async function signIn(username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  expect(res.statusCode).toBe(200);
  const cookie = `crm_session=${res.cookies.find((c) => c.name === 'crm_session')!.value}`;
  return async (url: string) => {
    const r: LightMyRequestResponse = await app.inject({ method: 'GET', url, headers: { cookie } });
    expect(r.statusCode, `${url}: ${r.body}`).toBe(200);
    return r.json();
  };
}

beforeAll(async () => {
  ({ handle, drop } = await openTestDatabase());
  await prepareDatabase(handle);
  await createDemoBank(handle.db);
  imageDir = await mkdtemp(join(tmpdir(), 'crm-demo-images-'));
  summary = await buildDemoBook(handle.db, { customers: CUSTOMERS, days: DAYS, endDate, seed: 11, imageStore: createImageStore({ kind: 'fs', dir: imageDir }) });
  app = await buildApp(handle.db, config, { logger: false });
  await app.ready();
}, 240_000);

afterAll(async () => {
  await app?.close();
  await handle?.close();
  await drop?.();
  if (imageDir) await rm(imageDir, { recursive: true, force: true });
});

describe('the demo book', () => {
  it('is recorded complete, with the customers imported and those the core opened', async () => {
    const state = await demoBookState(handle.db);
    expect(state).toMatchObject({ status: 'complete', endDate, days: DAYS, customers: summary.customers, accounts: summary.accounts });
    // The core opens about one customer a day of its own beside the imported book.
    expect(summary.customers).toBeGreaterThan(CUSTOMERS);
    expect(summary.accounts / CUSTOMERS).toBeGreaterThan(2.5);
  });

  it('ranks sn_mgr\'s customers by deposit balance as of the last feed day, as the accounts tab adds up', async () => {
    const get = await signIn('sn_mgr');
    const list = await get('/api/customers?pageSize=200&sort=balance&order=desc');
    type Row = { id: number; depositBalance: string | null; positionAsOf: string | null };
    const items = list.items as Row[];
    const balances = items.map((r) => Number(r.depositBalance ?? 0));
    expect(balances).toEqual([...balances].sort((a, b) => b - a));
    expect(items[0]!.positionAsOf).toBe(endDate);
    for (const c of [items[0]!, items[Math.floor(items.length / 2)]!]) {
      type Account = { kind: string; currency: string; balance: string; closedOn: string | null };
      const accounts = ((await get(`/api/customers/${c.id}/accounts`)).items as Account[])
        .filter((a) => a.kind.startsWith('deposit') && a.currency === 'CNY' && (a.closedOn === null || a.closedOn >= endDate));
      const fen = accounts.reduce((sum, a) => sum + BigInt(a.balance.replace('.', '')), 0n);
      expect(BigInt(c.depositBalance!.replace('.', ''))).toBe(fen);
    }
  });

  it('gives sn_mgr his own customers, with balances, averages and a balance trend', async () => {
    const get = await signIn('sn_mgr');
    const list = await get('/api/customers?pageSize=200');
    const mine = await handle.db.selectFrom('customer_manager as m').innerJoin('app_user as u', 'u.id', 'm.user_id')
      .select('m.customer_id').where('u.username', '=', 'sn_mgr').where('m.role', '=', 'primary').where('m.ends_on', 'is', null).execute();
    expect(list.total).toBe(mine.length);
    expect(mine.length).toBeGreaterThan(8);
    const withAccounts = [];
    for (const c of list.items as { id: number }[]) {
      const accounts = await get(`/api/customers/${c.id}/accounts`);
      if ((accounts.items ?? accounts).length) withAccounts.push(c.id);
    }
    expect(withAccounts.length).toBe(list.items.length);
    const averages = await get(`/api/customers/${withAccounts[0]}/averages`);
    expect(JSON.stringify(averages)).toMatch(/"month":"-?\d+\.\d\d"/);
    const trend = await get(`/api/customers/${withAccounts[0]}/balance-trend`);
    expect(trend.to).toBe(endDate);
    expect(trend.series.length).toBeGreaterThan(0);
  });

  it('puts maturity and large-change alerts and certificate reminders on sn_mgr\'s workbench', async () => {
    const get = await signIn('sn_mgr');
    const maturity = await get('/api/workbench/account-alerts?kind=maturity');
    const large = await get('/api/workbench/account-alerts?kind=large_change');
    expect(maturity.total).toBeGreaterThan(0);
    expect(large.total).toBeGreaterThan(0);
    const todos = await get('/api/todos?status=open');
    expect((todos.items as { kind: string }[]).some((t) => t.kind === 'certificate.expiry')).toBe(true);
  });

  it('has customer deletions under review: one awaiting sn_review, one sn_head, one returned to sn_entry', async () => {
    const review = await signIn('sn_review');
    const inbox = await review('/api/approvals/inbox?type=customer.delete');
    expect(inbox.items).toEqual([expect.objectContaining({ type: 'customer.delete', maker: '韩录入', step: 1, stepCount: 2 })]);
    const detail = await review(`/api/approvals/${inbox.items[0].id}`);
    expect(detail.can.decide).toBe(true);
    expect(detail.changes[0]).toEqual({ field: 'status', old: 'active', new: 'deleted' });
    expect((await (await signIn('sn_head'))('/api/approvals/inbox?type=customer.delete')).items).toEqual([expect.objectContaining({ step: 2, stepCount: 2 })]);
    // One deletion and one customer information entry (below) came back to the clerk.
    expect(await (await signIn('sn_entry'))('/api/approvals/count')).toEqual({ pending: 0, overdue: 0, returnedToMe: 2 });
    const deleted = await sql<{ n: number }>`select count(*)::int as n from customer where status = 'deleted'`.execute(handle.db);
    expect(deleted.rows[0]!.n).toBe(0);
  });

  it('has performance for every manager on the feed days, one split approved and one across institutions waiting for the branch administrator', async () => {
    const split = await handle.db.selectFrom('performance_allocation').select(['user_id', 'share']).orderBy('share', 'desc').execute();
    expect(split.map((r) => r.share)).toEqual(['60.00', '40.00']);
    const pending = (await (await signIn('qd_admin'))('/api/approvals/inbox?type=performance.allocation')).items;
    expect(pending).toEqual([expect.objectContaining({ type: 'performance.allocation', step: 2, stepCount: 2, maker: '郑业绩' })]);
    expect((await (await signIn('sn_head'))('/api/approvals/inbox?type=performance.allocation')).items).toEqual([]);
    const mine = await (await signIn('sn_mgr'))('/api/performance/me');
    expect(mine.trend.length).toBe(Math.min(30, DAYS)); // one row a feed day, the last 30
    expect(Number(mine.figures.deposit_balance)).toBeGreaterThan(0);
  });

  it('has sn_mgr\'s scale-attribute changes: one awaiting qd_head\'s approval, one qd_confirm\'s confirmation, each as its annual statement suggests', async () => {
    const head = await signIn('qd_head');
    const confirm = await signIn('qd_confirm');
    expect((await head('/api/approvals/inbox?type=customer.scale')).items).toEqual([expect.objectContaining({ maker: '卫主办', step: 1, stepCount: 2 })]);
    const waiting = (await confirm('/api/approvals/inbox?type=customer.scale')).items;
    expect(waiting).toEqual([expect.objectContaining({ maker: '卫主办', step: 2, stepCount: 2 })]);
    const detail = await confirm(`/api/approvals/${waiting[0].id}`);
    const proposed = detail.changes.find((c: { field: string }) => c.field === 'scale').new;
    expect(detail.changes.find((c: { field: string }) => c.field === 'scaleSuggested').new).toBe(proposed);
    const shown = await (await signIn('sn_mgr'))(`/api/customers/${waiting[0].subject.id}/scale`);
    expect(shown.suggestion).toMatchObject({ scale: proposed, fiscalYear: 2025 });
    expect(shown.scale).not.toBe(proposed);
  });

  it('has sn_mgr\'s transfers of primary rights to sn_assist from next week: one awaiting qd_head, one qd_confirm; sn_mgr still the primary', async () => {
    const head = await signIn('qd_head');
    const confirm = await signIn('qd_confirm');
    expect((await head('/api/approvals/inbox?type=customer.transfer')).items).toEqual([expect.objectContaining({ maker: '卫主办', step: 1, stepCount: 2 })]);
    const waiting = (await confirm('/api/approvals/inbox?type=customer.transfer')).items;
    expect(waiting).toEqual([expect.objectContaining({ maker: '卫主办', step: 2, stepCount: 2 })]);
    const detail = await confirm(`/api/approvals/${waiting[0].id}`);
    expect(detail.changes.find((c: { field: string }) => c.field === 'primaryManager')).toMatchObject({ old: '卫主办', new: '蒋协办' });
    const view = await (await signIn('sn_mgr'))(`/api/customers/${waiting[0].subject.id}`);
    expect(view.managers.find((m: { role: string }) => m.role === 'primary').displayName).toBe('卫主办');
  });

  it('has a relationship network around sn_mgr\'s customers: a family, owners, a masked guarantor of another branch, and guarantee circles after the scan', async () => {
    const mgr = await signIn('sn_mgr');
    const circles = await mgr('/api/guarantee-circles');
    expect(circles.scanDate).toBe(businessToday());
    // Two circles sharing a member are one circle of four with two cycles; the mutual guarantee is the other.
    expect(circles.items.map((c: { memberCount: number; cycleCount: number }) => [c.memberCount, c.cycleCount])).toEqual([[4, 2], [2, 1]]);
    const chains = await mgr('/api/guarantee-chains');
    expect(chains.items[0]).toMatchObject({ length: 3 });
    const owned = await handle.db.selectFrom('customer_link').select('customer_id').where('role', '=', '12').orderBy('id').executeTakeFirstOrThrow();
    const net = await mgr(`/api/customers/${owned.customer_id}/network?hops=2`);
    expect(net.nodes.length).toBeGreaterThanOrEqual(6);
    expect(net.nodes.some((n: { masked: boolean }) => n.masked)).toBe(true);
  });

  it('has customer information entries under review: two awaiting sn_review, the companies still as they were', async () => {
    const review = await signIn('sn_review');
    const inbox = await review('/api/approvals/inbox?type=customer.information');
    expect(inbox.items).toEqual([expect.objectContaining({ maker: '韩录入', step: 1, stepCount: 1 }), expect.objectContaining({ maker: '韩录入', step: 1, stepCount: 1 })]);
    for (const item of inbox.items) {
      const detail = await review(`/api/approvals/${item.id}`);
      expect(detail.can.decide).toBe(true);
      expect(detail.changes.length).toBeGreaterThan(0);
      const now = await handle.db.selectFrom('customer').select('name').where('id', '=', Number(item.subject.id)).executeTakeFirstOrThrow();
      const name = detail.changes.find((c: { field: string }) => c.field === 'name');
      if (name) expect(now.name).toBe(name.old);
    }
  });

  it('shows sn_head his sub-branch\'s daily averages', async () => {
    const get = await signIn('sn_head');
    const sub = await handle.db.selectFrom('institution').select('id').where('code', '=', '0101').executeTakeFirstOrThrow();
    const figures = await get(`/api/institutions/${sub.id}/averages`);
    expect(figures.asOf).toBe(endDate);
    expect(figures.items.length).toBeGreaterThan(0);
  });

  it('shows the auditor every load and import, the refused delivery in the feed history, and likely duplicates to review', async () => {
    const audit = await signIn('auditor');
    const loads = await audit('/api/audit?action=feed.load&pageSize=100');
    expect(loads.total).toBe(DAYS);
    const imports = await audit('/api/audit?action=customer.import&pageSize=100');
    expect(imports.total).toBeGreaterThanOrEqual(4);
    const runs = await handle.db.selectFrom('feed_run').select(['business_date', 'status']).orderBy('id').execute();
    expect(runs.filter((r) => r.status === 'rejected')).toHaveLength(1);
    expect(runs.filter((r) => r.status === 'loaded')).toHaveLength(DAYS);
    const duplicates = await sql<{ n: number }>`select count(*)::int as n from customer_duplicate`.execute(handle.db);
    expect(duplicates.rows[0]!.n).toBeGreaterThan(0);
  });

  it('has averages equal to a recomputation from its snapshots (calendar days, carried forward, from opening)', async () => {
    // Accounts the feed gave a balance at least once (one delivered already closed has no figures at all).
    const sample = await sql<{ id: number; opened_on: string; closed_on: string | null }>`
      select a.id, a.opened_on, a.closed_on from account a where exists (select 1 from account_balance b where b.account_id = a.id)
      order by md5(a.account_no) limit 25`.execute(handle.db);
    const ids = sample.rows.map((a) => a.id);
    const computed = await dailyAverages(handle.db, ids, endDate);
    const snapshots = await sql<{ account_id: number; business_date: string; balance: string }>`
      select account_id, business_date, balance::text from account_balance where account_id = any(${ids}::int8[]) and business_date <= ${endDate}::date`.execute(handle.db);
    const fen = (s: string) => { const [whole, cents = ''] = s.split('.'); return BigInt(whole! + cents.padEnd(2, '0')); };
    const yuan = (f: bigint) => { const a = f < 0n ? -f : f; return `${f < 0n ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`; };
    // Half-up (away from zero) to the fen, as shown.
    const averageOf = (sum: bigint, days: number) => { const d = BigInt(days); const q = (2n * (sum < 0n ? -sum : sum) + d) / (2n * d); return yuan(sum < 0n ? -q : q); };
    // The first day carried the opening position: the core's 积数 as if each account's balance had
    // stood at its first day's since the period began or it opened (generate/feed.ts).
    const opened = new Set((await handle.db.selectFrom('account_opening_position').select('account_id').where('account_id', 'in', ids).execute()).map((r) => r.account_id));
    expect(opened.size).toBeGreaterThan(10);
    for (const a of sample.rows) {
      const day = new Map(snapshots.rows.filter((s) => s.account_id === a.id).map((s) => [s.business_date, fen(s.balance)]));
      const got = computed.accounts.find((x) => x.accountId === a.id)!;
      const first = [...day.keys()].sort()[0]!;
      for (const kind of ['month', 'quarter', 'year'] as const) {
        const start = got[kind].periodStart;
        // Nothing is marked partial: every account open on the first day came with its opening position.
        expect(got[kind].partial, `account ${a.id} ${kind}`).toBe(false);
        let sum = 0n; let days = 0; let carried = opened.has(a.id) ? day.get(first)! : 0n;
        // Balances before the period carry into it; days before opening and after closing do not count.
        for (let d = toDayNo(start) - 400; d <= toDayNo(endDate); d++) {
          const iso = isoOf(d);
          if (day.has(iso)) carried = day.get(iso)!;
          if (iso < start || iso < a.opened_on || (a.closed_on && iso > a.closed_on)) continue;
          sum += carried; days++;
        }
        expect([kind, got[kind].days, fen(got[kind].balanceSum), got[kind].average], `account ${a.id}`)
          .toEqual([kind, days, sum, days ? averageOf(sum, days) : null]);
      }
    }
  });

  // Last: it marks the book half-built.
  it('shows the product manager a catalogue of every category, with rate histories and today\'s rate', async () => {
    const get = await signIn('product_mgr');
    const list = await get('/api/products?pageSize=200');
    expect(new Set(list.items.map((p: { category: string }) => p.category))).toEqual(new Set(['deposit', 'loan', 'wealth', 'card', 'e_banking', 'settlement', 'intermediary']));
    const mortgage = list.items.find((p: { id: string }) => p.id === '2010000001');
    expect(mortgage.currentRate).toBe('3.5000');
    expect(list.items.find((p: { id: string }) => p.id === '4010000001').currentRate).toBeNull();
    const detail = await get('/api/products/2010000001');
    expect(detail.rates.map((r: { effectiveFrom: string; baseRate: string }) => [r.effectiveFrom, r.baseRate]))
      .toEqual([['2025-05-20', '3.5000'], ['2024-07-25', '3.9500'], ['2023-09-01', '4.2000']]);
    expect(detail.rates[0]).toMatchObject({ rateType: 'floating', floatMin: '3.0500', floatMax: '4.2000' });
  });

  it('is reused by a later start, and a build left half-way is reported for rebuilding', async () => {
    expect(await firstRun(handle, config)).toEqual({ kind: 'existing', bookMissing: false });
    const system = await rootSystemActor(handle.db);
    await handle.db.transaction().execute((tx) => putSetting(tx, system, 'demo.book', { status: 'building', seed: 11, endDate }));
    expect(await firstRun(handle, config)).toEqual({ kind: 'demo_incomplete' });
  });
});

describe('document transfer and the archive in the demo book', () => {
  it('has flows in every state, the centre\'s to-dos and review, filed positions and one overdue file', async () => {
    const centre = await signIn('qd_entry');
    const flows = (await centre('/api/documents/flows?pageSize=50')).items as { status: string; flowNo: string }[];
    expect(new Set(flows.map((f) => f.status))).toEqual(new Set(['draft', 'submitted', 'received', 'in_review', 'completed']));
    expect(flows.every((f) => /^\d{4}01\d{4}$/.test(f.flowNo))).toBe(true);
    expect((await centre('/api/todos?kind=documents.receipt')).total).toBe(1);
    expect((await centre('/api/todos?kind=documents.entry')).total).toBe(1);
    expect((await centre('/api/todos?kind=archive.overdue')).total).toBe(1);
    expect((await centre('/api/archive/positions')).total).toBe(5);
    expect((await centre('/api/archive/loans?state=overdue')).total).toBe(1);
    const review = await signIn('qd_review');
    const inbox = (await review('/api/approvals/inbox?type=document.entry_review')).items as { id: number }[];
    expect(inbox).toHaveLength(1);
    // The keyed office phone waits in that review, old → new; a completed flow's is in force.
    const changes = (await review(`/api/approvals/${inbox[0]!.id}`)).changes as { field: string }[];
    expect(changes.map((c) => c.field)).toEqual(['officePhone', 'flowStatus']);
    const keyed = await handle.db.selectFrom('customer_history').select(['maker_id', 'checker_id']).where('field', '=', 'officePhone').where('approval_request_id', 'is not', null).execute();
    expect(keyed).toHaveLength(1);
    expect(keyed[0]!.maker_id).not.toBe(keyed[0]!.checker_id);
  });
});

describe('the demo book: a merge and an opening under review (issue 13 item 3)', () => {
  it('has one merge of a likely-duplicate pair waiting for the branch review clerk; both records untouched', async () => {
    const review = await signIn('qd_review');
    const inbox = (await review('/api/approvals/inbox?type=customer.merge')).items as { id: number }[];
    expect(inbox).toHaveLength(1);
    const detail = await review(`/api/approvals/${inbox[0]!.id}`);
    expect(detail).toMatchObject({ type: 'customer.merge', status: 'pending', step: 1, can: { decide: true } });
    const { survivorId, mergedId } = detail.payload as { survivorId: number; mergedId: number };
    const both = await handle.db.selectFrom('customer').select('status').where('id', 'in', [survivorId, mergedId]).execute();
    expect(both.map((c) => c.status)).toEqual(['active', 'active']);
  });

  it('has one corporate opening waiting for the branch review clerk, not a customer yet, listed as pending', async () => {
    const review = await signIn('qd_review');
    const inbox = (await review('/api/approvals/inbox?type=customer.open')).items as { id: number }[];
    expect(inbox).toHaveLength(1);
    expect((await review('/api/customer-openings')).items).toEqual([expect.objectContaining({ requestId: inbox[0]!.id, name: '青岛蓝湾海洋科技有限公司', status: 'pending' })]);
    expect(await handle.db.selectFrom('customer').select('id').where('name', '=', '青岛蓝湾海洋科技有限公司').execute()).toEqual([]);
  });
});

describe('the demo book: images and completeness (issue 13 items 6, 7)', () => {
  it('has scans of the clerk\'s corporate customers, the latest per type, and overdue new customers with their to-dos', async () => {
    const images = await handle.db.selectFrom('customer_image').select(['customer_id', 'cert_type', 'source']).execute();
    expect(images.filter((i) => i.source === 'stored').length).toBeGreaterThanOrEqual(8);
    expect(images.filter((i) => i.source === 'external')).toHaveLength(1);
    const get = await signIn('sn_entry');
    const view = await get(`/api/customers/${images[0]!.customer_id}/images`);
    expect(view.latest.filter((i: { certType: string }) => i.certType === '01')).toHaveLength(1);
    const todos = await handle.db.selectFrom('todo').select('id').where('kind', '=', 'completeness_overdue').execute();
    expect(todos.length).toBeGreaterThan(0);
  });
});
