// The openings under review that I may see (the maker's own; for institution-wide roles those
// made or decided in my charge), for the customer list's "开户审核中" section: until approved they
// are not customers, so the list itself cannot hold them. The payload's personal data is not read.
import { sql } from 'kysely';
import type { Executor } from '../../../db/database.ts';
import type { Actor } from '../../auth/actor.ts';
import { requestVisibleTo } from '../../approvals/approval.queries.ts';
import { OPENING_TYPE } from './opening-review.workflow.ts';

export async function listPendingOpenings(db: Executor, actor: Actor) {
  const rows = await db.selectFrom('approval_request').innerJoin('app_user as maker', 'maker.id', 'approval_request.maker_id')
    .leftJoin('institution as i', (j) => j.on(sql`i.id`, '=', sql`(approval_request.payload->>'institutionId')::int`))
    .select(['approval_request.id', 'approval_request.status', 'approval_request.current_step', 'approval_request.step_count', 'approval_request.submitted_at',
      sql<string>`approval_request.payload->'customer'->>'name'`.as('name'), sql<'personal' | 'corporate'>`approval_request.payload->'customer'->>'kind'`.as('kind'),
      'i.name as institution', 'maker.display_name as maker'])
    .where('approval_request.workflow_type', '=', OPENING_TYPE).where('approval_request.status', 'in', ['pending', 'returned'])
    .where(requestVisibleTo(actor)).orderBy('approval_request.id', 'desc').limit(50).execute();
  return { items: rows.map((r) => ({ requestId: r.id, status: r.status, step: r.current_step, stepCount: r.step_count, submittedAt: r.submitted_at,
    name: r.name, kind: r.kind, institution: r.institution, maker: r.maker })) };
}
