// Deleting a customer under review (issue 12 item 2, issue 13): the manager's delete is a request;
// the checkers of approval_step 'customer.delete' approve it, and the last approval marks the
// customer deleted. Until then, and if it is returned, the customer stays as he is.
import { sql } from 'kysely';
import { z } from 'zod';
import { bigRecordId } from '../../../common/id.ts';
import { invalid, notFound } from '../../../common/http/errors.ts';
import { multiLineText } from '../../../common/text.ts';
import type { Executor, Tx } from '../../../db/database.ts';
import { holdingsColumns, holdingsOf } from '../../accounts/holdings.ts';
import type { Actor } from '../../auth/actor.ts';
import type { WorkflowType } from '../../approvals/workflow-type.ts';
import { customerInScope } from '../customer.queries.ts';
import { setCustomerStatus } from '../customer.service.ts';

const payload = z.strictObject({ customerId: bigRecordId, reason: multiLineText().min(1).max(200) });
export type CustomerDeletion = z.infer<typeof payload>;

const current = (db: Executor, id: number) => db.selectFrom('customer').select(['status', 'version']).where('id', '=', id).executeTakeFirst();

export const customerDeletion: WorkflowType<CustomerDeletion> = {
  code: 'customer.delete',
  payload,
  async check(tx: Tx, maker: Actor, p: CustomerDeletion) {
    const c = await tx.selectFrom('customer').select(['id', 'customer_no', 'name', 'status', 'version', ...holdingsColumns(sql.ref('customer.id'))])
      .where('id', '=', p.customerId).where(customerInScope(maker)).executeTakeFirst();
    if (!c) throw notFound('customer');
    if (c.status === 'merged') throw invalid({ path: 'id', code: 'customers.merged' });
    if (c.status === 'deleted') throw invalid({ path: 'id', code: 'customers.already_deleted' });
    // Refused at once rather than after two reviewers: the customer still banks with us.
    const held = holdingsOf(c);
    if (held.accounts || held.loans || held.signings || held.alerts) throw invalid({ path: 'id', code: 'customers.delete_holdings', params: { ...held } });
    // The basis as `basis` below reads it, from the same read.
    return { type: 'customer', id: c.id, label: `${c.name}（${c.customer_no}）`, basis: { status: c.status, version: c.version } };
  },
  // Any change to the customer after submission (a new document, a feed update, a reactivation)
  // means the reviewers approved a deletion of a record that no longer is what they saw. Compared
  // at apply on the customer row setCustomerStatus locks (basisCheckedInApply).
  basisCheckedInApply: true,
  async basis(tx: Tx, p: CustomerDeletion) {
    const c = await current(tx, p.customerId);
    return { status: c?.status ?? null, version: c?.version ?? null };
  },
  async changes(db: Executor, p: CustomerDeletion) {
    const c = await current(db, p.customerId);
    return [{ field: 'status', old: c?.status ?? null, new: 'deleted' }, { field: 'statusReason', old: null, new: p.reason }];
  },
  // setCustomerStatus checks the holdings again: an account opened since submission refuses it.
  async apply(tx: Tx, checker: Actor, p: CustomerDeletion, request) {
    await setCustomerStatus(tx, checker, p.customerId, 'deleted', p.reason,
      { requestId: request.id, makerId: request.makerId, assertBasis: (c) => request.assertBasis({ status: c.status, version: c.version }) });
    return { customerId: p.customerId, status: 'deleted' };
  },
};
