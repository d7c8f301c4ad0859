// CIF-20 "提前一星期发出提示": the daily job 'certificate-expiry'. For business date D it raises
// one to-do for every current certificate of an active corporate customer that expires between D
// and D+7, to the customer's primary manager (customer_manager role 'primary', still employed)
// or, when there is none, to the customer's institution; due on the expiry date. The dedupe key
// names the certificate and its expiry date, so running the job again, on the next days of the
// window, or on a second instance raises nothing new, while a renewed date gets its own reminder.
// Each new reminder is also a notification (kind certificate.expiry) to the manager, or to the
// head the institution's reminders go to, by inbox and e-mail/SMS per his preferences.
import type { Database, Tx } from '../../../db/database.ts';
import { writeAudit, type AuditActor } from '../../audit/audit.service.ts';
import { raiseTodos, type TodoInput } from '../../todos/todo.service.ts';
import { notifyRaisedTodos } from '../../notifications/notification.reminders.ts';
import { inForce } from '../../managers/relation.queries.ts';
import { EXPIRY_TODO } from './certificate.service.ts';
import { addDays, REMINDER_DAYS } from './certificate.rules.ts';

const SCHEDULER: AuditActor = { kind: 'system', id: null, name: 'scheduler', institutionId: null, ip: null, requestId: null };

export async function raiseCertificateExpiryReminders(db: Database, businessDate: string) {
  const windowEnd = addDays(businessDate, REMINDER_DAYS);
  return db.transaction().execute(async (tx: Tx) => {
    const rows = await tx.selectFrom('certificate as c')
      .innerJoin('customer as cu', 'cu.id', 'c.customer_id')
      .leftJoin('customer_manager as m', (j) => j.onRef('m.customer_id', '=', 'cu.id').on('m.role', '=', 'primary').on(inForce('m', businessDate)))
      .leftJoin('app_user as u', (j) => j.onRef('u.id', '=', 'm.user_id').on('u.status', '=', 'active'))
      .leftJoin('code_item as t', (j) => j.on('t.table_code', '=', 'corporate_certificate_type').onRef('t.code', '=', 'c.cert_type'))
      .select(['c.id', 'c.cert_type', 'c.expires_on', 'cu.id as customer_id', 'cu.customer_no', 'cu.name', 'cu.institution_id', 'u.id as manager_id', 't.name_zh', 't.name_en'])
      .where('c.status', '=', 'current').where('cu.status', '=', 'active').where('cu.kind', '=', 'corporate')
      .where('c.expires_on', '>=', businessDate).where('c.expires_on', '<=', windowEnd)
      .orderBy('c.expires_on').orderBy('c.id').execute();
    const todos: TodoInput[] = rows.map((r) => {
      const typeZh = r.name_zh ?? r.cert_type;
      return {
        kind: EXPIRY_TODO,
        title: `证件到期提醒：${r.name}（${r.customer_no}）的${typeZh}将于 ${r.expires_on} 到期`,
        // customerId: the screen a to-do opens is /customers/:id/certificates/:certId.
        params: { customerId: r.customer_id, customerName: r.name, customerNo: r.customer_no, certType: r.cert_type, certTypeZh: typeZh, certTypeEn: r.name_en ?? r.cert_type, expiresOn: r.expires_on },
        entity: { type: 'certificate', id: r.id },
        assignee: r.manager_id != null ? { userId: r.manager_id } : { institutionId: r.institution_id },
        dueOn: r.expires_on,
        dedupeKey: `${EXPIRY_TODO}:${r.id}:${r.expires_on}`,
      };
    });
    const raised = await raiseTodos(tx, todos);
    const notified = await notifyRaisedTodos(tx, 'certificate.expiry', raised);
    if (raised.length) {
      await writeAudit(tx, SCHEDULER, { action: 'certificate.expiry_reminders', entityType: 'job', entityId: 'certificate-expiry', after: { businessDate, windowEnd, todoIds: raised, notified } });
    }
    // `expiring`: certificates in the window; `raised`: reminders new today (the rest were raised before); `notified`: people told of them.
    return { businessDate, windowEnd, expiring: rows.length, raised: raised.length, notified };
  });
}
