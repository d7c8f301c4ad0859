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
 * The pending steps this person can act on: the step's role is one of his, its acting institution
 * is in his charge, he is not the maker and has not acted in this round already. One predicate
 * for the inbox, its count and the refusal of a decision, so they can never disagree.
 */
export function actionableBy(actor: Actor): Expression<SqlBool> {
  const person = me(actor);
  return sql<SqlBool>`(approval_request.status = 'pending'
    and approval_request.step_role in (select r.code from user_role ur join role r on r.id = ur.role_id where ur.user_id = ${person})
    and ${inSubtree(actor, 'approval_request.acting_institution_id')}
    and approval_request.maker_id <> ${person}
    and not exists (select 1 from approval_decision d where d.request_id = approval_request.id
                    and d.round = approval_request.round and d.actor_id = ${person} and d.decision = 'approve'))`;
}

export async function holdsRole(db: Executor, userId: number, roleCode: string): Promise<boolean> {
  const r = await db.selectFrom('user_role').innerJoin('role', 'role.id', 'user_role.role_id').select('role.id')
    .where('user_role.user_id', '=', userId).where('role.code', '=', roleCode).executeTakeFirst();
  return !!r;
}
