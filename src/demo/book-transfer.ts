// Transfers of primary rights in the demo book (REL-22): sn_mgr (卫主办) hands two of his customers
// to his team-mate sn_assist (蒋协办) from next week — one request waits for the branch's transfer
// approver (qd_head), the other was approved and waits for the confirmer (qd_confirm). Until the
// effective date sn_mgr stays their primary manager.
import { sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { businessToday } from '../common/business-date.ts';
import type { Actor } from '../modules/auth/actor.ts';
import { decide } from '../modules/approvals/approval.service.ts';
import { inForce } from '../modules/managers/relation.queries.ts';
import { submitTransfer } from '../modules/managers/transfer/transfer.service.ts';

export async function addBookTransfers(db: Database, actorOf: (username: string) => Promise<Actor>): Promise<number> {
  const mgr = await actorOf('sn_mgr');
  const assist = await actorOf('sn_assist');
  const today = businessToday();
  // sn_mgr's newest customers with no request open about them (the scale changes take his first companies).
  const customers = await db.selectFrom('customer as c')
    .innerJoin('customer_manager as m', (j) => j.onRef('m.customer_id', '=', 'c.id').on('m.role', '=', 'primary').on('m.user_id', '=', mgr.id!))
    .select(['c.id']).where(inForce('m', today)).where('m.ends_on', 'is', null).where('c.status', '=', 'active')
    .where(sql<boolean>`not exists (select 1 from approval_request r where r.subject_type = 'customer' and r.subject_id = c.id::text and r.status in ('pending', 'returned'))`)
    .orderBy('c.id', 'desc').limit(2).execute();
  const effectiveOn = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const requests: number[] = [];
  for (const c of customers) {
    requests.push((await submitTransfer(db, mgr, { selection: { customerIds: [Number(c.id)] }, fromManagerId: mgr.id!, toManagerId: assist.id!, effectiveOn,
      reason: '客户经理分工调整：该客户改由蒋协办主办' })).requestId);
  }
  if (requests[1]) await decide(db, await actorOf('qd_head'), requests[1], { decision: 'approve', step: 1, reason: '同意移交，请做好交接' });
  return requests.length;
}
