// The customer list (issue 12, item 4): the whole of what a search or the filters select within
// the caller's data scope, sorted by what a manager ranks by, paged by keyset — each page starts
// after the last row of the one before (sort value, then customer id), so rows opened or moved
// while someone pages are neither skipped nor shown twice, and page 500 costs what page 1 costs.
// Every sort key is an index with the id behind it (migration 0020), so a page is one index walk.
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { AppError } from '../../../common/http/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import type { ListSort, SearchQuery } from '../customer.schema.ts';
import { filterCustomers } from '../search/customer-search.ts';
import { isBroadSearch } from '../search/search-terms.ts';
import { maskValue } from '../masking.ts';
import { tierOfRank } from '../position/position.service.ts';
import { businessToday } from '../../../common/business-date.ts';
import { primaryManagerOf } from '../../managers/relation.queries.ts';

/**
 * The list counts what it shows up to these many and says "more than" beyond. Measured
 * (bench/customers.ts) at 1,000,000 customers on PostgreSQL 15: a branch's or head office's first
 * 10,000 active customers count in a few milliseconds from an index, an exact count of the head
 * office's book takes 60–80 ms; 10,000 matches of a surname take about 90 ms to count, where a
 * search's 200 (what the search box always counted) cost next to nothing. No one pages through
 * more than this; he narrows or exports.
 */
export const COUNT_CAP = 10_000;
export const SEARCH_COUNT_CAP = 200;

interface SortKey {
  expr: RawBuilder<unknown>;
  /** the same value as an expression no index serves (see `listCustomers`) */
  unindexed: (e: RawBuilder<unknown>) => RawBuilder<unknown>;
  /** the SQL type the cursor's text is read back as */
  cast: 'bigint' | 'text' | 'timestamptz' | 'numeric' | 'smallint';
  /** the value alone orders the rows (no id needed behind it) */
  unique?: boolean;
  /** a figure of customer_position (joined as p) */
  position?: boolean;
  /** what a cursor's value must look like */
  valid: RegExp;
}
const MONEY = /^-?\d{1,16}(\.\d{1,2})?$/;
const plus0 = (e: RawBuilder<unknown>) => sql`(${e} + 0)`;
const money = (column: string): SortKey => ({ expr: sql.ref(`p.${column}`), unindexed: plus0, cast: 'numeric', position: true, valid: MONEY });
const SORT_KEYS: Record<ListSort, SortKey> = {
  newest: { expr: sql.ref('customer.id'), unindexed: plus0, cast: 'bigint', unique: true, valid: /^\d{1,19}$/ },
  customerNo: { expr: sql.ref('customer.customer_no'), unindexed: (e) => sql`(${e} || '')`, cast: 'text', unique: true, valid: /^\d{1,11}$/ },
  name: { expr: sql.ref('customer.name'), unindexed: (e) => sql`(${e} || '')`, cast: 'text', valid: /^[^]{1,160}$/u },
  // The opening date is the customer's creation in the CRM (what the export calls 开户日期).
  openedOn: { expr: sql.ref('customer.created_at'), unindexed: (e) => sql`(${e} + interval '0 s')`, cast: 'timestamptz', valid: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/ },
  balance: money('deposit_balance'),
  monthAvg: money('deposit_month_avg'),
  quarterAvg: money('deposit_quarter_avg'),
  yearAvg: money('deposit_year_avg'),
  grade: { expr: sql.ref('p.value_tier'), unindexed: plus0, cast: 'smallint', position: true, valid: /^[1-3]$/ },
};

/** A cursor is the last row's sort value (as PostgreSQL prints it) and id, base64url JSON; opaque to clients. */
export const encodeCursor = (value: string, id: number) => Buffer.from(JSON.stringify([value, id])).toString('base64url');

function decodeCursor(cursor: string, key: SortKey): { value: string; id: number } {
  let parsed: unknown;
  try { parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')); } catch { parsed = null; }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw badCursor();
  const [value, id] = parsed as [unknown, unknown];
  if (typeof value !== 'string' || !key.valid.test(value) || typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw badCursor();
  return { value, id };
}
const badCursor = () => new AppError('common.validation', 422, {}, [{ path: 'after', code: 'customers.list.cursor' }]);

export async function listCustomers(db: Database, actor: Actor, f: SearchQuery) {
  const key = SORT_KEYS[f.sort];
  const desc = f.order === 'desc';
  // A search for a rare name or an exact key matches a handful of rows: walking a sort index and
  // testing each row would pass most of the book first (measured: 43 ms for 3 pinyin initials at
  // 1,000,000, the plan the estimates chose). Ordered by an expression no index serves, the
  // matches are fetched through their own indexes and the few sorted. Broad searches and browsing
  // walk the index, which finds a page within a few hundred rows.
  const expr = f.q && !isBroadSearch(f.q) ? key.unindexed(key.expr) : key.expr;
  const filtered = filterCustomers(db, actor, f);
  // Sorted by a figure, the page walks customer_position's index: the id behind the value must be
  // its column too, or the cursor's row comparison cannot start the walk.
  const id = sql.ref(key.position ? 'p.customer_id' : 'customer.id');
  let page = key.position ? filtered.innerJoin('customer_position as p', 'p.customer_id', 'customer.id') : filtered;
  if (f.after) {
    const c = decodeCursor(f.after, key);
    const op = sql.raw(desc ? '<' : '>');
    const value = sql`cast(${c.value} as ${sql.raw(key.cast)})`;
    page = page.where(key.unique ? sql<boolean>`${expr} ${op} ${value}` : sql<boolean>`(${expr}, ${id}) ${op} (${value}, ${c.id})`);
  }
  const direction = desc ? 'desc' : 'asc';
  let ordered = page.select([sql<string>`${id}`.as('id'), sql<string>`${expr}::text`.as('sortValue')]).orderBy(expr, direction);
  if (!key.unique) ordered = ordered.orderBy(id, direction);
  // One more than the page: whether there is a next page, without counting.
  const keys = await ordered.limit(f.pageSize + 1).execute();
  const more = keys.length > f.pageSize;
  const shown = keys.slice(0, f.pageSize);

  // Counted on the first page only (later pages answer null; the screen keeps the first page's
  // figure), over customer alone: every customer has a position row, so the join changes no count.
  const cap = f.q ? SEARCH_COUNT_CAP : COUNT_CAP;
  const total = f.after ? null : Number((await db.selectFrom(filtered.select(sql`1`.as('one')).limit(cap + 1).as('m'))
    .select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const last = shown.at(-1);
  return {
    total: total === null ? null : Math.min(total, cap), totalCapped: total === null ? null : total > cap, pageSize: f.pageSize, sort: f.sort, order: f.order,
    nextCursor: more && last ? encodeCursor(last.sortValue, Number(last.id)) : null,
    items: await pageRows(db, shown.map((r) => Number(r.id))),
  };
}

/** The columns the list shows, for one page of ids, in the page's order; identifiers masked. */
async function pageRows(db: Database, ids: number[]) {
  if (!ids.length) return [];
  const rows = await db.selectFrom('customer')
    .innerJoin('institution', 'institution.id', 'customer.institution_id')
    .leftJoin('personal_customer', 'personal_customer.customer_id', 'customer.id')
    .leftJoin('corporate_customer', 'corporate_customer.customer_id', 'customer.id')
    .leftJoin('customer_position as p', 'p.customer_id', 'customer.id')
    .select(['customer.id', 'customer.customer_no as customerNo', 'customer.kind', 'customer.name', 'customer.status', 'customer.blacklisted',
      'customer.created_at as openedAt', 'institution.name as institutionName', 'personal_customer.mobile', 'personal_customer.birth_date as birthDate',
      'corporate_customer.credit_code as creditCode', 'corporate_customer.scale',
      sql<string | null>`(select id_number from customer_identity where customer_id = customer.id order by seq limit 1)`.as('idNumber'),
      sql<string | null>`(select u.display_name from app_user u where u.id = ${primaryManagerOf('customer.id', businessToday())})`.as('primaryManager'),
      'p.as_of as positionAsOf', 'p.deposit_balance as depositBalance', 'p.deposit_month_avg as monthAvg', 'p.deposit_quarter_avg as quarterAvg',
      'p.deposit_year_avg as yearAvg', 'p.loan_balance as loanBalance', 'p.value_tier as valueTier'])
    .where('customer.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.map((id) => byId.get(id)!).map((r) => {
    // Figures exist once a feed day has counted the customer's accounts; before that (no account
    // yet) the list shows none rather than zeros nobody computed. They sort as zero.
    const known = r.positionAsOf !== null;
    const figure = (v: string | null) => (known ? v : null);
    return {
      ...r, mobile: maskValue('phone', r.mobile) as string | null, idNumber: maskValue('id', r.idNumber) as string | null,
      depositBalance: figure(r.depositBalance), monthAvg: figure(r.monthAvg), quarterAvg: figure(r.quarterAvg), yearAvg: figure(r.yearAvg),
      loanBalance: figure(r.loanBalance), valueTier: known ? tierOfRank(Number(r.valueTier)) : null,
    };
  });
}
