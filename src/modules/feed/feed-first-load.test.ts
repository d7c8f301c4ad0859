// A bank's first load into an empty book: the new customers are the whole book, so likely
// duplicates are found among them alone (flagStagedDuplicates' wholeBook), with the same pairs
// as against a book; the next day's new customers are looked up against the book as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { residentId } from '../customers/import/import.test-helpers.ts';
import { loadFeed } from './feed.service.ts';
import { removeFolders, writeDay } from './feed.test-helpers.ts';

let ctx: TestContext;

const load = (rows: string[][], date: string) => loadFeed(ctx.handle.db, ctx.system, writeDay(date, { customers: rows, balances: [] }), date, 'cli');
const person = (no: string, name: string, idNo: string, mobile = '') => [no, '1', name, '10', idNo, '20400101', '', '', 'CHN', mobile, '', '', 'A110'];
const flags = async () => (await sql<{ a: string; b: string; reason: string }>`
  select a.customer_no as a, b.customer_no as b, d.reason from customer_duplicate d
  join customer a on a.id = d.customer_id join customer b on b.id = d.other_id order by 1, 2, 3`.execute(ctx.handle.db)).rows;

beforeAll(async () => { ctx = await createTestContext(); });
afterAll(async () => {
  await ctx?.close();
  removeFolders();
});

describe('the first load of a book through the feed', () => {
  it('flags likely duplicates among the book it opens, and the next day against that book', async () => {
    expect(Number((await sql<{ n: number }>`select count(*)::int4 as n from customer`.execute(ctx.handle.db)).rows[0]!.n)).toBe(0);
    const first = await load([
      person('30000000001', '陈一', residentId('19880808', '111'), '13600000001'),
      person('30000000002', '陈一', residentId('19880808', '131')), // same name and birth date as line 1
      person('30000000003', '林二', residentId('19770707', '151'), '13600000001'), // line 1's mobile
      person('30000000004', '林三', residentId('19770707', '171')), // same birth date, another name: no flag
    ], '2026-11-20');
    expect(first.rejected).toEqual([]);
    expect(first.counts).toMatchObject({ customersOpened: 4 });
    // Once per pair.
    expect(await flags()).toEqual([
      { a: '30000000001', b: '30000000002', reason: 'name_birth' },
      { a: '30000000001', b: '30000000003', reason: 'mobile' },
    ]);
    const next = await load([person('30000000005', '林二', residentId('19770707', '191'))], '2026-11-21');
    expect(next.rejected).toEqual([]);
    expect((await flags()).filter((f) => f.a === '30000000005' || f.b === '30000000005')).toEqual([
      { a: '30000000005', b: '30000000003', reason: 'name_birth' },
    ]);
  });
});
