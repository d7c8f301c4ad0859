// Each manager's performance (PERF-1, PERF-3): every business day, after the feed, Σ over the
// customers he shares of (the customer's figure × his share) — deposits, their month, quarter and
// year daily averages, loans — from the customer positions the feed keeps incrementally (no rescan
// of the year). A customer without an allocation in force counts whole for his primary manager,
// so nothing is lost. An institution's figures are the sum over the people homed in its subtree.
import { sql } from 'kysely';
import type { Database, Executor } from '../../../db/database.ts';
import { forbidden, notFound } from '../../../common/http/errors.ts';
import { can, type Actor } from '../../auth/actor.ts';
import { submitRequest } from '../../approvals/approval.service.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { latestLoadedDate } from '../../feed/feed.service.ts';
import { inForce } from '../relation.queries.ts';
import { personChoices } from '../charge.service.ts';
import { institutionInScope } from '../../org/scope.ts';
import { performanceAllocation } from './allocation.workflow.ts';

const FIGURES = ['deposit_balance', 'deposit_month_avg', 'deposit_quarter_avg', 'deposit_year_avg', 'loan_balance'] as const;

/**
 * The shares in force on `d`: allocations, else 100 for the primary manager in force — or, for a
 * day before the customer's relation history begins (a bank goes live with its feed history from
 * before the CRM's first assignments), his first primary manager, so that history is not lost.
 * As SQL rows (customer_id, user_id, share).
 */
export function sharesOn(d: string) {
  return sql`
    select a.customer_id, a.user_id, a.share from performance_allocation a
     where a.since <= ${d}::date and (a.ends_on is null or a.ends_on > ${d}::date)
    union all
    select * from (
      select distinct on (m.customer_id) m.customer_id, m.user_id, 100::numeric as share from customer_manager m
       where m.role = 'primary' and m.ends_on is distinct from m.since
         and (${inForce('m', d)} or not exists (select 1 from customer_manager e where e.customer_id = m.customer_id and e.role = 'primary' and e.since <= ${d}::date))
         and not exists (select 1 from performance_allocation a where a.customer_id = m.customer_id
                          and a.since <= ${d}::date and (a.ends_on is null or a.ends_on > ${d}::date))
       order by m.customer_id, (${inForce('m', d)}) desc, m.since) primaries`;
}

/** Rewrites business day `d`'s rows of manager_performance from the positions and the shares in force. */
export async function refreshManagerPerformance(db: Database, d: string) {
  const started = performance.now();
  const sums = sql.join(FIGURES.map((f) => sql`round(sum(p.${sql.ref(f)} * s.share / 100), 2)`));
  const n = await db.transaction().execute(async (tx) => {
    await sql`delete from manager_performance where business_date = ${d}::date`.execute(tx);
    const r = await sql`
      insert into manager_performance (business_date, user_id, customers, ${sql.join(FIGURES.map((f) => sql.ref(f)))})
      select ${d}::date, s.user_id, round(sum(s.share) / 100, 2), ${sums}
        from (${sharesOn(d)}) s
        join customer c on c.id = s.customer_id and c.status = 'active'
        join customer_position p on p.customer_id = s.customer_id
       group by s.user_id`.execute(tx);
    return Number(r.numAffectedRows ?? 0);
  });
  return { businessDate: d, managers: n, ms: Math.round(performance.now() - started) };
}

/** The job: the latest loaded day's figures (again, if the feed's own call failed). */
export async function managerPerformanceJob(db: Database) {
  const d = await latestLoadedDate(db);
  return d ? refreshManagerPerformance(db, d) : { businessDate: null, managers: 0 };
}

/** 业绩分配岗 applies for a split; 202 with the request. */
export const submitAllocation = (db: Database, actor: Actor, body: unknown) => submitRequest(db, actor, performanceAllocation, body);

/** A customer's shares: those in force today (or, without any, his primary manager's 100 %) and every allocation ever made. */
export async function customerAllocation(db: Executor, actor: Actor, customerId: number) {
  const c = await db.selectFrom('customer').select('id').where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  const d = (await latestLoadedDate(db as Database)) ?? new Date().toISOString().slice(0, 10);
  const current = (await sql<{ user_id: number; name: string; share: string }>`select s.user_id, u.display_name as name, s.share::numeric(5,2)::text as share
    from (${sharesOn(d)}) s join app_user u on u.id = s.user_id where s.customer_id = ${customerId} order by s.share desc, s.user_id`.execute(db)).rows;
  const history = await db.selectFrom('performance_allocation as a').innerJoin('app_user as u', 'u.id', 'a.user_id')
    .select(['a.id', 'a.user_id as userId', 'u.display_name as name', 'a.share', 'a.since', 'a.ends_on as endsOn', 'a.approval_request_id as requestId'])
    .where('a.customer_id', '=', customerId).orderBy('a.since', 'desc').orderBy('a.id').execute();
  return { asOf: d, current: current.map((r) => ({ userId: r.user_id, name: r.name, share: r.share })), history };
}

/** My figures on the latest day, their last 30 loaded days, and my rank by deposit month average among the people of my institution. */
export async function myPerformance(db: Executor, actor: Actor) {
  if (actor.kind !== 'user' || !(can(actor, 'performance.read.own') || can(actor, 'performance.read'))) throw forbidden('performance.read.own');
  const trend = await db.selectFrom('manager_performance').select(['business_date as date', 'customers', ...FIGURES])
    .where('user_id', '=', actor.id!).orderBy('business_date', 'desc').limit(30).execute();
  const latest = trend[0] ?? null;
  const rank = latest ? (await sql<{ rank: number; of: number }>`
    select (select count(*) from manager_performance o join app_user u on u.id = o.user_id
             where o.business_date = ${latest.date}::date and u.home_institution_id = ${actor.institutionId} and o.deposit_month_avg > ${latest.deposit_month_avg}) + 1 as rank,
           (select count(*) from manager_performance o join app_user u on u.id = o.user_id
             where o.business_date = ${latest.date}::date and u.home_institution_id = ${actor.institutionId}) as of`.execute(db)).rows[0] : null;
  return {
    asOf: latest?.date ?? null, figures: latest, rank: rank ? { rank: Number(rank.rank), of: Number(rank.of) } : null,
    trend: trend.reverse(),
  };
}

/** People a split may name: active persons homed in my charge (tellers earn performance too), by name or username. */
export async function allocationPeople(db: Executor, actor: Actor, q: string | undefined) {
  return { items: await personChoices(db, q, { managersOnly: false }).where('u.status', '=', 'active').where(institutionInScope(actor, 'u.home_institution_id')).execute() };
}
