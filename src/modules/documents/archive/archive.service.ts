// The paper archive (档案管理, CIF-43; seed 001 §3.2.6): cabinets with a number of cells and of
// files per cell; the paper of received flows filed into positions numbered automatically, a batch
// in the order customer number → branch → account number (档案存放规律 客户号→社别→账号).
import { sql } from 'kysely';
import type { Database, Executor } from '../../../db/database.ts';
import { AppError, invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import { maskAccountNo } from '../../accounts/account.service.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import { can, type Actor } from '../../auth/actor.ts';
import { institutionInScope } from '../../org/scope.ts';
import { flowVisibleTo } from '../transfer/flow.queries.ts';
import { placeOf, positionNo, type CabinetBody } from './archive.schema.ts';

export const FILEABLE = ['received', 'in_review', 'completed'] as const;

export async function listCabinets(db: Executor, actor: Actor) {
  const rows = await db.selectFrom('archive_cabinet as c').innerJoin('institution as i', 'i.id', 'c.institution_id')
    .select(['c.id', 'c.code', 'c.name', 'c.cell_count', 'c.copies_per_cell', 'c.institution_id', 'i.name as institution_name',
      sql<number>`(select count(*) from archive_position p where p.cabinet_id = c.id)`.as('used')])
    .where(institutionInScope(actor, 'c.institution_id')).orderBy('i.path').orderBy('c.code').execute();
  return { items: rows.map((r) => ({ id: r.id, code: r.code, name: r.name, cellCount: r.cell_count, copiesPerCell: r.copies_per_cell,
    capacity: r.cell_count * r.copies_per_cell, used: Number(r.used), institution: { id: r.institution_id, name: r.institution_name } })) };
}

export async function createCabinet(db: Database, actor: Actor, body: CabinetBody) {
  return db.transaction().execute(async (tx) => {
    const inst = await tx.selectFrom('institution').select('id').where('id', '=', body.institutionId).where(institutionInScope(actor, 'id')).executeTakeFirst();
    if (!inst) throw invalid({ path: 'institutionId', code: 'archive.outside_institution' });
    const taken = await tx.selectFrom('archive_cabinet').select('id').where('institution_id', '=', body.institutionId)
      .where(sql`upper(code)`, '=', body.code.toUpperCase()).executeTakeFirst();
    if (taken) throw invalid({ path: 'code', code: 'archive.code_taken', params: { code: body.code } });
    const row = await tx.insertInto('archive_cabinet').values({ institution_id: body.institutionId, code: body.code.toUpperCase(), name: body.name.trim(),
      cell_count: body.cellCount, copies_per_cell: body.copiesPerCell, created_by: actor.kind === 'user' ? actor.id : null }).returning('id').executeTakeFirstOrThrow();
    await writeAudit(tx, actor, { action: 'archive_cabinet.create', entityType: 'archive_cabinet', entityId: row.id, after: { ...body, code: body.code.toUpperCase() } });
    return { id: row.id };
  });
}

async function cabinetInScope(db: Executor, actor: Actor, id: number, lock = false) {
  let q = db.selectFrom('archive_cabinet as c').innerJoin('institution as i', 'i.id', 'c.institution_id')
    .selectAll('c').select('i.path').where('c.id', '=', id).where(institutionInScope(actor, 'c.institution_id'));
  if (lock) q = q.forUpdate('c');
  const c = await q.executeTakeFirst();
  if (!c) throw notFound('archive_cabinet');
  return c;
}

/** Flows whose paper is at a centre under the cabinet's institution and not yet filed: the filing list. */
export async function flowsToFile(db: Database, actor: Actor, cabinetId: number) {
  const c = await cabinetInScope(db, actor, cabinetId);
  const rows = await db.selectFrom('document_flow as f').innerJoin('institution as centre', 'centre.id', 'f.branch_id')
    .innerJoin('customer', 'customer.id', 'f.customer_id').innerJoin('institution as sender', 'sender.id', 'f.institution_id')
    .select(['f.id', 'f.flow_no', 'f.status', 'f.account_no', 'f.account_name', 'customer.customer_no', 'sender.name as institution_name'])
    .where(flowVisibleTo(actor)).where('f.status', 'in', [...FILEABLE]).where('centre.path', 'like', `${c.path}%`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('archive_position as p').select('p.id').whereRef('p.flow_id', '=', 'f.id'))))
    .orderBy('customer.customer_no').orderBy('sender.code').orderBy('f.account_no').limit(500).execute();
  const unmasked = can(actor, 'customer.sensitive.read');
  return { items: rows.map((r) => ({ id: r.id, flowNo: r.flow_no, status: r.status, accountNo: unmasked ? r.account_no : maskAccountNo(r.account_no),
    accountName: r.account_name, customerNo: r.customer_no, institutionName: r.institution_name })) };
}

/**
 * Files the paper of these flows into the cabinet: every flow is checked and every refusal
 * reported (paths flowIds.N); nothing is filed unless all pass and the cabinet has room. The
 * cabinet row is locked, so two clerks filing at once get consecutive positions, never the same.
 */
export async function fileFlows(db: Database, actor: Actor, cabinetId: number, flowIds: number[]) {
  return db.transaction().execute(async (tx) => {
    const c = await cabinetInScope(tx, actor, cabinetId, true);
    const flows = await tx.selectFrom('document_flow as f').innerJoin('institution as centre', 'centre.id', 'f.branch_id')
      .innerJoin('customer', 'customer.id', 'f.customer_id').innerJoin('institution as sender', 'sender.id', 'f.institution_id')
      .leftJoin('archive_position as p', 'p.flow_id', 'f.id')
      .select(['f.id', 'f.status', 'f.customer_id', 'f.account_id', 'f.account_no', 'customer.customer_no', 'sender.code as sender_code', 'centre.path as centre_path', 'p.position_no'])
      .where('f.id', 'in', flowIds).where(flowVisibleTo(actor)).execute();
    const byId = new Map(flows.map((f) => [f.id, f]));
    const errors: FieldError[] = [];
    const seen = new Set<number>();
    flowIds.forEach((id, n) => {
      const f = byId.get(id);
      const path = `flowIds.${n}`;
      if (!f || seen.has(id)) errors.push({ path, code: f ? 'archive.flow_listed_twice' : 'common.not_found', params: { entity: 'entity.document_flow' } });
      else if (f.position_no) errors.push({ path, code: 'archive.flow_already_filed', params: { positionNo: f.position_no } });
      else if (!(FILEABLE as readonly string[]).includes(f.status)) errors.push({ path, code: 'archive.flow_not_ready' });
      else if (!f.centre_path.startsWith(c.path)) errors.push({ path, code: 'archive.flow_outside_cabinet' });
      seen.add(id);
    });
    if (errors.length) throw invalid(...errors);
    const { maxSeq } = await tx.selectFrom('archive_position').select((eb) => eb.fn.max<number | null>('seq').as('maxSeq')).where('cabinet_id', '=', c.id).executeTakeFirstOrThrow();
    const capacity = c.cell_count * c.copies_per_cell;
    const used = Number(maxSeq ?? 0);
    if (used + flowIds.length > capacity) throw new AppError('archive.cabinet_full', 409, { code: c.code, free: capacity - used, wanted: flowIds.length });
    // 档案存放规律: customer number, then the sending institution (社别), then account number.
    const ordered = [...byId.values()].sort((a, b) => a.customer_no.localeCompare(b.customer_no) || a.sender_code.localeCompare(b.sender_code) || a.account_no.localeCompare(b.account_no));
    const userId = actor.kind === 'user' ? actor.id : null;
    const values = ordered.map((f, n) => {
      const seq = used + n + 1;
      const { cellNo, slotNo } = placeOf(seq, c.copies_per_cell);
      return { cabinet_id: c.id, seq, cell_no: cellNo, slot_no: slotNo, position_no: positionNo(c.code, cellNo, slotNo), flow_id: f.id, customer_id: f.customer_id, account_id: f.account_id, filed_by: userId };
    });
    const rows = await tx.insertInto('archive_position').values(values).returning(['id', 'flow_id', 'position_no']).execute();
    await writeAudit(tx, actor, { action: 'archive.file', entityType: 'archive_cabinet', entityId: c.id, after: { positions: rows.map((r) => ({ flowId: r.flow_id, positionNo: r.position_no })) } });
    return { items: rows.map((r) => ({ id: r.id, flowId: r.flow_id, positionNo: r.position_no })) };
  });
}

export async function listPositions(db: Executor, actor: Actor, q: { cabinetId?: number; page: number; pageSize: number }) {
  let base = db.selectFrom('archive_position as p').innerJoin('archive_cabinet as c', 'c.id', 'p.cabinet_id').innerJoin('document_flow as f', 'f.id', 'p.flow_id')
    .innerJoin('customer', 'customer.id', 'p.customer_id').leftJoin('archive_loan as l', (j) => j.onRef('l.position_id', '=', 'p.id').on('l.returned_on', 'is', null))
    .where(institutionInScope(actor, 'c.institution_id'));
  if (q.cabinetId) base = base.where('p.cabinet_id', '=', q.cabinetId);
  const { total } = await base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await base.select(['p.id', 'p.position_no', 'p.cell_no', 'p.slot_no', 'c.code as cabinet_code', 'c.id as cabinet_id', 'f.id as flow_id', 'f.flow_no', 'f.account_no', 'f.account_name',
    'customer.customer_no', 'p.filed_at', 'l.id as loan_id', 'l.borrower', 'l.due_on'])
    .orderBy('c.code').orderBy('p.seq').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
  const unmasked = can(actor, 'customer.sensitive.read');
  return {
    total: Number(total),
    items: rows.map((r) => ({ id: r.id, positionNo: r.position_no, cellNo: r.cell_no, slotNo: r.slot_no, cabinet: { id: r.cabinet_id, code: r.cabinet_code },
      flow: { id: r.flow_id, flowNo: r.flow_no }, accountNo: unmasked ? r.account_no : maskAccountNo(r.account_no), accountName: r.account_name, customerNo: r.customer_no,
      filedAt: r.filed_at, out: r.loan_id ? { loanId: r.loan_id, borrower: r.borrower, dueOn: r.due_on } : null })),
  };
}
