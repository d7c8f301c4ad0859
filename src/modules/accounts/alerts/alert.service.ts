// ACC-4 account alerts on the responsible person's workbench: maturity warnings (到期预警) for
// time deposits and loans, and large-amount changes (大额变动) of any account's end-of-day balance.
// The rules are in docs/account-alerts.md.
//
// Raised by the daily feed, in its transaction, right after the day's balances: set-based SQL, a
// handful of statements whatever the number of accounts (a day has 3,000,000). Alerts live in
// their own table rather than as to-dos because they carry figures (balance, change, maturity)
// and come by the thousand; they follow the to-do mechanism's rules all the same — a dedupe key,
// an assignee that is a person or an institution, open → done, and withdrawn when the reason goes.
//
// Who sees an alert: the user it is assigned to (the customer's primary manager); and one
// assigned to an institution (a customer nobody manages) is seen by the head of that institution
// (permission alert.unassigned.handle) — or, where it has none (a marketing team), by the head of
// the nearest institution above it that has one. Not by every head above: head office is not
// the place to follow a sub-branch's maturing deposit up, and 237 branch-level maturities on its
// workbench buried what was its own. Always within customerInScope too, so an alert never shows
// a customer its reader could not open.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Database, Executor, Tx } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { AppError, invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import { can, type Actor } from '../../auth/actor.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { getSetting, putSetting } from '../../settings/settings.service.ts';
import { maskAccountNo } from '../account.service.ts';
import type { AccountAlertPage, AccountAlertView, AlertKind, AlertListQuery, AlertSettings } from './alert.schema.ts';
import { isBusinessDate } from '../balances/balance.service.ts';
import { worthAnalyzing } from '../../../db/statistics.ts';
import { notifyDayAlerts } from './alert.notify.ts';


/** What a day's run did; the feed puts these counts in its own audit row. */
export interface RaisedAlerts {
  /** Maturity warnings newly raised (a window entered). */
  maturity: number;
  /** Large-change alerts of the business date in force after the run (raised, or refreshed by a reload). */
  largeChange: number;
  /** Open alerts withdrawn: maturity date changed or account no longer eligible, narrower window raised, change shrunk on reload. */
  withdrawn: number;
  /** Open maturity warnings whose date passed, and large-change alerts older than the keep days, nobody marked done. */
  expired: number;
  /** Open alerts re-pointed to the customer's current responsible person (transfer, manager left). */
  reassigned: number;
  /** Notifications new today: one per alert of D and person told (alert.notify.ts); none again on a reload. */
  notified: number;
}

// The responsible person of each account's customer: its primary manager while employed, else
// (user_id null) the customer's institution. Joined only to the few accounts that alert.
const RESPONSIBLE = sql`join customer cu on cu.id = a.customer_id and cu.status = 'active'
  left join customer_manager mg on mg.customer_id = cu.id and mg.role = 'primary' and mg.ends_on is null
  left join app_user u on u.id = mg.user_id and u.status = 'active'`;
const ASSIGNEE_INSTITUTION = sql`case when u.id is null then cu.institution_id end`;

/**
 * Raises the alerts of business date D, after applyBusinessDay has stored D's balances, inside the
 * feed's transaction. previousDate is the business date loaded before D (null for the first load):
 * a large change compares D's balance with that day's, and an account opened since compares with 0.
 * Idempotent: running it again for D (a reload) raises nothing twice, refreshes D's large-change
 * figures and withdraws those that no longer reach the threshold. The day's open alerts are then
 * notified (alert.notify.ts), each once per person. Writes no audit row itself — the
 * audit chain's lock would then be held for the rest of the feed's long transaction; the feed
 * records the returned counts in the row it writes last.
 */
export async function raiseAccountAlerts(tx: Tx, businessDate: string, previousDate: string | null): Promise<RaisedAlerts> {
  const errors: FieldError[] = [];
  if (!isBusinessDate(businessDate)) errors.push({ path: 'businessDate', code: 'accounts.field_invalid' });
  if (previousDate !== null && (!isBusinessDate(previousDate) || previousDate >= businessDate)) errors.push({ path: 'previousDate', code: 'accounts.field_invalid' });
  if (errors.length) throw invalid(...errors);
  const windows = await getSetting(tx, 'accounts.maturity_windows');
  const threshold = await getSetting(tx, 'accounts.large_change_threshold');
  const keepDays = await getSetting(tx, 'accounts.large_change_keep_days');
  const reassigned = await reassignOpenAlerts(tx);
  const maturity = await raiseMaturityWarnings(tx, businessDate, windows);
  const change = await raiseLargeChanges(tx, businessDate, previousDate, threshold);
  const aged = await expireOldLargeChanges(tx, businessDate, keepDays);
  const notified = await notifyDayAlerts(tx, businessDate, { today: businessToday(), keepDays });
  return { maturity: maturity.raised, largeChange: change.inForce, withdrawn: maturity.withdrawn + change.withdrawn, expired: maturity.expired + aged, reassigned, notified };
}

/**
 * An alert goes to whoever answered for the customer when it was raised; while it is open, each
 * day's run re-points it to whoever answers now — the new primary manager after a transfer, the
 * institution once the manager has left — so no open alert is stranded with someone who can no
 * longer open the customer. Cost: a few primary-key probes per open alert — the `limit 1` keeps
 * the lookup per alert, where a join could tempt the planner to hash all 3,000,000 accounts.
 */
export async function reassignOpenAlerts(tx: Tx): Promise<number> {
  const res = await sql`
    update account_alert al set assignee_user_id = r.user_id, assignee_institution_id = r.institution_id, customer_id = r.customer_id, updated_at = now()
    from account_alert o cross join lateral (
      select a.customer_id, u.id as user_id, ${ASSIGNEE_INSTITUTION} as institution_id from account a ${RESPONSIBLE} where a.id = o.account_id limit 1) r
    where o.status = 'open' and al.id = o.id
      and (al.assignee_user_id is distinct from r.user_id or al.assignee_institution_id is distinct from r.institution_id)`.execute(tx);
  return Number(res.numAffectedRows ?? 0n);
}

/**
 * Each active time deposit or loan maturing within D..D+max(window) gets the warning of the
 * narrowest window it has entered: at D+20 the 30-day one, at D+7 the 7-day one. The first sight
 * of an account already inside 7 days raises only the 7-day warning (a 30-day one would say less,
 * later). A narrower warning withdraws the wider one still open, so a manager sees one line per
 * account. First, open warnings whose account no longer matches (renewed, extended, closed,
 * dormant) are withdrawn, and those whose date has passed expire: a warning is for before
 * maturity, and expiring keeps the open set — checked here every day, one account probe each (the
 * `limit 1` lateral, as in reassignOpenAlerts) — to the accounts inside the widest window.
 */
async function raiseMaturityWarnings(tx: Tx, d: string, windows: number[]) {
  const stale = await sql<{ expired: number; withdrawn: number }>`
    with ended as (
      update account_alert al set status = case when al.maturity_on < ${d}::date then 'expired' else 'withdrawn' end, updated_at = now()
      from account_alert o cross join lateral (select a.status, a.kind, a.maturity_on from account a where a.id = o.account_id limit 1) a
      where o.kind = 'maturity' and o.status = 'open' and al.id = o.id
        and (al.maturity_on < ${d}::date or a.status <> 'active' or a.kind not in ('deposit_time', 'loan') or a.maturity_on is distinct from al.maturity_on)
      returning al.status
    )
    select count(*) filter (where status = 'expired')::int as expired, count(*) filter (where status = 'withdrawn')::int as withdrawn from ended`.execute(tx);
  const widest = Math.max(...windows);
  const res = await sql<{ raised: number; superseded: number }>`
    with due as (
      select a.id as account_id, a.customer_id, a.maturity_on, coalesce(b.balance, a.balance) as balance,
        (select min(w) from unnest(array[${sql.join(windows.map((w) => sql`${w}::int`))}]) as w where a.maturity_on <= ${d}::date + w) as window_days,
        u.id as user_id, cu.institution_id
      from account a
      ${RESPONSIBLE}
      left join account_balance b on b.account_id = a.id and b.business_date = ${d}::date
      where a.status = 'active' and a.kind in ('deposit_time', 'loan') and a.maturity_on is not null
        and a.maturity_on between ${d}::date and ${d}::date + ${widest}::int
    ), raised as (
      insert into account_alert (kind, account_id, customer_id, business_date, balance, window_days, maturity_on, assignee_user_id, assignee_institution_id)
      select 'maturity', account_id, customer_id, ${d}::date, balance, window_days, maturity_on, user_id, case when user_id is null then institution_id end
      from due
      -- A warning withdrawn (a renewal later undone, a maturity date corrected back) opens again.
      on conflict (account_id, window_days, maturity_on) where kind = 'maturity'
        do update set status = 'open', business_date = excluded.business_date, balance = excluded.balance, updated_at = now()
        where account_alert.status = 'withdrawn'
      returning account_id, window_days, maturity_on
    ), superseded as (
      update account_alert o set status = 'withdrawn', updated_at = now()
      from raised r
      where o.kind = 'maturity' and o.status = 'open' and o.account_id = r.account_id and o.maturity_on = r.maturity_on and o.window_days > r.window_days
      returning o.id
    )
    select (select count(*) from raised)::int as raised, (select count(*) from superseded)::int as superseded`.execute(tx);
  const r = res.rows[0]!;
  const ended = stale.rows[0]!;
  return { raised: Number(r.raised), withdrawn: Number(ended.withdrawn) + Number(r.superseded), expired: Number(ended.expired) };
}

/**
 * |balance(D) − previous balance| ≥ threshold, where the previous balance is the account's line in
 * the previous loaded day's file. The file lists every open account, so an account without that
 * line is new (opened since: compared with 0) or was left out (carried forward, as for daily
 * averages: its last balance before D). On the first load (no previous day) only accounts opened
 * on D are compared, with 0.
 *
 * The day's qualifying accounts are computed once into a temporary table (dropped at commit):
 * the hot statement is a plain two-day join (two day partitions of account_balance, one per
 * business date), and the planner then knows the result is a few thousand rows — not
 * the third of 3,000,000 it guesses for `abs(…) >= threshold` — when it joins accounts, customers
 * and managers. Explicit DDL, then insert: parameters are not allowed in CREATE TABLE AS.
 */
async function raiseLargeChanges(tx: Tx, d: string, previous: string | null, threshold: string) {
  await sql`drop table if exists pg_temp.account_alert_day_change`.execute(tx);
  await sql`create temp table account_alert_day_change (account_id bigint primary key, balance numeric(18,2) not null,
    previous_balance numeric(18,2)) on commit drop`.execute(tx);
  if (previous === null) {
    await sql`
      insert into account_alert_day_change (account_id, balance, previous_balance)
      select b.account_id, b.balance, 0 from account_balance b join account a on a.id = b.account_id and a.opened_on = ${d}::date
      where b.business_date = ${d}::date and abs(b.balance) >= ${threshold}::numeric`.execute(tx);
  } else {
    await sql`
      insert into account_alert_day_change (account_id, balance, previous_balance)
      select b.account_id, b.balance, p.balance
      from account_balance b
      left join account_balance p on p.account_id = b.account_id and p.business_date = ${previous}::date
      where b.business_date = ${d}::date and (p.account_id is null or abs(b.balance - p.balance) >= ${threshold}::numeric)`.execute(tx);
    // The few without a previous line; one left out with no earlier line either stays null (not compared).
    await sql`
      update account_alert_day_change c set previous_balance = coalesce(
        (select l.balance from account_balance l where l.account_id = c.account_id and l.business_date < ${d}::date order by l.business_date desc limit 1),
        case when a.opened_on > ${previous}::date then 0 end)
      from account a where a.id = c.account_id and c.previous_balance is null`.execute(tx);
  }
  await sql`delete from account_alert_day_change where previous_balance is null or abs(balance - previous_balance) < ${threshold}::numeric`.execute(tx);
  if (await worthAnalyzing(tx, 'account_alert_day_change')) await sql`analyze account_alert_day_change`.execute(tx);

  // A reload: the day's open alerts that no longer qualify are withdrawn.
  const withdrawn = await sql`
    update account_alert al set status = 'withdrawn', updated_at = now()
    where al.kind = 'large_change' and al.business_date = ${d}::date and al.status = 'open'
      and not exists (select 1 from account_alert_day_change c where c.account_id = al.account_id)`.execute(tx);
  const upserted = await sql`
    insert into account_alert (kind, account_id, customer_id, business_date, balance, previous_balance, change_amount, assignee_user_id, assignee_institution_id)
    select 'large_change', c.account_id, a.customer_id, ${d}::date, c.balance, c.previous_balance, c.balance - c.previous_balance, u.id, ${ASSIGNEE_INSTITUTION}
    from account_alert_day_change c join account a on a.id = c.account_id
    ${RESPONSIBLE}
    on conflict (account_id, business_date) where kind = 'large_change' do update set
      balance = excluded.balance, previous_balance = excluded.previous_balance, change_amount = excluded.change_amount,
      customer_id = excluded.customer_id, assignee_user_id = excluded.assignee_user_id, assignee_institution_id = excluded.assignee_institution_id,
      -- a reload that brings a withdrawn change back over the threshold reopens it; done stays done
      status = case when account_alert.status = 'withdrawn' then 'open' else account_alert.status end, updated_at = now()`.execute(tx);
  return { inForce: Number(upserted.numAffectedRows ?? 0n), withdrawn: Number(withdrawn.numAffectedRows ?? 0n) };
}

/**
 * Large-change alerts still open `keepDays` days after their business date expire (kept, not
 * shown): the workbench lists what is still worth a call. Counted from the business date, so a
 * run of reloads or a late day does not shorten anyone's time to act.
 */
async function expireOldLargeChanges(tx: Tx, d: string, keepDays: number): Promise<number> {
  const r = await sql`update account_alert set status = 'expired', updated_at = now()
    where kind = 'large_change' and status = 'open' and business_date <= ${d}::date - ${keepDays}::int`.execute(tx);
  return Number(r.numAffectedRows ?? 0n);
}

/** Who answers for the alerts of customers nobody manages: the institution's head. */
export const UNASSIGNED_ALERT_PERMISSION = 'alert.unassigned.handle';

/**
 * The institutions whose unassigned alerts this head answers for: those of his subtree (所辖机构)
 * not under another institution of it that has a head of its own — an active user managing it
 * with the permission. Institutions are few (hundreds), so this is a small anti-join, evaluated
 * once per query rather than per alert; a head appointed or leaving takes effect at once.
 */
function institutionsHeadedBy(actor: Actor): Expression<SqlBool> {
  return sql<SqlBool>`al.assignee_institution_id in (
    select x.id from institution x
    where x.path like ${actor.scopePath + '%'}
      and not exists (
        select 1 from institution h
        join app_user hu on hu.managing_institution_id = h.id and hu.status = 'active'
        join user_role ur on ur.user_id = hu.id
        join role_permission rp on rp.role_id = ur.role_id and rp.permission_code = ${UNASSIGNED_ALERT_PERMISSION}
        where h.path like ${actor.scopePath + '_%'} and x.path like h.path || '%'))`;
}

/** The alerts this actor answers for (see the header). */
export function alertVisibleTo(actor: Actor): Expression<SqlBool> {
  const mine = actor.kind === 'user' ? sql<SqlBool>`al.assignee_user_id = ${actor.id}` : sql<SqlBool>`false`;
  const heads = actor.dataScope === 'institution' && actor.kind !== 'system' && can(actor, UNASSIGNED_ALERT_PERMISSION);
  return heads ? sql<SqlBool>`(${mine} or ${institutionsHeadedBy(actor)})` : mine;
}

// The account's current holder, not the one stored at raising: a merge moves accounts, and the
// alert follows its account.
function visibleAlerts(db: Executor, actor: Actor) {
  return db.selectFrom('account_alert as al').innerJoin('account as a', 'a.id', 'al.account_id').innerJoin('customer', 'customer.id', 'a.customer_id')
    .where(alertVisibleTo(actor)).where(customerInScope(actor));
}

/** The open alerts of each kind the actor answers for: the tabs' and the menu's badges (no account shown, nothing audited). */
export async function countAccountAlerts(db: Executor, actor: Actor): Promise<Record<AlertKind, number>> {
  const counts = await visibleAlerts(db, actor).where('al.status', '=', 'open').select(['al.kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('al.kind').execute();
  const n = (k: AlertKind) => Number(counts.find((c) => c.kind === k)?.n ?? 0);
  return { maturity: n('maturity'), large_change: n('large_change') };
}

/** One kind's page of the workbench list, with the open count of both kinds for the tabs. */
export async function listAccountAlerts(db: Database, actor: Actor, q: AlertListQuery): Promise<AccountAlertPage> {
  const counts = await countAccountAlerts(db, actor);
  const base = visibleAlerts(db, actor).where('al.kind', '=', q.kind).where('al.status', '=', q.status);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const today = businessToday();
  // Open: the most pressing first (nearest maturity; latest day, largest change). Done: the latest handled first.
  const order = q.status === 'done' ? sql`al.done_at desc, al.id desc`
    : q.kind === 'maturity' ? sql`al.maturity_on asc, al.id asc` : sql`al.business_date desc, abs(al.change_amount) desc, al.id asc`;
  const rows = await base.innerJoin('product as p', 'p.id', 'a.product_id').leftJoin('app_user as done_user', 'done_user.id', 'al.done_by')
    .select(['al.id', 'al.kind', 'al.status', 'al.account_id', 'a.account_no', 'a.currency', 'p.name_zh', 'p.name_en', 'customer.id as customer_id',
      'customer.customer_no', 'customer.name as customer_name', 'al.business_date', 'al.balance', 'al.maturity_on', 'al.window_days',
      'al.previous_balance', 'al.change_amount', 'al.done_at', 'done_user.display_name as done_by_name',
      sql<number | null>`al.maturity_on - ${today}::date`.as('days_left')])
    .orderBy(order).limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const unmasked = can(actor, 'customer.sensitive.read');
  if (unmasked && rows.length) {
    await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'account.read_unmasked', entityType: 'account_alert',
      after: { kind: q.kind, accounts: rows.length, accountIds: rows.map((r) => r.account_id), customerIds: [...new Set(rows.map((r) => r.customer_id))] } }));
  }
  const items: AccountAlertView[] = rows.map((r) => ({
    id: r.id, kind: r.kind, status: r.status as 'open' | 'done',
    customer: { id: r.customer_id, customerNo: r.customer_no, name: r.customer_name },
    accountId: r.account_id, accountNo: unmasked ? r.account_no : maskAccountNo(r.account_no), masked: !unmasked,
    productNameZh: r.name_zh, productNameEn: r.name_en, currency: r.currency, businessDate: r.business_date, balance: r.balance,
    maturityOn: r.maturity_on, daysLeft: r.days_left === null ? null : Number(r.days_left), windowDays: r.window_days,
    previousBalance: r.previous_balance, change: r.change_amount, doneAt: r.done_at, doneBy: r.done_by_name,
  }));
  return { total: Number(total), counts, items };
}

/** Marks an alert the actor answers for as handled; a second click (or a colleague's) is refused. */
export async function markAlertDone(db: Database, actor: Actor, id: number) {
  return db.transaction().execute(async (tx) => {
    const alert = await visibleAlerts(tx, actor).select(['al.id', 'al.kind', 'al.account_id', 'a.customer_id']).where('al.id', '=', id).executeTakeFirst();
    if (!alert) throw notFound('account_alert');
    // Conditional update: of two clicks racing, one finds the alert no longer open.
    const row = await tx.updateTable('account_alert').set({ status: 'done', done_at: new Date(), done_by: actor.kind === 'user' ? actor.id : null, updated_at: new Date() })
      .where('id', '=', id).where('status', '=', 'open').returning(['id', 'status', 'done_at']).executeTakeFirst();
    if (!row) {
      const { status } = await tx.selectFrom('account_alert').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      throw new AppError(status === 'done' ? 'alerts.already_done' : status === 'expired' ? 'alerts.expired' : 'alerts.withdrawn', 409);
    }
    await writeAudit(tx, actor, { action: 'account_alert.done', entityType: 'account_alert', entityId: id, before: { status: 'open' },
      after: { status: 'done', kind: alert.kind, accountId: alert.account_id, customerId: alert.customer_id } });
    return { id: row.id, status: row.status, doneAt: row.done_at };
  });
}

export async function getAlertSettings(db: Executor): Promise<AlertSettings> {
  return { maturityWindows: await getSetting(db, 'accounts.maturity_windows'), largeChangeThreshold: await getSetting(db, 'accounts.large_change_threshold'),
    largeChangeKeepDays: await getSetting(db, 'accounts.large_change_keep_days') };
}

/** The settings in one transaction (each audited by putSetting); a bad value changes none. */
export async function putAlertSettings(db: Database, actor: Actor, body: AlertSettings): Promise<AlertSettings> {
  return db.transaction().execute(async (tx) => ({
    maturityWindows: await putSetting(tx, actor, 'accounts.maturity_windows', body.maturityWindows),
    largeChangeThreshold: await putSetting(tx, actor, 'accounts.large_change_threshold', body.largeChangeThreshold),
    largeChangeKeepDays: await putSetting(tx, actor, 'accounts.large_change_keep_days', body.largeChangeKeepDays),
  }));
}
