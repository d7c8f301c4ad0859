// The customer list (issue 12, item 4): keyset pages over the whole scoped result, stable while
// customers are opened between pages; sorting by the figures a manager ranks by; the data scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/harness.ts';
import { bulkInsertCustomers } from '../import/bulk-insert.ts';
import { upsertAccounts } from '../../accounts/account.service.ts';
import { applyBusinessDay } from '../../accounts/balances/balance.service.ts';
import { refreshCustomerPositions } from '../position/position.service.ts';
import { encodeCursor } from './customer-list.ts';
import { sql } from 'kysely';
import type { Tx } from '../../../db/database.ts';
import { rebuildTable, swapBlockers } from '../../../db/table-swap.ts';

let ctx: TestContext;
let head: Client; let manager: Client; let clerkB1: Client; let clerkA1: Client;
let managerId: number;
let inA1: number[] = [];
let inB1: number[] = [];
let mine: number[] = [];
// Customer id → deposit balance of record after the two feed days (hand-computed below).
const balances = new Map<number, number>();

type Row = { id: number; name: string; depositBalance: string; monthAvg: string; quarterAvg: string; yearAvg: string; loanBalance: string; valueTier: string | null; primaryManager: string | null; positionAsOf: string | null };
type Page = { total: number; totalCapped: boolean; nextCursor: string | null; items: Row[] };

async function page(client: Client, query: string, after?: string | null): Promise<Page> {
  const res = await client.get(`/api/customers?${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
/** Every row the list gives, page after page, calling `between` after each page. */
async function all(client: Client, query: string, between?: (n: number) => Promise<void>): Promise<Row[]> {
  const rows: Row[] = [];
  let after: string | null = null;
  for (let n = 0; n < 100; n++) {
    const p: Page = await page(client, query, after);
    rows.push(...p.items);
    if (!p.nextCursor) return rows;
    after = p.nextCursor;
    await between?.(n);
  }
  throw new Error('the list never ended');
}

const open = (institutionId: number, names: string[]) => ctx.handle.db.transaction().execute(async (tx) =>
  (await bulkInsertCustomers(tx, ctx.system, names.map((name) => ({ kind: 'corporate' as const, name, institutionId, values: {} })), { flagDuplicates: false })).ids);

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('cl_head', ctx.bank.branchA, ['institution_head']);
  managerId = await ctx.addUser('cl_mgr', ctx.bank.subA1, ['primary_manager']);
  await ctx.addUser('cl_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('cl_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('cl_pm', ctx.bank.ho, ['product_manager']);
  [head, manager, clerkA1, clerkB1] = await Promise.all(['cl_head', 'cl_mgr', 'cl_clerk_a1', 'cl_clerk_b1'].map((u) => ctx.login(u)));
  const pm = await ctx.login('cl_pm');
  for (const [id, category, subType] of [['1010000001', 'deposit', 'demand'], ['1020000001', 'deposit', 'time'], ['2010000001', 'loan', 'working_capital']]) {
    const res = await pm.post('/api/products', { id, nameZh: `产品${id}`, nameEn: `Product ${id}`, category, subType, currency: 'CNY' });
    expect([201, 422], res.body).toContain(res.statusCode);
  }
  // 230 customers in sub-branch A1 (more than the old cap of 200), 5 in B1.
  inA1 = await open(ctx.bank.subA1, Array.from({ length: 230 }, (_, i) => `甲一列表测试${String(i).padStart(3, '0')}有限公司`));
  inB1 = await open(ctx.bank.subB1, Array.from({ length: 5 }, (_, i) => `乙一列表测试${i}有限公司`));
  mine = inA1.filter((_, i) => i % 7 === 0);
  await ctx.handle.db.insertInto('customer_manager').values(mine.map((id) => ({ customer_id: id, user_id: managerId, role: 'primary' as const, since: '2026-01-01' }))).execute();

  const numbers = await ctx.handle.db.selectFrom('customer').select(['id', 'customer_no']).where('id', 'in', [...inA1, ...inB1]).execute();
  const noOf = new Map(numbers.map((r) => [Number(r.id), r.customer_no]));
  const account = (accountNo: string, customerId: number, productId: string, kind: string, extra: Record<string, unknown> = {}) => ({
    accountNo, customerNo: noOf.get(customerId), productId, kind, currency: 'CNY', institutionCode: 'A110', openedOn: '2026-11-02', status: 'active', balance: '0.00', ...extra });
  // Forty customers with one demand deposit each, balances 100 × (i + 1) on day 2; the first also
  // holds a time deposit, a loan and a dollar deposit (which yuan figures leave out).
  const accounts = inA1.slice(0, 40).map((id, i) => account(`62220200000${String(i).padStart(4, '0')}`, id, '1010000001', 'deposit_demand'));
  accounts.push(account('622202000009001', inA1[0]!, '1020000001', 'deposit_time', { termMonths: 12, maturityOn: '2027-11-02', rate: '1.5' }));
  accounts.push(account('622202000009002', inA1[0]!, '2010000001', 'loan', { contractNo: 'HT-1', contractAmount: '3000000.00', maturityOn: '2027-11-02', rate: '3.5' }));
  accounts.push(account('622202000009003', inA1[0]!, '1010000001', 'deposit_demand', { currency: 'USD' }));
  await ctx.handle.db.transaction().execute((tx) => upsertAccounts(tx, ctx.system, accounts));
  const ids = new Map((await ctx.handle.db.selectFrom('account').select(['id', 'account_no']).execute()).map((r) => [r.account_no, Number(r.id)]));
  const day = (factor: number) => [
    ...inA1.slice(0, 40).map((_, i) => ({ accountId: ids.get(`62220200000${String(i).padStart(4, '0')}`)!, balance: (100 * (i + 1) * factor).toFixed(2) })),
    { accountId: ids.get('622202000009001')!, balance: '500.50' },
    { accountId: ids.get('622202000009002')!, balance: '2500000.00' },
    { accountId: ids.get('622202000009003')!, balance: '99999.00' },
  ];
  // Day 1 at half the day-2 balance: the two-day average is ¾ of the day-2 balance.
  for (const [date, factor] of [['2026-11-02', 0.5], ['2026-11-03', 1]] as const) {
    await ctx.handle.db.transaction().execute(async (tx) => { await applyBusinessDay(tx, date, day(factor)); await refreshCustomerPositions(tx, date); });
  }
  inA1.slice(0, 40).forEach((id, i) => balances.set(id, 100 * (i + 1) + (i === 0 ? 500.5 : 0)));
}, 120_000);
afterAll(() => ctx?.close());

describe('paging', () => {
  it('pages past 200 through the whole scope, every customer once, with the total', async () => {
    const first = await page(head, 'pageSize=50');
    expect(first.total).toBe(230);
    expect(first.totalCapped).toBe(false);
    const rows = await all(head, 'pageSize=50');
    expect(rows.map((r) => r.id)).toEqual([...inA1].sort((a, b) => b - a));
  });

  it('neither skips nor repeats a row when customers are opened between pages', async () => {
    for (const sort of ['newest', 'name', 'balance']) {
      const before = new Set((await all(clerkA1, `sort=${sort}&order=asc&pageSize=200`)).map((r) => r.id));
      const added: number[] = [];
      // Names sorting before and after every existing one, opened while the clerk is on page 2.
      const rows = await all(clerkA1, `sort=${sort}&order=asc&pageSize=30`, async (n) => {
        if (n === 1) added.push(...await open(ctx.bank.subA1, [`${sort}一插入`, `${sort}龥插入`, `ABC ${sort}`]));
      });
      const seen = rows.map((r) => r.id);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of before) expect(seen).toContain(id);
      expect(seen.filter((id) => !before.has(id) && !added.includes(id))).toEqual([]);
      inA1.push(...added);
    }
  });
});

describe('sorting', () => {
  it('ranks by deposit balance of record, ties by customer id, in both directions', async () => {
    const rows = await all(head, 'sort=balance&order=desc&pageSize=25');
    const expected = [...inA1].sort((a, b) => (balances.get(b) ?? 0) - (balances.get(a) ?? 0) || b - a);
    expect(rows.map((r) => r.id)).toEqual(expected);
    const asc = await all(head, 'sort=balance&order=asc&pageSize=25');
    expect(asc.map((r) => r.id)).toEqual([...expected].reverse());
  });

  it('shows the hand-computed figures: balance of record, two-day averages, loans, value tier', async () => {
    const byMonth = await all(head, 'sort=monthAvg&order=desc&pageSize=100');
    // inA1[39]: demand 2,000 → 4,000: balance 4,000.00, average 3,000.00, the highest.
    expect(byMonth[0]).toMatchObject({ id: inA1[39], depositBalance: '4000.00', monthAvg: '3000.00', quarterAvg: '3000.00', yearAvg: '3000.00', valueTier: 'general', positionAsOf: '2026-11-03' });
    // inA1[0]: demand 50 → 100 and time 500.50 both days (the dollar deposit left out): balance
    // 600.50, average 75.00 + 500.50; a 2,500,000 loan makes it high value (SEG-2: loans ≥ 2,000,000).
    expect(byMonth.find((r) => r.id === inA1[0])).toMatchObject({ depositBalance: '600.50', monthAvg: '575.50', yearAvg: '575.50', loanBalance: '2500000.00', valueTier: 'high' });
    // Customers no feed day has counted an account of show no figures, and rank as zero, by id.
    expect(byMonth.at(-1)).toMatchObject({ id: Math.min(...inA1.slice(40)), depositBalance: null, monthAvg: null, valueTier: null, positionAsOf: null });
  });

  it('sorts by name, customer number, opening date and grade without losing a row', async () => {
    for (const sort of ['name', 'customerNo', 'openedOn', 'grade', 'yearAvg', 'quarterAvg']) {
      const rows = await all(head, `sort=${sort}&order=asc&pageSize=40`);
      expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([...inA1].sort((a, b) => a - b));
    }
    const names = (await all(head, 'sort=name&order=asc&pageSize=100')).map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect((await page(head, 'sort=grade&order=desc&pageSize=1')).items[0]!.id).toBe(inA1[0]);
  });
});

describe('data scope', () => {
  it('a manager sees only his customers, with himself as primary manager', async () => {
    const rows = await all(manager, 'pageSize=7&sort=balance');
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([...mine].sort((a, b) => a - b));
    expect(new Set(rows.map((r) => r.primaryManager)).size).toBe(1);
    expect((await page(manager, 'pageSize=1')).total).toBe(mine.length);
  });

  it('a head sees his institution\'s customers and nobody else\'s, whatever the filters say', async () => {
    const rows = await all(head, 'pageSize=200');
    expect(rows.some((r) => inB1.includes(r.id))).toBe(false);
    expect(await all(head, `institutionId=${ctx.bank.subB1}`)).toEqual([]);
    expect((await all(clerkB1, 'sort=balance&pageSize=2')).map((r) => r.id).sort((a, b) => a - b)).toEqual(inB1);
  });

  it('a cursor naming another scope\'s row shows nothing of it', async () => {
    const p = await page(clerkB1, `sort=newest&pageSize=5&after=${encodeCursor(String(inA1.at(-1)! + 1), inA1.at(-1)! + 1)}`);
    expect(p.items.map((r) => r.id).sort((a, b) => a - b)).toEqual(inB1);
  });
});

describe('hostile input', () => {
  it('refuses a forged or foreign cursor with a clear message, in both languages', async () => {
    const forged = [
      'not-a-cursor', Buffer.from('{"a":1}').toString('base64url'), encodeCursor("1' or '1'='1", 1),
      encodeCursor('100.00', -1), encodeCursor('𠀀', 1).slice(0, 10),
      // a balance cursor used for the customer-number sort
      encodeCursor('100.00', inA1[0]!),
    ];
    for (const after of forged) {
      const res = await head.get(`/api/customers?sort=customerNo&after=${encodeURIComponent(after)}`);
      expect(res.statusCode, after).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'after', code: 'customers.list.cursor' })]);
    }
    const en = await head.get('/api/customers?sort=balance&after=xx', { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toMatch(/first page/);
  });

  it('takes a name cursor with quotes, HTML and characters outside the BMP as text', async () => {
    const p = await page(head, `sort=name&order=asc&after=${encodeURIComponent(encodeCursor("𠀀<b>'; drop table customer;--", 1))}`);
    expect(p.items).toEqual([]);
  });

  it('refuses unknown sorts and oversized pages', async () => {
    for (const q of ['sort=balance;drop', 'order=sideways', 'pageSize=201', 'page=2']) {
      expect((await head.get(`/api/customers?${q}`)).statusCode, q).toBe(400);
    }
  });
});

describe('positions on a bank\'s book (rebuilt and swapped in)', () => {
  const catalogue = async (tx: Tx) => ({
    indexes: (await sql<{ name: string; def: string }>`select indexname as name, indexdef as def from pg_indexes where tablename = 'customer_position' order by 1`.execute(tx)).rows,
    constraints: (await sql<{ name: string; def: string }>`select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = 'customer_position'::regclass order by 1`.execute(tx)).rows,
  });
  const positions = async (tx: Tx) => (await sql`select * from customer_position order by customer_id`.execute(tx)).rows;
  class Rollback extends Error {}
  const inRolledBack = async (work: (tx: Tx) => Promise<void>) => {
    await expect(ctx.handle.db.transaction().execute(async (tx) => { await work(tx); throw new Rollback(); })).rejects.toBeInstanceOf(Rollback);
  };

  it('gives the positions the in-place update gives, and the table keeps its indexes, keys, checks, grants and trigger-fed rows', async () => {
    // A day on which every holder's figures move (the balances carried one more day) and one
    // customer is merged away (his account moved): he goes back to zero in both ways.
    const role = `crm_report_${process.pid}_${Date.now()}`;
    const before = await ctx.handle.db.transaction().execute(catalogue);
    let updated: { rows: unknown[]; count: number } | null = null;
    const moveAway = (tx: Tx) => tx.updateTable('account').set({ customer_id: inA1[1]! }).where('account_no', '=', '622202000000002').execute();
    await inRolledBack(async (tx) => {
      await moveAway(tx);
      const r = await refreshCustomerPositions(tx, '2026-11-04', { rebuildFrom: Number.POSITIVE_INFINITY });
      updated = { rows: await positions(tx), count: r.customers };
    });
    await inRolledBack(async (tx) => {
      await moveAway(tx);
      await sql`create role ${sql.id(role)}`.execute(tx);
      await sql`grant select on customer_position to ${sql.id(role)}`.execute(tx);
      const r = await refreshCustomerPositions(tx, '2026-11-04', { rebuildFrom: 0 });
      expect(r.customers).toBe(updated!.count);
      expect(r.customers).toBe(40); // 39 holders moved a day on, 1 back to zero
      expect(await positions(tx)).toEqual(updated!.rows);
      expect(await catalogue(tx)).toEqual(before);
      const grants = await sql<{ privilege_type: string }>`select privilege_type from information_schema.role_table_grants
        where table_name = 'customer_position' and grantee = ${role}`.execute(tx);
      expect(grants.rows.map((g) => g.privilege_type)).toEqual(['SELECT']);
      // The check constraint came along; migration 0020's trigger feeds the new table.
      await expect(sql`update customer_position set value_tier = 9 where customer_id = ${inA1[0]!}`.execute(tx)).rejects.toThrow(/check/);
    });
    await inRolledBack(async (tx) => {
      await refreshCustomerPositions(tx, '2026-11-04', { rebuildFrom: 0 });
      const [id] = (await bulkInsertCustomers(tx, ctx.system, [{ kind: 'corporate', name: '换表后开户有限公司', institutionId: ctx.bank.subA1, values: {} }], { flagDuplicates: false })).ids;
      expect(await tx.selectFrom('customer_position').select(['customer_id', 'as_of']).where('customer_id', '=', id!).executeTakeFirst()).toEqual({ customer_id: id, as_of: null });
    });
  });

  it('updates in place when a view reads the table (a bank\'s reporting view survives the day)', async () => {
    let updated: unknown[] = [];
    await inRolledBack(async (tx) => {
      await refreshCustomerPositions(tx, '2026-11-04', { rebuildFrom: Number.POSITIVE_INFINITY });
      updated = await positions(tx);
    });
    await inRolledBack(async (tx) => {
      await sql`create view report_customer_position as select customer_id, deposit_balance from customer_position`.execute(tx);
      expect(await swapBlockers(tx, 'customer_position')).toEqual(['view report_customer_position']);
      await refreshCustomerPositions(tx, '2026-11-04', { rebuildFrom: 0 });
      expect(await positions(tx)).toEqual(updated);
      expect((await sql`select count(*)::int as n from report_customer_position`.execute(tx)).rows).toEqual([{ n: expect.any(Number) }]);
    });
  });

  it('refuses to swap a table other tables point to, a table with triggers, changing nothing', async () => {
    await inRolledBack(async (tx) => {
      await expect(rebuildTable(tx, 'customer', async () => undefined)).rejects.toThrow(/customer cannot be rebuilt by a swap: .*referenced by .*trigger customer_position_open/);
      expect(await sql`select 1 from pg_class where relname = 'customer_next'`.execute(tx).then((r) => r.rows)).toEqual([]);
    });
  });
});
