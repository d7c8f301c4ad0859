// The paper-file check-out and check-in register (纸案档案调出调入登记, seed 001 §3.2.6): who
// took which file, why, until when. The due date is counted in working days on the maintained
// calendar, so a holiday moves it; an open loan past its due date is overdue, listed, and
// reminded by a to-do to the clerk who lent it (job archive-overdue).
import { sql } from 'kysely';
import type { Database, Executor } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { AppError, invalid, notFound } from '../../../common/http/errors.ts';
import { maskAccountNo } from '../../accounts/account.service.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import { can, type Actor } from '../../auth/actor.ts';
import { addWorkingDays } from '../../calendar/calendar.service.ts';
import { institutionInScope } from '../../org/scope.ts';
import { cancelTodos, raiseTodos } from '../../todos/todo.service.ts';
import { notifyRaisedTodos } from '../../notifications/notification.reminders.ts';
import type { CheckOutBody, LoanQuery } from './archive.schema.ts';

const LOAN_ENTITY = 'archive_loan';

export async function checkOut(db: Database, actor: Actor, positionId: number, body: CheckOutBody) {
  return db.transaction().execute(async (tx) => {
    const p = await tx.selectFrom('archive_position as p').innerJoin('archive_cabinet as c', 'c.id', 'p.cabinet_id').select(['p.id', 'p.position_no'])
      .where('p.id', '=', positionId).where(institutionInScope(actor, 'c.institution_id')).forUpdate('p').executeTakeFirst();
    if (!p) throw notFound('archive_position');
    // The position row lock makes two simultaneous check-outs queue; the second finds the first.
    const out = await tx.selectFrom('archive_loan').select(['borrower', 'due_on']).where('position_id', '=', positionId).where('returned_on', 'is', null).executeTakeFirst();
    if (out) throw new AppError('archive.already_out', 409, { borrower: out.borrower, dueOn: out.due_on });
    const today = businessToday();
    if (body.checkedOutOn && body.checkedOutOn > today) throw invalid({ path: 'checkedOutOn', code: 'archive.checked_out_in_future' });
    const outOn = body.checkedOutOn ?? today;
    const dueOn = await addWorkingDays(tx, outOn, body.workingDays);
    const row = await tx.insertInto('archive_loan').values({ position_id: positionId, borrower: body.borrower.trim(), purpose: body.purpose.trim(),
      checked_out_on: outOn, due_on: dueOn, checked_out_by: actor.kind === 'user' ? actor.id : null }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, actor, { action: 'archive.check_out', entityType: LOAN_ENTITY, entityId: row.id,
      after: { positionId, positionNo: p.position_no, borrower: body.borrower.trim(), checkedOutOn: outOn, dueOn, workingDays: body.workingDays } });
    return { id: row.id, positionNo: p.position_no, checkedOutOn: outOn, dueOn };
  });
}

export async function checkIn(db: Database, actor: Actor, loanId: number) {
  return db.transaction().execute(async (tx) => {
    const l = await tx.selectFrom('archive_loan as l').innerJoin('archive_position as p', 'p.id', 'l.position_id').innerJoin('archive_cabinet as c', 'c.id', 'p.cabinet_id')
      .select(['l.id', 'l.returned_on', 'l.due_on', 'p.position_no']).where('l.id', '=', loanId).where(institutionInScope(actor, 'c.institution_id')).forUpdate('l').executeTakeFirst();
    if (!l) throw notFound(LOAN_ENTITY);
    if (l.returned_on) throw new AppError('archive.already_returned', 409, { returnedOn: l.returned_on });
    const today = businessToday();
    await tx.updateTable('archive_loan').set({ returned_on: today, returned_by: actor.kind === 'user' ? actor.id : null }).where('id', '=', loanId).execute();
    // The overdue reminder, if one was raised, has nothing left to remind.
    await cancelTodos(tx, { type: LOAN_ENTITY, id: loanId }, 'archive.overdue');
    await writeAudit(tx, actor, { action: 'archive.check_in', entityType: LOAN_ENTITY, entityId: loanId, before: { returnedOn: null }, after: { returnedOn: today, positionNo: l.position_no, late: l.due_on < today } });
    return { id: loanId, returnedOn: today, late: l.due_on < today };
  });
}

export async function listLoans(db: Executor, actor: Actor, q: LoanQuery) {
  const asOf = q.asOf ?? businessToday();
  let base = db.selectFrom('archive_loan as l').innerJoin('archive_position as p', 'p.id', 'l.position_id').innerJoin('archive_cabinet as c', 'c.id', 'p.cabinet_id')
    .innerJoin('document_flow as f', 'f.id', 'p.flow_id').leftJoin('app_user as u', 'u.id', 'l.checked_out_by')
    .where(institutionInScope(actor, 'c.institution_id'));
  if (q.state === 'open') base = base.where('l.returned_on', 'is', null);
  if (q.state === 'overdue') base = base.where('l.returned_on', 'is', null).where('l.due_on', '<', asOf);
  if (q.state === 'returned') base = base.where('l.returned_on', 'is not', null);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.select(['l.id', 'l.borrower', 'l.purpose', 'l.checked_out_on', 'l.due_on', 'l.returned_on', 'p.id as position_id', 'p.position_no',
    'f.flow_no', 'f.account_no', 'f.account_name', 'u.display_name as lent_by'])
    .orderBy('l.due_on').orderBy('l.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const unmasked = can(actor, 'customer.sensitive.read');
  return {
    total: Number(total), asOf,
    items: rows.map((r) => ({ id: r.id, borrower: r.borrower, purpose: r.purpose, checkedOutOn: r.checked_out_on, dueOn: r.due_on, returnedOn: r.returned_on,
      overdue: !r.returned_on && r.due_on < asOf, position: { id: r.position_id, positionNo: r.position_no }, flowNo: r.flow_no,
      accountNo: unmasked ? r.account_no : maskAccountNo(r.account_no), accountName: r.account_name, lentBy: r.lent_by })),
  };
}

/**
 * The daily reminder (job archive-overdue): one to-do per overdue file to the clerk who lent it
 * (or, when the system lent it, to the cabinet's institution), and a notification of it (kind
 * archive.overdue) to that clerk or the institution's head. Dedupe keys make a second run a no-op.
 */
export async function raiseOverdueReminders(db: Database, businessDate: string) {
  const rows = await db.selectFrom('archive_loan as l').innerJoin('archive_position as p', 'p.id', 'l.position_id').innerJoin('archive_cabinet as c', 'c.id', 'p.cabinet_id')
    .innerJoin('document_flow as f', 'f.id', 'p.flow_id')
    .select(['l.id', 'l.borrower', 'l.due_on', 'l.checked_out_by', 'c.institution_id', 'p.position_no', 'f.account_name'])
    .where('l.returned_on', 'is', null).where('l.due_on', '<', businessDate).execute();
  const { created, notified } = await db.transaction().execute(async (tx) => {
    const ids = await raiseTodos(tx, rows.map((r) => ({
      kind: 'archive.overdue', title: `档案逾期未归还：${r.position_no}（${r.account_name}），借阅人 ${r.borrower}，应于 ${r.due_on} 归还`,
      params: { positionNo: r.position_no, accountName: r.account_name, borrower: r.borrower, dueOn: r.due_on },
      entity: { type: LOAN_ENTITY, id: r.id }, assignee: r.checked_out_by ? { userId: r.checked_out_by } : { institutionId: r.institution_id },
      dueOn: r.due_on, dedupeKey: `archive.overdue:${r.id}`,
    })));
    return { created: ids, notified: await notifyRaisedTodos(tx, 'archive.overdue', ids) };
  });
  return { overdue: rows.length, raised: created.length, notified };
}

/** Used by the demo book: how many files are out. */
export const openLoans = (db: Executor) => db.selectFrom('archive_loan').select(sql<number>`count(*)`.as('n')).where('returned_on', 'is', null).executeTakeFirstOrThrow();
