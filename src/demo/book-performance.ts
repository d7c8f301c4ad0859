// Performance allocation in the demo book (PERF-1): 郑业绩 (qd_perf, 业绩分配岗) splits sn_mgr's
// largest customer 60/40 with his team-mate sn_assist — approved by 市南支行's head — and asks to
// share another with the sub-branch's teller across institutions: approved by the head, it waits
// for the branch administrator's confirmation (qd_admin). The
// managers' daily figures themselves come from every demo feed day (feed.service.ts).
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { businessToday } from '../common/business-date.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { decide } from '../modules/approvals/approval.service.ts';
import { submitAllocation } from '../modules/managers/performance/performance.service.ts';

export async function addBookPerformance(db: Database, actorOf: (username: string) => Promise<Actor>): Promise<number> {
  const [perf, mgr, assist, teller] = await Promise.all(['qd_perf', 'sn_mgr', 'sn_assist', 'sn_teller'].map(actorOf));
  const today = businessToday();
  // sn_mgr's two largest customers by month average with no request open about them.
  const customers = (await sql<{ id: string }>`
    select c.id from customer c join customer_manager m on m.customer_id = c.id and m.role = 'primary' and m.user_id = ${mgr.id} and m.ends_on is null
      join customer_position p on p.customer_id = c.id
     where c.status = 'active' and not exists (select 1 from approval_request r where r.subject_type = 'customer' and r.subject_id = c.id::text and r.status in ('pending', 'returned'))
     order by p.deposit_month_avg desc, c.id limit 2`.execute(db)).rows.map((r) => Number(r.id));
  if (customers.length < 2) return 0;
  const split = await submitAllocation(db, perf, { customerId: customers[0], effectiveOn: today, reason: '联合营销：协办客户经理承担四成维护工作',
    shares: [{ managerId: mgr.id, share: '60.00' }, { managerId: assist.id, share: '40.00' }] });
  await decide(db, await actorOf('sn_head'), split.requestId, { decision: 'approve', step: 1, reason: '同意' });
  const across = await submitAllocation(db, perf, { customerId: customers[1], effectiveOn: today, reason: '柜员转介绍，按三七分配',
    shares: [{ managerId: mgr.id, share: '70.00' }, { managerId: teller.id, share: '30.00' }] });
  await decide(db, await actorOf('sn_head'), across.requestId, { decision: 'approve', step: 1, reason: '同意，请分行确认' });
  return 2;
}
