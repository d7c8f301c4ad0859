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
                    and d.round = approval_request.round and d.actor_id = ${person} and d.decision = 'approve'))`;
}

/** The roles a person holds: the step roles his inbox is made of. A token or the system holds none. */
export async function rolesOf(db: Executor, actor: Actor): Promise<string[]> {
  if (actor.kind !== 'user') return [];
  const rows = await db.selectFrom('user_role').innerJoin('role', 'role.id', 'user_role.role_id').select('role.code')
    .where('user_role.user_id', '=', actor.id!).orderBy('role.code').execute();
  return rows.map((r) => r.code);
}
