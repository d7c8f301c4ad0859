// The SQL of the workbench's book figures (issue 12, item 5). Every figure is a sum computed by
// PostgreSQL within the reader's data scope; the service only chooses which one to run.
//
// Figures: deposits (demand + time), loans, wealth products, and AUM (管理资产) = deposits + wealth
// products held — what the customers entrust to the bank; loans are owed to it and cards are
// neither (docs/workbench.md). Amounts never cross currencies: each query is for one currency.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../../db/database.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { dailyBalances } from '../balances/balance-trend.service.ts';

/** Which account categories (docs/daily-averages.md) add up to each figure. AUM counts two. */
const FIGURES = sql`(values ('deposits', 'deposit'), ('loans', 'loan'), ('wealth', 'wealth'), ('aum', 'deposit'), ('aum', 'wealth')) f(figure, category)`;
export const FIGURE_NAMES = ['deposits', 'loans', 'wealth', 'aum'] as const;
export type FigureName = (typeof FIGURE_NAMES)[number];

/** The loaded business dates the figures compare: the latest, the one before, the last before its month. */
export interface CompareDates { asOf: string | null; yesterday: string | null; monthBase: string | null }

/**
 * The latest business date loaded, the one loaded before it ("yesterday": over a weekend, Friday)
 * and the last one loaded before the month of the latest (the month-start position: last month's
 * close). Read from institution_average — one row set per loaded day, keyed by date — which the
 * feed writes in the same transaction as the day's balances. Null where no such day was loaded
 * (a CRM that went live this month has no month-start position: the change is not shown, not faked).
 */
export async function compareDates(db: Executor): Promise<CompareDates> {
  const r = await sql<{ as_of: string | null; yesterday: string | null; month_base: string | null }>`
    with latest as (select max(business_date) as d from institution_average)
    select latest.d::text as as_of,
      (select max(business_date) from institution_average where business_date < latest.d)::text as yesterday,
      (select max(business_date) from institution_average where business_date < date_trunc('month', latest.d))::text as month_base
    from latest`.execute(db);
  const row = r.rows[0];
  return { asOf: row?.as_of ?? null, yesterday: row?.yesterday ?? null, monthBase: row?.month_base ?? null };
}

/** One figure as of the latest day, with its changes; null where the compared day was not loaded. */
export interface FigureRow { figure: FigureName; balance: string; since_yesterday: string | null; since_month_start: string | null }

/**
 * The figures of a source of (category, currency, day, balance) rows on the three compared days,
 * and their changes, all in exact numeric.
 */
function figuresOn(source: RawBuilder<unknown>, currency: string, d: CompareDates) {
  const on = (day: string | null) => (day === null ? sql`null::numeric` : sql`coalesce(sum(s.balance) filter (where s.day = ${day}::date), 0)`);
  return sql<FigureRow>`
    select f.figure, round(${on(d.asOf)}, 2)::text as balance, round(${on(d.asOf)} - ${on(d.yesterday)}, 2)::text as since_yesterday,
      round(${on(d.asOf)} - ${on(d.monthBase)}, 2)::text as since_month_start
    from ${FIGURES} left join (${source}) s on s.category = f.category and s.currency = ${currency}
    group by f.figure`;
}

/** The accounts of the customers this manager serves (his data scope: primary or assisting), active customers only. */
function myBookAccounts(actor: Actor): RawBuilder<unknown> {
  return sql`a.customer_id in (select customer.id from customer where customer.status = 'active' and ${customerInScope(actor)})`;
}

/** A manager's book on the compared days: his accounts' balances of record, carried forward over days without a line. */
export async function managerFigures(db: Executor, actor: Actor, currency: string, d: CompareDates & { asOf: string }) {
  const from = d.monthBase ?? d.yesterday ?? d.asOf;
  const daily = dailyBalances(myBookAccounts(actor), from, d.asOf);
  return (await figuresOn(sql`select t.category, t.currency, t.day::date as day, t.balance::numeric as balance from (${daily}) t`, currency, d).execute(db)).rows;
}

/** A manager's book per calendar day of from..to, per figure (one currency). */
export async function managerTrend(db: Executor, actor: Actor, currency: string, from: string, to: string) {
  const daily = dailyBalances(myBookAccounts(actor), from, to);
  return (await sql<{ day: string; figure: FigureName; balance: string }>`
    select t.day, f.figure, sum(t.balance::numeric)::text as balance
    from (${daily}) t join ${FIGURES} on f.category = t.category
    where t.currency = ${currency}
    group by t.day, f.figure order by t.day, f.figure`.execute(db)).rows;
}

/** How many active customers the manager serves. */
export async function managerCustomerCount(db: Executor, actor: Actor): Promise<number> {
  const r = await db.selectFrom('customer').select((eb) => eb.fn.countAll<number>().as('n')).where('customer.status', '=', 'active')
    .where(customerInScope(actor)).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Institutions in the head's charge: his managing institution's subtree (the data-scope predicate). */
const inSubtree = (actor: Actor, column: string): Expression<SqlBool> =>
  sql<SqlBool>`${sql.ref(column)} in (select scope_i.id from institution scope_i where scope_i.path like ${actor.scopePath + '%'})`;

/** An institution's figures (with its subtree) on the compared days, from the per-institution sums the feed keeps. */
export async function institutionFigures(db: Executor, actor: Actor, currency: string, d: CompareDates) {
  const days = [d.asOf, d.yesterday, d.monthBase].filter((x): x is string => x !== null);
  const source = sql`select v.category, v.currency, v.business_date as day, v.balance from institution_average v
    where v.business_date in (${sql.join(days.map((x) => sql`${x}::date`))}) and ${inSubtree(actor, 'v.institution_id')}`;
  return (await figuresOn(source, currency, d).execute(db)).rows;
}

/** The institution's figures per loaded business day of from..to. */
export async function institutionTrend(db: Executor, actor: Actor, currency: string, from: string, to: string) {
  return (await sql<{ day: string; figure: FigureName; balance: string }>`
    select v.business_date::text as day, f.figure, sum(v.balance)::text as balance
    from institution_average v join ${FIGURES} on f.category = v.category
    where v.business_date between ${from}::date and ${to}::date and v.currency = ${currency} and ${inSubtree(actor, 'v.institution_id')}
    group by v.business_date, f.figure order by 1, 2`.execute(db)).rows;
}

export interface UnitFigureRow { unit_id: number; name: string; parent_name: string | null; kind: 'marketing' | 'statistical'; direct: boolean; figure: FigureName; balance: string; since_month_start: string | null }

/**
 * The head's institution cut into units, each with its subtree's figures on the latest day and at
 * month start: `children` — each institution directly below his (the sub-branches of a branch; the
 * branches of head office), plus his own institution for the accounts booked directly on it; or
 * `teams` — every marketing institution (营销团队) in his charge.
 */
export async function unitFigures(db: Executor, actor: Actor, currency: string, d: CompareDates & { asOf: string }, by: 'children' | 'teams') {
  const units = by === 'children'
    ? sql`select u.id, u.name, u.kind, u.path, false as direct, null as parent_name from institution u where u.parent_id = ${actor.managingInstitutionId}
        union all select u.id, u.name, u.kind, u.path, true, null from institution u where u.id = ${actor.managingInstitutionId}`
    // Teams are often named alike (every sub-branch has its 营销一队): each carries its parent's name.
    : sql`select u.id, u.name, u.kind, u.path, false as direct, pa.name as parent_name from institution u
        left join institution pa on pa.id = u.parent_id where u.kind = 'marketing' and u.path like ${actor.scopePath + '%'}`;
  const days = [d.asOf, d.monthBase].filter((x): x is string => x !== null);
  const latest = sql`coalesce(sum(v.balance) filter (where v.business_date = ${d.asOf}::date), 0)`;
  const monthBase = d.monthBase === null ? sql`null::numeric` : sql`coalesce(sum(v.balance) filter (where v.business_date = ${d.monthBase}::date), 0)`;
  // A unit's sums cover its subtree, except the head's own institution as a unit: its accounts only.
  return (await sql<UnitFigureRow>`
    with unit as (${units})
    select unit.id as unit_id, unit.name, unit.parent_name, unit.kind, unit.direct, f.figure,
      round(${latest}, 2)::text as balance, round(${latest} - ${monthBase}, 2)::text as since_month_start
    from unit cross join ${FIGURES}
    left join institution i on (case when unit.direct then i.id = unit.id else i.path like unit.path || '%' end)
    left join institution_average v on v.institution_id = i.id and v.category = f.category and v.currency = ${currency}
      and v.business_date in (${sql.join(days.map((x) => sql`${x}::date`))})
    group by unit.id, unit.name, unit.parent_name, unit.kind, unit.direct, unit.path, f.figure
    order by unit.direct, unit.path, f.figure`.execute(db)).rows;
}

/** The currencies the reader's figures have on the latest day (CNY first), for the currency switch. */
export async function currenciesOn(db: Executor, actor: Actor, asOf: string, scope: 'own' | 'institution') {
  const rows = scope === 'institution'
    ? await sql<{ currency: string }>`select distinct v.currency from institution_average v
        where v.business_date = ${asOf}::date and ${inSubtree(actor, 'v.institution_id')}`.execute(db)
    : await sql<{ currency: string }>`select distinct a.currency from account a where ${myBookAccounts(actor)}`.execute(db);
  return rows.rows.map((r) => r.currency).sort((a, b) => (a === 'CNY' ? -1 : b === 'CNY' ? 1 : a.localeCompare(b)));
}
