// 代理审批: a reviewer hands his approval steps to a colleague for a date range. The engine
// (approval.queries.ts delegatorOf, approval.service.ts decide) lets the delegate act while the
// delegation runs, under the delegator's role and charge, with maker ≠ checker and one person one
// step holding for both people. Created and cancelled by the delegator himself, audited.
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { AppError, invalid, notFound } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { actionableBy, rolesOf } from './approval.queries.ts';

const personOf = (actor: Actor) => {
  if (actor.kind !== 'user' || actor.id == null) throw new AppError('approvals.person_only', 403);
  return actor.id;
};

export interface DelegationInput { delegateUsername: string; startsOn: string; endsOn: string; reason?: string | null }

export async function createDelegation(db: Database, actor: Actor, input: DelegationInput) {
  const me = personOf(actor);
  const today = businessToday();
  if (input.startsOn < today) throw invalid({ path: 'startsOn', code: 'approvals.delegation.past' });
  if (input.endsOn < input.startsOn) throw invalid({ path: 'endsOn', code: 'approvals.delegation.ends_before_start' });
  return db.transaction().execute(async (tx) => {
    // The delegator's row locked: two overlapping delegations submitted at once cannot both pass.
    await tx.selectFrom('app_user').select('id').where('id', '=', me).forUpdate().executeTakeFirstOrThrow();
    const delegate = await tx.selectFrom('app_user').innerJoin('institution', 'institution.id', 'app_user.home_institution_id')
      .select(['app_user.id', 'app_user.display_name', 'app_user.status']).where(sql`lower(app_user.username)`, '=', input.delegateUsername.toLowerCase())
      .where('institution.path', 'like', `${actor.scopePath}%`).executeTakeFirst();
    if (!delegate || delegate.status !== 'active') throw invalid({ path: 'delegateUsername', code: 'approvals.delegation.no_such_delegate' });
    if (delegate.id === me) throw invalid({ path: 'delegateUsername', code: 'approvals.delegation.self' });
    const overlap = await tx.selectFrom('approval_delegation').select(['id', 'starts_on', 'ends_on']).where('delegator_id', '=', me).where('cancelled_at', 'is', null)
      .where('starts_on', '<=', input.endsOn).where('ends_on', '>=', input.startsOn).executeTakeFirst();
    if (overlap) throw new AppError('approvals.delegation.overlap', 409, { from: overlap.starts_on, to: overlap.ends_on });
    // The delegate's own pending requests that wait on my steps: he would check his own work.
    const roles = await rolesOf(tx, actor);
    if (roles.length) {
      const own = await tx.selectFrom('approval_request').select('id').where('maker_id', '=', delegate.id)
        .where((eb) => eb.or(roles.map((role) => actionableBy(actor, role)))).executeTakeFirst();
      if (own) throw new AppError('approvals.delegation.delegate_is_maker', 409, { openRequestId: own.id });
    }
    const row = await tx.insertInto('approval_delegation').values({ delegator_id: me, delegate_id: delegate.id, starts_on: input.startsOn, ends_on: input.endsOn, reason: input.reason?.trim() || null })
      .returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, actor, { action: 'approval.delegation.create', entityType: 'approval_delegation', entityId: row.id,
      after: { delegateId: delegate.id, startsOn: input.startsOn, endsOn: input.endsOn, reason: input.reason ?? null } });
    return { id: row.id };
  });
}

export async function cancelDelegation(db: Database, actor: Actor, id: number) {
  const me = personOf(actor);
  return db.transaction().execute(async (tx) => {
    const g = await tx.selectFrom('approval_delegation').selectAll().where('id', '=', id).where('delegator_id', '=', me).forUpdate().executeTakeFirst();
    if (!g) throw notFound('approval_delegation');
    if (g.cancelled_at) return { id, cancelled: true };
    await tx.updateTable('approval_delegation').set({ cancelled_at: new Date(), cancelled_by: me }).where('id', '=', id).execute();
    await writeAudit(tx, actor, { action: 'approval.delegation.cancel', entityType: 'approval_delegation', entityId: id, before: { startsOn: g.starts_on, endsOn: g.ends_on } });
    return { id, cancelled: true };
  });
}

/** Delegations I gave and those given to me, newest first. */
export async function listDelegations(db: Database, actor: Actor) {
  const me = personOf(actor);
  const today = businessToday();
  const rows = await db.selectFrom('approval_delegation as g').innerJoin('app_user as f', 'f.id', 'g.delegator_id').innerJoin('app_user as t', 't.id', 'g.delegate_id')
    .select(['g.id', 'g.delegator_id', 'g.starts_on', 'g.ends_on', 'g.reason', 'g.created_at', 'g.cancelled_at',
      'f.display_name as delegator', 'f.username as delegator_username', 't.display_name as delegate', 't.username as delegate_username'])
    .where((eb) => eb.or([eb('g.delegator_id', '=', me), eb('g.delegate_id', '=', me)])).orderBy('g.id', 'desc').limit(200).execute();
  return {
    items: rows.map((r) => ({
      id: r.id, direction: r.delegator_id === me ? 'given' as const : 'received' as const, delegator: r.delegator, delegatorUsername: r.delegator_username,
      delegate: r.delegate, delegateUsername: r.delegate_username, startsOn: r.starts_on, endsOn: r.ends_on, reason: r.reason, createdAt: r.created_at,
      status: r.cancelled_at ? 'cancelled' as const : r.ends_on < today ? 'ended' as const : r.starts_on > today ? 'scheduled' as const : 'active' as const,
    })),
  };
}
