// SQL of the engine that more than one service uses: who may see a request, who may act on its
// current step (the inbox), and the request row as the services read it.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';

const me = (actor: Actor) => (actor.kind === 'user' ? actor.id! : -1);
const inSubtree = (actor: Actor, column: string) =>
  sql<SqlBool>`${sql.ref(column)} in (select scope_i.id from institution scope_i where scope_i.path like ${actor.scopePath + '%'})`;

/**
 * A request is seen by its maker and, for institution-wide roles, wherever its maker's or its
 * current acting institution lies in the actor's charge. Customer managers ('own' scope) see
 * only their own requests: the subjects of colleagues' requests are not theirs to read.
 */
export function requestVisibleTo(actor: Actor): Expression<SqlBool> {
  const mine = sql<SqlBool>`approval_request.maker_id = ${me(actor)}`;
  if (actor.kind !== 'system' && actor.dataScope === 'own') return mine;
  return sql<SqlBool>`(${mine} or ${inSubtree(actor, 'approval_request.maker_institution_id')} or ${inSubtree(actor, 'approval_request.acting_institution_id')})`;
}

/**
 * The pending steps of one step role this person can act on: its acting institution is in his
 * charge, he is not the maker and has not approved a step of this round already. One predicate
 * for the inbox, the drawer's "may decide" and the correction of the badge count, so they agree.
 * Taken one role at a time: `step_role = $role` lets the inbox read the index in due order and
 * stop after one page.
 */
export function actionableBy(actor: Actor, role: string): Expression<SqlBool> {
  const person = me(actor);
  return sql<SqlBool>`(approval_request.status = 'pending' and approval_request.step_role = ${role}
    and ${inSubtree(actor, 'approval_request.acting_institution_id')}
    and approval_request.maker_id <> ${person}
    and not exists (select 1 from approval_decision d where d.request_id = approval_request.id
                    and d.round = approval_request.round and (d.actor_id = ${person} or d.on_behalf_of = ${person}) and d.decision = 'approve'))`;
}

/**
 * The delegators (代理审批) on whose behalf this person may act on the pending step of
 * approval_request today: an active delegation to him, the delegator an active holder of the
 * step's role whose charge covers the acting institution, neither of the two the maker, and
 * neither of them having approved a step of this round (by himself or through the other).
 * As a scalar: the first such delegator's id, or null.
 */
export function delegatorOf(actor: Actor, today: string, strict = true) {
  const person = me(actor);
  // Loose (for a decision): only the delegation, role and charge, so the service can name the
  // rule a decision breaks (maker = checker, two steps) instead of a vague "no right".
  const rules = strict ? sql`and approval_request.maker_id <> p.id and approval_request.maker_id <> ${person}
       and not exists (select 1 from approval_decision d where d.request_id = approval_request.id and d.round = approval_request.round and d.decision = 'approve'
                         and (d.actor_id in (p.id, ${person}) or d.on_behalf_of in (p.id, ${person})))` : sql``;
  return sql<number | null>`(select g.delegator_id from approval_delegation g
      join app_user p on p.id = g.delegator_id and p.status = 'active'
      join institution charge on charge.id = p.managing_institution_id
     where g.delegate_id = ${person} and g.cancelled_at is null and g.starts_on <= ${today} and g.ends_on >= ${today}
       and approval_request.status = 'pending'
       and exists (select 1 from user_role ur join role ro on ro.id = ur.role_id where ur.user_id = p.id and ro.code = approval_request.step_role)
       and (select a.path from institution a where a.id = approval_request.acting_institution_id) like charge.path || '%'
       ${rules}
     order by g.delegator_id limit 1)`;
}

/** Someone's delegation (代理审批) to this person runs today: the cheap test before delegatorOf. */
export function delegationRunning(actor: Actor, today: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from approval_delegation g where g.delegate_id = ${me(actor)} and g.cancelled_at is null
    and g.starts_on <= ${today} and g.ends_on >= ${today})`;
}

/** A pending step this person may act on for someone who delegated to him. */
export function delegatedActionable(actor: Actor, today: string): Expression<SqlBool> {
  return sql<SqlBool>`(${delegatorOf(actor, today)} is not null)`;
}

/** The roles a person holds: the step roles his inbox is made of. A token or the system holds none. */
export async function rolesOf(db: Executor, actor: Actor): Promise<string[]> {
  if (actor.kind !== 'user') return [];
  const rows = await db.selectFrom('user_role').innerJoin('role', 'role.id', 'user_role.role_id').select('role.code')
    .where('user_role.user_id', '=', actor.id!).orderBy('role.code').execute();
  return rows.map((r) => r.code);
}
