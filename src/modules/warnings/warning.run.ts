// WARN-1…3 the daily early-warning run, after the feed has stored the day's balances,
// transactions and customer positions (feed.service.ts calls it in the day's transaction, so a
// rejected day scores nothing and a reloaded day re-scores). Set-based throughout:
//  1. every customer's indicators as of D into a temporary table (indicators.ts);
//  2. on the month's last working day (or a later day of the same month), the month baselines;
//  3. the scorecard's points, score, level and crisis kind — kept (warning_score) only for the
//     customers at a level or with an open alert, with the factors that drove them;
//  4. the alerts: one open per customer (unique index), raised, upgraded, downgraded, withdrawn
//     (below yellow before anyone began handling it), re-pointed to the responsible manager;
//  5. escalation: a red alert with no contact after N working days reaches the institution above;
//  6. notifications through the outbox (inbox, e-mail, SMS per preferences) to the manager and his
//     head, once per alert, level and day (notification_once_key).
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { addWorkingDays } from '../calendar/calendar.service.ts';
import { getSetting } from '../settings/settings.service.ts';
import { notifyReminders } from '../notifications/notification.reminders.ts';
import { indicatorRows, monthStart } from './indicators.ts';
import { crisisOf, factorsJson, levelOf, scoredColumns, scoreSum, type Scorecard } from './scorecard.ts';

export interface WarningRunResult {
  customers: number; scored: number; yellow: number; orange: number; red: number;
  raised: number; upgraded: number; downgraded: number; withdrawn: number; escalated: number; notified: number; baseline: boolean;
  timings: Record<string, number>;
}

/** Alerts are news only: a back-filled day older than this before today messages nobody. */
const NEWS_DAYS = 30;

/** The indicators of D into temp table warn_ind (dropped at commit). */
export async function computeIndicators(tx: Tx, d: string): Promise<number> {
  await sql`drop table if exists warn_ind`.execute(tx);
  await sql`create temp table warn_ind on commit drop as ${indicatorRows(d)}`.execute(tx);
  await sql`create unique index on warn_ind (customer_id)`.execute(tx);
  await sql`analyze warn_ind`.execute(tx);
  return Number((await sql<{ n: string }>`select count(*) as n from warn_ind`.execute(tx)).rows[0]!.n);
}

/** Scores warn_ind under `card` into warn_day: the customers at a level, or (keepOpen) with an open alert. */
export async function scoreIndicators(tx: Tx, card: Scorecard, keepOpen = true): Promise<void> {
  await sql`drop table if exists warn_day`.execute(tx);
  const open = keepOpen ? sql`or x.customer_id in (select customer_id from warning_alert where status in ('open', 'resolved'))` : sql``;
  await sql`create temp table warn_day on commit drop as
    select x.customer_id, x.institution_id, x.score::int as score, ${levelOf(card, sql`x.score`)} as level, ${crisisOf(card, 'x')} as crisis,
           ${factorsJson('x', 'x')} as factors
      from (select p.*, ${scoreSum('p')} as score from (select i.*, ${scoredColumns(card, 'i')} from warn_ind i) p) x
     where x.score >= ${card.thresholds.yellow} ${open}`.execute(tx);
  await sql`create unique index on warn_day (customer_id)`.execute(tx);
}

/** Whether D is its month's last working day: the baseline of the month is written then. */
async function closesMonth(tx: Tx, d: string): Promise<boolean> {
  const next = await addWorkingDays(tx, d, 1);
  if (monthStart(next) !== monthStart(d)) return true;
  // A day loaded after the snapshot (a working Saturday) refreshes it; an earlier one (a replay) does not.
  const r = await tx.selectFrom('warning_customer_month').select('month').where('month', '=', monthStart(d)).where('through_date', '<', d).limit(1).executeTakeFirst();
  return !!r;
}

export async function writeBaseline(tx: Tx, d: string): Promise<void> {
  await sql`insert into warning_customer_month (month, customer_id, through_date, balance, month_avg, kinds, open_accounts, txn_count, txn_amount, last_txn_on)
    select ${monthStart(d)}::date, customer_id, ${d}::date, balance, month_avg, kinds, open_accounts, txn_count, txn_amount, last_txn_on from warn_ind
    on conflict (month, customer_id) do update set through_date = excluded.through_date, balance = excluded.balance, month_avg = excluded.month_avg,
      kinds = excluded.kinds, open_accounts = excluded.open_accounts, txn_count = excluded.txn_count, txn_amount = excluded.txn_amount, last_txn_on = excluded.last_txn_on`.execute(tx);
}

/** The last transaction dates the day moved forward (only customers who transacted this month). */
export async function advanceLastTransactions(tx: Tx): Promise<void> {
  await sql`insert into warning_last_transaction (customer_id, last_txn_on)
    select customer_id, last_txn_on from warn_ind where txn_count > 0
    on conflict (customer_id) do update set last_txn_on = excluded.last_txn_on where warning_last_transaction.last_txn_on < excluded.last_txn_on`.execute(tx);
}

/** Keeps D's scores (replacing a reload's). */
export async function keepScores(tx: Tx, d: string): Promise<void> {
  await sql`delete from warning_score where business_date = ${d}::date`.execute(tx);
  await sql`insert into warning_score (business_date, customer_id, score, level, crisis, factors)
    select ${d}::date, customer_id, score, level, crisis, factors from warn_day`.execute(tx);
}

const count = async (tx: Tx, q: ReturnType<typeof sql>) => Number((await sql<{ n: string }>`select count(*) as n from (${q}) q`.execute(tx)).rows[0]?.n ?? 0);

type Timed = <T>(k: string, fn: () => Promise<T>) => Promise<T>;

/**
 * Steps 1–3: indicators, last transactions, month baseline, scores kept — the part the backtest
 * replays day by day (no alerts, no messages).
 */
export async function scoreDay(tx: Tx, d: string, card: Scorecard, o: { keepOpen: boolean; timed?: Timed }) {
  const timed: Timed = o.timed ?? ((_k, fn) => fn());
  const customers = await timed('indicators', () => computeIndicators(tx, d));
  await timed('lastTransaction', () => advanceLastTransactions(tx));
  const baseline = await closesMonth(tx, d);
  if (baseline) await timed('baseline', () => writeBaseline(tx, d));
  await timed('score', () => scoreIndicators(tx, card, o.keepOpen));
  await timed('keep', () => keepScores(tx, d));
  return { customers, baseline };
}

/** Runs the early warning for business date D inside the feed's transaction. */
export async function runWarnings(tx: Tx, d: string): Promise<WarningRunResult> {
  const timings: Record<string, number> = {};
  const timed = async <T>(k: string, fn: () => Promise<T>) => { const t0 = performance.now(); try { return await fn(); } finally { timings[k] = Math.round(performance.now() - t0); } };
  const card = await getSetting(tx, 'warnings.scorecard');
  const { customers, baseline } = await scoreDay(tx, d, card, { keepOpen: true, timed });
  const moved = await timed('alerts', () => maintainAlerts(tx, d));
  const escalated = await timed('escalate', () => escalate(tx, d, card.escalationWorkingDays));
  const notified = await timed('notify', () => notifyDay(tx, d));
  const lv = await sql<{ level: string; n: string }>`select level, count(*) as n from warn_day where level is not null group by level`.execute(tx);
  const per = Object.fromEntries(lv.rows.map((r) => [r.level, Number(r.n)]));
  return { customers, scored: await count(tx, sql`select 1 from warn_day where level is not null`), yellow: per.yellow ?? 0, orange: per.orange ?? 0, red: per.red ?? 0,
    ...moved, escalated, notified, baseline, timings };
}

/** Step 4: the alerts follow the day's levels; every change leaves an event. */
async function maintainAlerts(tx: Tx, d: string) {
  const rank = (col: string) => sql`(case ${sql.ref(col)} when 'red' then 3 when 'orange' then 2 when 'yellow' then 1 else 0 end)`;
  // Below yellow and nobody has started on it: withdrawn. Once analysis began it stays the manager's to finish.
  const withdrawn = await sql<{ id: number }>`
    with w as (update warning_alert al set status = 'withdrawn', as_of = ${d}::date, updated_at = now()
      from warn_day wd where wd.customer_id = al.customer_id and wd.level is null and al.status = 'open' and al.analysis_on is null and al.contact_on is null
      returning al.id, wd.score)
    insert into warning_alert_event (alert_id, business_date, kind, score) select id, ${d}::date, 'withdrawn', score from w returning alert_id as id`.execute(tx);
  const changed = await sql<{ kind: string }>`
    with c as (
      select al.id, wd.level, wd.score, case when ${rank('wd.level')} > ${rank('al.level')} then 'upgraded' else 'downgraded' end as kind
        from warning_alert al join warn_day wd on wd.customer_id = al.customer_id
       where al.status in ('open', 'resolved') and wd.level is not null and wd.level <> al.level),
    u as (update warning_alert al set level = c.level, level_since = ${d}::date,
            top_level = case when ${rank('c.level')} > ${rank('al.top_level')} then c.level else al.top_level end
          from c where c.id = al.id returning al.id)
    insert into warning_alert_event (alert_id, business_date, kind, level, score) select c.id, ${d}::date, c.kind, c.level, c.score from c returning kind`.execute(tx);
  await sql`update warning_alert al set score = wd.score, crisis = wd.crisis, factors = wd.factors, as_of = ${d}::date, updated_at = now()
    from warn_day wd where wd.customer_id = al.customer_id and al.status in ('open', 'resolved')`.execute(tx);
  const raised = await sql<{ id: number }>`
    with n as (
      insert into warning_alert (customer_id, level, top_level, score, crisis, factors, raised_on, level_since, as_of, assignee_institution_id)
      select wd.customer_id, wd.level, wd.level, wd.score, wd.crisis, wd.factors, ${d}::date, ${d}::date, ${d}::date, wd.institution_id
        from warn_day wd where wd.level is not null
         and not exists (select 1 from warning_alert al where al.customer_id = wd.customer_id and al.status in ('open', 'resolved'))
      on conflict (customer_id) where status in ('open', 'resolved') do nothing
      returning id, level, score)
    insert into warning_alert_event (alert_id, business_date, kind, level, score) select id, ${d}::date, 'raised', level, score from n returning alert_id as id`.execute(tx);
  await reassignWarnings(tx);
  return { raised: raised.rows.length, upgraded: changed.rows.filter((r) => r.kind === 'upgraded').length,
    downgraded: changed.rows.filter((r) => r.kind === 'downgraded').length, withdrawn: withdrawn.rows.length };
}

/**
 * Open alerts go to the customer's primary manager now (still employed) — who answers for him today,
 * whatever day is scored (a back-filled day, a manager assigned since) — as the account alerts do.
 */
export async function reassignWarnings(tx: Tx) {
  await sql`update warning_alert al set assignee_user_id = r.user_id, assignee_institution_id = r.institution_id, updated_at = now()
    from (select al2.id, u.id as user_id, cu.institution_id
            from warning_alert al2 join customer cu on cu.id = al2.customer_id
            left join customer_manager mg on mg.customer_id = cu.id and mg.role = 'primary' and mg.ends_on is null
            left join app_user u on u.id = mg.user_id and u.status = 'active'
           where al2.status in ('open', 'resolved')) r
   where r.id = al.id and (al.assignee_user_id is distinct from r.user_id or al.assignee_institution_id <> r.institution_id)`.execute(tx);
}

/** Step 5: red, no contact, N working days since it turned red → the institution above the customer's. */
async function escalate(tx: Tx, d: string, days: number): Promise<number> {
  const since = await tx.selectFrom('warning_alert').select('level_since').distinct()
    .where('status', '=', 'open').where('level', '=', 'red').where('contact_on', 'is', null).where('escalated_on', 'is', null).execute();
  const due: string[] = [];
  for (const s of since) if ((await addWorkingDays(tx, s.level_since, days)) <= d) due.push(s.level_since);
  if (!due.length) return 0;
  const r = await sql<{ id: number }>`
    with e as (update warning_alert al set escalated_on = ${d}::date, escalated_institution_id = coalesce(i.parent_id, i.id), updated_at = now()
      from institution i where i.id = al.assignee_institution_id and al.status = 'open' and al.level = 'red' and al.contact_on is null
       and al.escalated_on is null and al.level_since = any(${due}::date[]) returning al.id, al.score)
    insert into warning_alert_event (alert_id, business_date, kind, level, score) select id, ${d}::date, 'escalated', 'red', score from e returning alert_id as id`.execute(tx);
  return r.rows.length;
}

/**
 * Step 6: the alerts raised or upgraded on D tell the manager and the head of the customer's
 * institution; the escalated ones tell the head of the institution above. Each kind per level, the
 * level and D as the item's key, so a reloaded day tells nobody twice.
 */
async function notifyDay(tx: Tx, d: string): Promise<number> {
  const horizon = new Date(Date.parse(`${businessToday()}T00:00:00Z`) - NEWS_DAYS * 86_400_000).toISOString().slice(0, 10);
  if (d <= horizon) return 0;
  const params = sql`jsonb_build_object('alertId', al.id, 'customerId', cu.id, 'customerName', cu.name, 'customerNo', cu.customer_no,
      'level', al.level, 'score', al.score, 'businessDate', ${d}::text)`;
  const news = (level: string) => sql`
    select 'warning_alert'::text as entity_type, al.id::text as entity_id, (al.level || ':' || ${d}::text) as item_key, r.user_id, r.institution_id, ${params} as params
      from warning_alert al join customer cu on cu.id = al.customer_id
      cross join lateral (values (al.assignee_user_id, case when al.assignee_user_id is null then al.assignee_institution_id end), (null::int, cu.institution_id)) r(user_id, institution_id)
     where al.status = 'open' and al.level = ${level} and al.level_since = ${d}::date
       and exists (select 1 from warning_alert_event ev where ev.alert_id = al.id and ev.business_date = ${d}::date and ev.kind in ('raised', 'upgraded'))
       and (r.user_id is not null or r.institution_id is not null)`;
  let n = 0;
  for (const level of ['yellow', 'orange', 'red'] as const) n += await notifyReminders(tx, `warning.${level}`, news(level));
  n += await notifyReminders(tx, 'warning.escalated', sql`
    select 'warning_alert'::text as entity_type, al.id::text as entity_id, ('escalated:' || ${d}::text) as item_key, null::int as user_id,
           al.escalated_institution_id as institution_id, ${params} as params
      from warning_alert al join customer cu on cu.id = al.customer_id where al.status = 'open' and al.escalated_on = ${d}::date`);
  return n;
}

/**
 * A merge: the merged record's open alert is withdrawn (its history stays with it); the survivor,
 * now holding the accounts, is scored afresh by the next day's run.
 */
export async function withdrawMergedWarnings(tx: Tx, mergedId: number, d: string): Promise<number> {
  const r = await sql<{ id: number }>`
    with w as (update warning_alert set status = 'withdrawn', updated_at = now() where customer_id = ${mergedId} and status in ('open', 'resolved') returning id, level, score)
    insert into warning_alert_event (alert_id, business_date, kind, level, score) select id, ${d}::date, 'withdrawn', level, score from w returning alert_id as id`.execute(tx);
  return r.rows.length;
}
