// A head's team table (issue 14 item 8, REL-20): every customer manager homed in his charge, one
// row each — the customers he answers for as primary manager (主办) today, their deposits, this
// month's deposit daily average and loans (the customer positions the feed keeps), the customers he
// assists, and the account alerts still open on his desk. Departed managers who still hold
// customers stay listed (marked), so no customer falls out of sight before being transferred.
// One statement: grouped reads of customer_manager and account_alert by person, joined to the
// managers — not a query per manager.
import { sql } from 'kysely';
import type { Executor } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { forbidden } from '../../../common/http/errors.ts';
import { can, type Actor } from '../../auth/actor.ts';
import { inForce } from '../relation.queries.ts';

export interface TeamRow {
  managerId: number; name: string; institutionId: number; institution: string; parentInstitution: string | null; status: string;
  primaryCustomers: number; assistedCustomers: number; deposits: string; depositMonthAvg: string; loans: string; openAlerts: number;
}

/** Heads and report readers with an institution-wide scope: a team's figures are their customers' balances. */
const mayReadTeam = (actor: Actor) => actor.kind === 'system' || (actor.dataScope === 'institution' && (can(actor, 'report.read') || can(actor, 'performance.read')));

export async function teamTable(db: Executor, actor: Actor): Promise<{ asOf: string; institution: { id: number; name: string }; items: TeamRow[] }> {
  if (!mayReadTeam(actor)) throw forbidden('report.read');
  const today = businessToday();
  const institution = await db.selectFrom('institution').select(['id', 'name']).where('id', '=', actor.managingInstitutionId).executeTakeFirstOrThrow();
  const { rows } = await sql<{
    manager_id: number; name: string; institution_id: number; institution: string; parent_institution: string | null; status: string;
    primary_customers: string; assisted_customers: string; deposits: string; deposit_month_avg: string; loans: string; open_alerts: string;
  }>`
    with managers as (
      select u.id, u.display_name, u.status, i.id as institution_id, i.name as institution, parent.name as parent_institution
        from app_user u
        join institution i on i.id = u.home_institution_id
        left join institution parent on parent.id = i.parent_id
       where u.kind = 'person' and i.path like ${actor.scopePath + '%'}
         and exists (select 1 from user_role ur join role r on r.id = ur.role_id where ur.user_id = u.id and r.category = 'manager')),
    held as (
      select m.user_id,
             count(*) filter (where m.role = 'primary') as primary_customers,
             count(*) filter (where m.role <> 'primary') as assisted_customers,
             coalesce(sum(p.deposit_balance) filter (where m.role = 'primary'), 0.00) as deposits,
             coalesce(sum(p.deposit_month_avg) filter (where m.role = 'primary'), 0.00) as deposit_month_avg,
             coalesce(sum(p.loan_balance) filter (where m.role = 'primary'), 0.00) as loans
        from customer_manager m
        join customer c on c.id = m.customer_id and c.status = 'active'
        left join customer_position p on p.customer_id = m.customer_id
       where m.user_id in (select id from managers) and ${inForce('m', today)}
       group by m.user_id),
    alerts as (
      select a.assignee_user_id as user_id, count(*) as open_alerts from account_alert a
       where a.status = 'open' and a.assignee_user_id in (select id from managers)
       group by a.assignee_user_id)
    select g.id as manager_id, g.display_name as name, g.institution_id, g.institution, g.parent_institution, g.status,
           coalesce(h.primary_customers, 0) as primary_customers, coalesce(h.assisted_customers, 0) as assisted_customers,
           coalesce(h.deposits, 0.00)::text as deposits, coalesce(h.deposit_month_avg, 0.00)::text as deposit_month_avg, coalesce(h.loans, 0.00)::text as loans,
           coalesce(a.open_alerts, 0) as open_alerts
      from managers g left join held h on h.user_id = g.id left join alerts a on a.user_id = g.id
     -- a departed manager holding nobody any more is history, not a member of the team
     where g.status = 'active' or h.primary_customers > 0 or h.assisted_customers > 0
     order by coalesce(h.deposits, 0) desc, g.id`.execute(db);
  return {
    asOf: today, institution,
    items: rows.map((r) => ({
      managerId: r.manager_id, name: r.name, institutionId: r.institution_id, institution: r.institution, parentInstitution: r.parent_institution, status: r.status,
      primaryCustomers: Number(r.primary_customers), assistedCustomers: Number(r.assisted_customers), deposits: r.deposits,
      depositMonthAvg: r.deposit_month_avg, loans: r.loans, openAlerts: Number(r.open_alerts),
    })),
  };
}
