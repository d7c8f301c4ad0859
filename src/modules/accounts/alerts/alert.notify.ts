// The day's account alerts as notifications (kinds alert.maturity and alert.large_change): each
// alert the feed raised, reopened or refreshed for business date D — open, with business_date = D —
// tells the person it is assigned to, or the head an institution's alerts go to
// (notification.reminders.ts), by inbox and e-mail/SMS per his preferences. One statement per kind;
// the alert's business date is the notification's key, so a reloaded day notifies nobody twice,
// while a warning reopened on a later day (a renewal undone) is news again.
//
// News only: a day older than the large-change keep days before the bank's today (a first load
// back-filling months of history, a late correction of an old day) raises its alerts on the
// workbench as always but messages nobody, and a maturity warning whose date has already passed is
// not sent either — nobody should get ninety days of stale alerts by e-mail on the morning of a
// first load.
import { sql } from 'kysely';
import type { Tx } from '../../../db/database.ts';
import { notifyReminders } from '../../notifications/notification.reminders.ts';

// Account number as its last four digits only: enough for a manager to know which one, nothing
// more in a mailbox. Amounts as text, to the fen.
const dayAlerts = (kind: 'maturity' | 'large_change', d: string, today: string) => sql`
  select 'account_alert'::text as entity_type, al.id::text as entity_id, al.business_date::text as item_key,
         al.assignee_user_id as user_id, al.assignee_institution_id as institution_id,
         jsonb_build_object('alertId', al.id, 'customerId', cu.id, 'customerName', cu.name, 'customerNo', cu.customer_no,
           'accountTail', right(a.account_no, 4), 'productZh', p.name_zh, 'productEn', p.name_en, 'currency', a.currency,
           'businessDate', al.business_date::text, 'maturityOn', al.maturity_on::text, 'windowDays', al.window_days,
           'balance', al.balance::text, 'change', al.change_amount::text) as params
    from account_alert al join account a on a.id = al.account_id join customer cu on cu.id = a.customer_id join product p on p.id = a.product_id
   where al.kind = ${kind} and al.status = 'open' and al.business_date = ${d}::date and (al.maturity_on is null or al.maturity_on >= ${today}::date)`;

/**
 * Notifies the open alerts of business date D; returns how many notifications were new. `today`
 * is the bank's business date, `keepDays` the large-change keep days (the horizon of news).
 */
export async function notifyDayAlerts(tx: Tx, d: string, o: { today: string; keepDays: number }): Promise<number> {
  const horizon = new Date(Date.parse(`${o.today}T00:00:00Z`) - o.keepDays * 86_400_000).toISOString().slice(0, 10);
  if (d <= horizon) return 0;
  return (await notifyReminders(tx, 'alert.maturity', dayAlerts('maturity', d, o.today)))
    + (await notifyReminders(tx, 'alert.large_change', dayAlerts('large_change', d, o.today)));
}
