// The relationship level (REL-10, REL-11) computed from the book: one statement over every active
// customer each business day (after the feed), writing only the customers whose level changed —
// the current level and a history row (what moved that day). A customer's view recomputes his own
// indicators the same way, with each one's contribution to the score.
import { sql, type RawBuilder } from 'kysely';
import type { Database, Executor } from '../../../db/database.ts';
import { BANK_TIMEZONE } from '../../../common/business-date.ts';
import { notFound } from '../../../common/http/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { latestLoadedDate } from '../../feed/feed.service.ts';
import { getSetting } from '../../settings/settings.service.ts';
import { INDICATORS, type Indicator, type LevelRules } from './level.rules.ts';

/**
 * Each active customer's raw indicators on business day `d` (`only`: one customer): open accounts
 * and the kinds among them, the deposit month daily average plus loans (volume), transactions in
 * the 30 days to `d`, years since he first banked with us, and whether he is blacklisted.
 */
function rawIndicators(d: string, only?: number): RawBuilder<unknown> {
  const one = (col: string) => (only === undefined ? sql`` : sql`and ${sql.ref(col)} = ${only}`);
  return sql`
    select c.id as customer_id, c.institution_id,
      coalesce(a.open_accounts, 0) as open_accounts, coalesce(a.kinds, 0) as kinds,
      coalesce(p.deposit_month_avg, 0) + coalesce(p.loan_balance, 0) as volume,
      coalesce(t.n, 0) as transactions,
      greatest(0, ${d}::date - least((c.created_at at time zone ${BANK_TIMEZONE})::date, coalesce(a.first_opened, ${d}::date))) / 365.25 as tenure_years,
      c.blacklisted
    from customer c
    left join (select customer_id, count(*) as open_accounts, count(distinct kind) as kinds, min(opened_on) as first_opened
                 from account where status <> 'closed' and opened_on <= ${d}::date ${one('customer_id')} group by customer_id) a on a.customer_id = c.id
    left join customer_position p on p.customer_id = c.id
    left join (select customer_id, count(*) as n from account_transaction
                where business_date > ${d}::date - 30 and business_date <= ${d}::date ${one('customer_id')} group by customer_id) t on t.customer_id = c.id
    where c.status = 'active' ${one('c.id')}`;
}

/** Each indicator scaled to 0…1 under `rules`, as SQL over a row `r` of rawIndicators. */
function scaled(rules: LevelRules): Record<Indicator, RawBuilder<number>> {
  const f = rules.full;
  return {
    accounts: sql`least(r.open_accounts, ${f.accounts})::numeric / ${f.accounts}`,
    productKinds: sql`least(r.kinds, ${f.productKinds})::numeric / ${f.productKinds}`,
    // Volumes span six orders of magnitude: scaled by their logarithm, full at rules.full.volume.
    volume: sql`least(1, ln(1 + r.volume) / ln(1 + ${f.volume}::numeric))`,
    transactions: sql`least(r.transactions, ${f.transactions})::numeric / ${f.transactions}`,
    tenure: sql`least(r.tenure_years, ${f.tenureYears})::numeric / ${f.tenureYears}`,
    credit: sql`case when r.blacklisted then 0 else 1 end`,
  };
}

/** Indicators, each contribution (weight × scaled), the score and the level of every row of rawIndicators. */
function scored(d: string, rules: LevelRules, only?: number) {
  const s = scaled(rules);
  const parts = INDICATORS.map((i) => sql`round(${rules.weights[i]} * ${s[i]}, 2) as ${sql.ref(`c_${i}`)}`);
  const score = sql.join(INDICATORS.map((i) => sql`${sql.ref(`c_${i}`)}`), sql` + `);
  const t = rules.thresholds;
  return sql`
    select x.*, ${score} as score,
      case when x.open_accounts = 0 then 1 when ${score} >= ${t.strategic} then 5 when ${score} >= ${t.tight} then 4
           when ${score} >= ${t.close} then 3 when ${score} >= ${t.loose} then 2 else 1 end as level
    from (select r.*, ${sql.join(parts)} from (${rawIndicators(d, only)}) r) x`;
}

/**
 * The day's levels for the whole book: the customers whose level differs from their current one
 * (or who have none) get their new level and a history row. Returns how many moved.
 */
export async function computeRelationshipLevels(db: Database, businessDate?: string) {
  const d = businessDate ?? (await latestLoadedDate(db));
  if (!d) return { businessDate: null, customers: 0, moved: 0 };
  const rules = await getSetting(db, 'network.relationship_levels');
  const started = performance.now();
  const r = await db.transaction().execute(async (tx) => {
    await sql`set local work_mem = '128MB'`.execute(tx);
    return (await sql<{ customers: string; moved: string }>`
      with computed as (${scored(d, rules)}),
      moved as (
        select n.customer_id, l.level as level_from, n.level as level_to, round(n.score, 2) as score
          from computed n left join customer_relationship_level l on l.customer_id = n.customer_id
         where l.level is distinct from n.level),
      recorded as (
        insert into customer_relationship_level_history (customer_id, business_date, level_from, level_to, score)
        select customer_id, ${d}::date, level_from, level_to, score from moved
        on conflict (customer_id, business_date) do update set level_to = excluded.level_to, score = excluded.score),
      kept as (
        insert into customer_relationship_level (customer_id, level, score, since)
        select customer_id, level_to, score, ${d}::date from moved
        on conflict (customer_id) do update set level = excluded.level, score = excluded.score, since = excluded.since)
      select (select count(*) from computed) as customers, (select count(*) from moved) as moved`.execute(tx)).rows[0]!;
  });
  return { businessDate: d, customers: Number(r.customers), moved: Number(r.moved), ms: Math.round(performance.now() - started) };
}

/** One customer's level as the day's computation gives it, each indicator with its value and contribution, and his level history. */
export async function customerRelationshipLevel(db: Executor, actor: Actor, customerId: number) {
  const c = await db.selectFrom('customer').select('id').where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  const d = await latestLoadedDate(db as Database);
  const rules = await getSetting(db, 'network.relationship_levels');
  const history = await db.selectFrom('customer_relationship_level_history').select(['business_date as businessDate', 'level_from as levelFrom', 'level_to as levelTo', 'score'])
    .where('customer_id', '=', customerId).orderBy('business_date', 'desc').limit(50).execute();
  if (!d) return { asOf: null, level: null, score: null, indicators: [], history, rules };
  const row = (await sql<Record<string, string | number | boolean>>`${scored(d, rules, customerId)}`.execute(db)).rows[0];
  if (!row) return { asOf: d, level: null, score: null, indicators: [], history, rules };
  const value: Record<Indicator, string | number | boolean> = {
    accounts: Number(row.open_accounts), productKinds: Number(row.kinds), volume: Number(row.volume).toFixed(2), transactions: Number(row.transactions),
    tenure: Number(Number(row.tenure_years).toFixed(1)), credit: !row.blacklisted,
  };
  return {
    asOf: d, level: Number(row.level), score: Number(row.score).toFixed(2), rules, history,
    indicators: INDICATORS.map((i) => ({ indicator: i, value: value[i], weight: rules.weights[i], contribution: Number(row[`c_${i}`]).toFixed(2) })),
  };
}

/** Customers in my charge per level, by their managing institution. */
export async function levelDistribution(db: Executor, actor: Actor) {
  const rows = await db.selectFrom('customer_relationship_level as l').innerJoin('customer', 'customer.id', 'l.customer_id')
    .innerJoin('institution as i', 'i.id', 'customer.institution_id')
    .select(['i.id as institutionId', 'i.name as institution', 'l.level', sql<number>`count(*)::int`.as('customers')])
    .where('customer.status', '=', 'active').where(customerInScope(actor))
    .groupBy(['i.id', 'i.name', 'l.level']).orderBy('i.id').orderBy('l.level').execute();
  return { items: rows };
}

/** The customers in my charge whose level changed on `date` (default: the latest day computed). */
export async function levelMoves(db: Executor, actor: Actor, q: { date?: string; page: number; pageSize: number }) {
  const date = q.date ?? (await db.selectFrom('customer_relationship_level_history').select((eb) => eb.fn.max('business_date').as('d')).executeTakeFirst())?.d as string | undefined;
  if (!date) return { date: null, total: 0, items: [] };
  const base = db.selectFrom('customer_relationship_level_history as h').innerJoin('customer', 'customer.id', 'h.customer_id')
    .where('h.business_date', '=', date).where('customer.status', '=', 'active').where(customerInScope(actor));
  const [{ total }, items] = await Promise.all([
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    base.select(['customer.id as customerId', 'customer.customer_no as customerNo', 'customer.name', 'h.level_from as levelFrom', 'h.level_to as levelTo', 'h.score'])
      .orderBy(sql`h.level_to - coalesce(h.level_from, 0)`).orderBy('customer.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
  ]);
  return { date, total, items };
}
