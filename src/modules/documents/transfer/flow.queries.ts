// SQL of the document flows: who sees a flow, where its centre is, and the account it is about.
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '../../../db/database.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { institutionInScope } from '../../org/scope.ts';

/**
 * A flow is seen by the institutions that sent it and by the centre that receives it (its
 * branch), each through the data-scope subtree. A customer manager ('own' scope) sees only the
 * flows he made himself.
 */
export function flowVisibleTo(actor: Actor, alias = 'f'): Expression<SqlBool> {
  const inTree = sql<SqlBool>`(${institutionInScope(actor, `${alias}.institution_id`)} or ${institutionInScope(actor, `${alias}.branch_id`)})`;
  if (actor.kind === 'system' || actor.dataScope === 'institution') return inTree;
  return sql<SqlBool>`(${inTree} and ${sql.ref(`${alias}.created_by`)} = ${actor.kind === 'user' ? actor.id : -1})`;
}

/** The branch (level 2) an institution belongs to, or null for the head office. */
export async function branchOf(db: Executor, institutionId: number) {
  const inst = await db.selectFrom('institution').select(['path', 'level']).where('id', '=', institutionId).executeTakeFirstOrThrow();
  const branchId = Number(inst.path.split('/').filter(Boolean)[1]);
  if (!branchId) return null;
  return db.selectFrom('institution').select(['id', 'code', 'name', 'path']).where('id', '=', branchId).executeTakeFirstOrThrow();
}

/**
 * The account by its number if its customer is in the actor's scope, with the account name
 * (the customer's name: 户名). Another branch's account answers as not found.
 */
export function scopedAccount(db: Executor, actor: Actor, accountNo: string) {
  return db.selectFrom('account as a').innerJoin('customer', 'customer.id', 'a.customer_id')
    .select(['a.id', 'a.account_no', 'a.customer_id', 'a.status', 'customer.name', 'customer.customer_no'])
    .where('a.account_no', '=', accountNo).where(customerInScope(actor)).executeTakeFirst();
}
