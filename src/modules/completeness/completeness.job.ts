// The daily job 'completeness-overdue': every overdue new customer (completeness.service.ts)
// becomes a to-do on the workbench of its primary manager, or of its institution when it has none,
// due on the deadline it missed. The dedupe key names the customer, so a second run raises
// nothing; a customer no longer overdue (completed, or deleted) has its open to-do withdrawn.
// Each new to-do is also a notification (kind completeness.overdue) to the manager, or to the head
// the institution's reminders go to.
import { sql } from 'kysely';
import type { Database, Tx } from '../../db/database.ts';
import { writeAudit, type AuditActor } from '../audit/audit.service.ts';
import { raiseTodos, type TodoInput } from '../todos/todo.service.ts';
import { findOverdue } from './completeness.service.ts';
import { notifyRaisedTodos } from '../notifications/notification.reminders.ts';

export const COMPLETENESS_TODO = 'completeness_overdue';
const SCHEDULER: AuditActor = { kind: 'system', id: null, name: 'scheduler', institutionId: null, ip: null, requestId: null };
const GAP_ZH: Record<string, string> = { manager: '管户客户经理', information: '必填信息', scale: '规模属性' };

export async function raiseCompletenessTodos(db: Database, businessDate: string) {
  return db.transaction().execute(async (tx: Tx) => {
    const overdue = await findOverdue(tx, null, { today: businessDate });
    const todos: TodoInput[] = overdue.map((r) => ({
      kind: COMPLETENESS_TODO,
      title: `信息完整性逾期：${r.name}（${r.customerNo}）开户已超过三个工作日，仍缺${r.gaps.map((g) => GAP_ZH[g]).join('、')}`,
      params: { customerId: r.customerId, customerName: r.name, customerNo: r.customerNo, deadline: r.deadline, gaps: r.gaps },
      entity: { type: 'customer', id: r.customerId },
      assignee: r.primaryManagerId != null ? { userId: r.primaryManagerId } : { institutionId: r.institutionId },
      dueOn: r.deadline,
      dedupeKey: `${COMPLETENESS_TODO}:${r.customerId}`,
    }));
    const raised = await raiseTodos(tx, todos);
    const notified = await notifyRaisedTodos(tx, 'completeness.overdue', raised);
    const still = overdue.map((r) => String(r.customerId));
    const withdrawn = await tx.updateTable('todo').set({ status: 'cancelled', done_at: new Date() })
      .where('kind', '=', COMPLETENESS_TODO).where('status', '=', 'open')
      .where((eb) => (still.length ? eb('entity_id', '!=', sql<string>`all(${sql.val(still)}::text[])`) : eb.val(true)))
      .returning('id').execute();
    if (raised.length || withdrawn.length) {
      await writeAudit(tx, SCHEDULER, { action: 'completeness.overdue_todos', entityType: 'job', entityId: 'completeness-overdue',
        after: { businessDate, raised, withdrawn: withdrawn.map((w) => w.id), notified } });
    }
    return { businessDate, overdue: overdue.length, raised: raised.length, withdrawn: withdrawn.length, notified };
  });
}
