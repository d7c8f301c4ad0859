// Changing a customer's scale attribute (CIF-27, REL-23, seed 000 §三(八)): "由客户经理在系统内
// 发起申请，各营销机构负责人进行审批，分行系统管理员确认后生效". The manager's application is a
// request of type 'customer.scale'; who approves and confirms is approval_step's data (migration
// 0038: 规模属性审批生效岗, then 规模属性确认生效岗). The confirmation applies it: the attribute,
// the customer's version, the field history with maker and checker, and the audit row, in the
// decision's transaction. The reviewer sees the classification's suggestion beside the request.
import { z } from 'zod';
import { bigRecordId } from '../../../common/id.ts';
import { invalid, notFound } from '../../../common/http/errors.ts';
import { multiLineText } from '../../../common/text.ts';
import type { Executor, Tx } from '../../../db/database.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import type { WorkflowType } from '../../approvals/workflow-type.ts';
import { SCALES } from './scale-rules.ts';
import { scaleSubject, suggestScale } from './scale.service.ts';

const payload = z.strictObject({ customerId: bigRecordId, scale: z.enum(SCALES), reason: multiLineText().min(1).max(200) });
export type ScaleChange = z.infer<typeof payload>;

const userOf = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

export const customerScaleChange: WorkflowType<ScaleChange> = {
  code: 'customer.scale',
  payload,
  async check(tx: Tx, maker: Actor, p: ScaleChange) {
    const c = await scaleSubject(tx, maker, p.customerId);
    if (c.status !== 'active') throw invalid({ path: 'customerId', code: 'customers.not_active' });
    if (c.scale === p.scale) throw invalid({ path: 'scale', code: 'customers.scale.unchanged' });
    return { type: 'customer', id: c.id, label: `${c.name}（${c.customer_no}）` };
  },
  // The attribute as the manager saw it: a change approved meanwhile (another request, an
  // opening correction) makes this one stale instead of silently overwriting it.
  async basis(tx: Tx, p: ScaleChange) {
    const c = await scaleSubject(tx, null, p.customerId);
    return { scale: c.scale, status: c.status };
  },
  async changes(db: Executor, p: ScaleChange) {
    const c = await scaleSubject(db, null, p.customerId);
    const suggestion = await suggestScale(db, c);
    return [
      { field: 'scale', old: c.scale, new: p.scale },
      { field: 'scaleSuggested', old: null, new: suggestion.scale },
      { field: 'scaleReason', old: null, new: p.reason },
    ];
  },
  pendingFields: () => ['scale'],
  async apply(tx: Tx, checker: Actor, p: ScaleChange, request) {
    const c = await tx.selectFrom('customer').innerJoin('corporate_customer as cc', 'cc.customer_id', 'customer.id')
      .select(['customer.id', 'customer.status', 'customer.version', 'cc.scale']).where('customer.id', '=', p.customerId)
      .forUpdate(['customer']).executeTakeFirst();
    if (!c) throw notFound('customer');
    if (c.status !== 'active') throw invalid({ path: 'customerId', code: 'customers.not_active' });
    await tx.updateTable('corporate_customer').set({ scale: p.scale }).where('customer_id', '=', p.customerId).execute();
    const { version } = await tx.updateTable('customer').set({ version: c.version + 1, updated_at: new Date() })
      .where('id', '=', p.customerId).returning('version').executeTakeFirstOrThrow();
    await tx.insertInto('customer_history').values({
      customer_id: p.customerId, field: 'scale', old_value: c.scale, new_value: p.scale, source: 'screen', changed_by: userOf(checker),
      request_id: checker.requestId, approval_request_id: request.id, maker_id: request.makerId, checker_id: userOf(checker),
    }).execute();
    await writeAudit(tx, checker, { action: 'customer.scale', entityType: 'customer', entityId: p.customerId,
      before: { scale: c.scale }, after: { scale: p.scale, reason: p.reason, approvalRequestId: request.id, makerId: request.makerId } });
    return { customerId: p.customerId, scale: p.scale, version };
  },
};
