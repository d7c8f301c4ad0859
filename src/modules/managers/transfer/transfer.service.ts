// Submitting a transfer of primary rights: a list of customers, or a departing manager's whole
// book expanded here to the list (the customers in the submitter's charge whose primary in force
// today is that manager), so the one request lists them all and the reviewer sees each.
import type { Database } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { invalid } from '../../../common/http/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { submitRequest } from '../../approvals/approval.service.ts';
import { customerInScope } from '../../customers/customer.queries.ts';
import { institutionInScope } from '../../org/scope.ts';
import { inForce } from '../relation.queries.ts';
import { managerChoices } from '../charge.service.ts';
import { MAX_TRANSFER_CUSTOMERS, type TransferBody, type TransferPayload } from './transfer.schema.ts';
import { customerTransfer } from './transfer.workflow.ts';

/** The active customers in the actor's charge whose primary manager in force today is `managerId`, in id order. */
async function bookOf(db: Database, actor: Actor, managerId: number): Promise<number[]> {
  const today = businessToday();
  const rows = await db.selectFrom('customer').innerJoin('customer_manager as m', 'm.customer_id', 'customer.id')
    .select('customer.id').where('m.user_id', '=', managerId).where('m.role', '=', 'primary').where(inForce('m', today))
    .where('customer.status', '=', 'active').where(customerInScope(actor)).orderBy('customer.id').limit(MAX_TRANSFER_CUSTOMERS + 1).execute();
  return rows.map((r) => Number(r.id));
}

export async function submitTransfer(db: Database, actor: Actor, body: TransferBody) {
  const { selection, ...rest } = body;
  let customerIds: number[];
  if ('customerIds' in selection) customerIds = [...new Set(selection.customerIds)].sort((a, b) => a - b);
  else {
    customerIds = await bookOf(db, actor, body.fromManagerId);
    if (!customerIds.length) throw invalid({ path: 'fromManagerId', code: 'managers.transfer.no_customers' });
    if (customerIds.length > MAX_TRANSFER_CUSTOMERS) throw invalid({ path: 'selection', code: 'managers.transfer.too_many', params: { max: MAX_TRANSFER_CUSTOMERS } });
  }
  // The check runs again on the list under the customers' locks: a customer given to someone else
  // between the expansion and the submission refuses the request rather than riding along.
  const payload: TransferPayload = { ...rest, customerIds, wholeBook: !('customerIds' in selection) };
  return { ...(await submitRequest(db, actor, customerTransfer, payload)), count: customerIds.length };
}

/**
 * The managers a transfer form offers. `to`: active managers anywhere in the bank (a transfer may
 * cross branches; the steps bring in the institutions concerned). `from`: managers homed in the
 * caller's charge, departed ones included (their books are what a head hands over), with how many
 * customers in the caller's charge each is the primary of today; a manager is offered only himself.
 */
export async function transferManagers(db: Database, actor: Actor, side: 'from' | 'to', q: string | undefined) {
  const today = businessToday();
  let query = managerChoices(db, q);
  if (side === 'to') return { items: await query.where('u.status', '=', 'active').execute() };
  if (actor.dataScope === 'own') query = query.where('u.id', '=', actor.id ?? -1);
  else query = query.where(institutionInScope(actor, 'u.home_institution_id'));
  const rows = await query.select((eb) => eb.selectFrom('customer_manager as m').innerJoin('customer', 'customer.id', 'm.customer_id')
    .select(eb.fn.countAll<string>().as('n')).whereRef('m.user_id', '=', 'u.id').where('m.role', '=', 'primary').where(inForce('m', today))
    .where('customer.status', '=', 'active').where(customerInScope(actor)).as('primaryCustomers')).execute();
  return { items: rows.map((r) => ({ ...r, primaryCustomers: Number(r.primaryCustomers ?? 0) })) };
}
