// CIF-28 非财务信息: what a credit officer writes about a company beyond its figures — quality of
// management, ownership, products and market position, related parties, adverse records. One
// current record per customer; every change of a note leaves a field-history row
// (`nonFinancial.<note>`, CIF-46), so earlier assessments stay readable.
import type { Database, Tx } from '../../../db/database.ts';
import { conflict, invalid, notFound } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { changedBy, type ChangedBy } from '../blacklist/blacklist.service.ts';
import { creditCustomer, lockCreditCustomer, orNull, userOf } from './credit-info.common.ts';
import { NON_FINANCIAL_FIELDS, type CreateNonFinancial, type NonFinancialField, type UpdateNonFinancial } from './credit-info.schema.ts';
import { historyCustomerIds } from '../merge/merge.service.ts';

export type Notes = Record<NonFinancialField, string | null>;
export const NON_FINANCIAL_PREFIX = 'nonFinancial.';

export function notesOf(row: Record<string, unknown> | undefined): Notes {
  return Object.fromEntries(NON_FINANCIAL_FIELDS.map((f) => [f.key, (row?.[f.column] as string | null | undefined) ?? null])) as Notes;
}
export const columnsOf = (n: Notes) => Object.fromEntries(NON_FINANCIAL_FIELDS.map((f) => [f.column, n[f.key]])) as Record<(typeof NON_FINANCIAL_FIELDS)[number]['column'], string | null>;

/** Field-history rows for the notes that changed; also used by the merge (source 'merge'). */
export async function writeNotesHistory(tx: Tx, by: ChangedBy, customerId: number, before: Notes, after: Notes, source: 'screen' | 'merge') {
  const rows = NON_FINANCIAL_FIELDS.filter((f) => before[f.key] !== after[f.key]).map((f) => ({
    customer_id: customerId, field: `${NON_FINANCIAL_PREFIX}${f.key}`, old_value: before[f.key], new_value: after[f.key],
    source, changed_by: by.userId, request_id: by.requestId,
  }));
  if (rows.length) await tx.insertInto('customer_history').values(rows).execute();
  return rows.map((r) => r.field.slice(NON_FINANCIAL_PREFIX.length) as NonFinancialField);
}

/** The current notes (null when none were ever written) and their history, newest first, merged records' included. */
export async function getNonFinancial(db: Database, actor: Actor, customerId: number) {
  await creditCustomer(db, actor, customerId);
  const row = await db.selectFrom('customer_non_financial as n').leftJoin('app_user as u', 'u.id', 'n.updated_by')
    .selectAll('n').select('u.display_name as updatedByName').where('n.customer_id', '=', customerId).executeTakeFirst();
  const history = await db.selectFrom('customer_history as h').leftJoin('app_user as u', 'u.id', 'h.changed_by')
    .select(['h.id', 'h.field', 'h.old_value as oldValue', 'h.new_value as newValue', 'h.source', 'u.display_name as changedBy', 'h.changed_at as changedAt'])
    .where('h.customer_id', 'in', historyCustomerIds(customerId)).where('h.field', 'like', `${NON_FINANCIAL_PREFIX}%`)
    .orderBy('h.id', 'desc').limit(200).execute();
  return {
    current: row ? { ...notesOf(row), version: row.version, updatedAt: row.updated_at, updatedBy: row.updatedByName } : null,
    history: history.map((h) => ({ ...h, field: h.field.slice(NON_FINANCIAL_PREFIX.length) })),
  };
}

const given = (input: Partial<Record<NonFinancialField, string | null | undefined>>) =>
  Object.fromEntries(NON_FINANCIAL_FIELDS.filter((f) => input[f.key] !== undefined).map((f) => [f.key, orNull(input[f.key])])) as Partial<Notes>;

export async function createNonFinancial(db: Database, actor: Actor, customerId: number, input: CreateNonFinancial) {
  const notes: Notes = { ...notesOf(undefined), ...given(input) };
  if (NON_FINANCIAL_FIELDS.every((f) => notes[f.key] === null)) throw invalid({ path: 'managementQuality', code: 'credit.non_financial.empty' });
  return db.transaction().execute(async (tx) => {
    const c = await lockCreditCustomer(tx, actor, customerId);
    const existing = await tx.selectFrom('customer_non_financial').select('version').where('customer_id', '=', customerId).executeTakeFirst();
    if (existing) throw invalid({ path: 'id', code: 'credit.non_financial.exists', params: { version: existing.version } });
    const row = await tx.insertInto('customer_non_financial').values({ customer_id: customerId, ...columnsOf(notes), updated_by: userOf(actor) })
      .returning('version').executeTakeFirstOrThrow();
    const changed = await writeNotesHistory(tx, changedBy(actor), customerId, notesOf(undefined), notes, 'screen');
    await writeAudit(tx, actor, { action: 'customer.non_financial.create', entityType: 'customer', entityId: customerId,
      after: { customerNo: c.customer_no, ...Object.fromEntries(changed.map((k) => [k, notes[k]])) } });
    return { customerId, version: row.version };
  });
}

async function lockNotes(tx: Tx, customerId: number) {
  const row = await tx.selectFrom('customer_non_financial').selectAll().where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
  if (!row) throw notFound('customer_non_financial');
  return row;
}

export async function updateNonFinancial(db: Database, actor: Actor, customerId: number, patch: UpdateNonFinancial) {
  return db.transaction().execute(async (tx) => {
    const c = await lockCreditCustomer(tx, actor, customerId);
    const row = await lockNotes(tx, customerId);
    if (row.version !== patch.version) throw conflict();
    const before = notesOf(row);
    const after: Notes = { ...before, ...given(patch) };
    const changed = NON_FINANCIAL_FIELDS.filter((f) => before[f.key] !== after[f.key]).map((f) => f.key);
    if (!changed.length) return { customerId, version: row.version, changed: 0 };
    const updated = await tx.updateTable('customer_non_financial').set({ ...columnsOf(after), updated_by: userOf(actor), updated_at: new Date(), version: row.version + 1 })
      .where('customer_id', '=', customerId).returning('version').executeTakeFirstOrThrow();
    await writeNotesHistory(tx, changedBy(actor), customerId, before, after, 'screen');
    const pick = (n: Notes) => Object.fromEntries(changed.map((k) => [k, n[k]]));
    await writeAudit(tx, actor, { action: 'customer.non_financial.update', entityType: 'customer', entityId: customerId,
      before: pick(before), after: { customerNo: c.customer_no, ...pick(after) } });
    return { customerId, version: updated.version, changed: changed.length };
  });
}

/** Clears the notes. The row goes; its text stays in the field history, old → empty. */
export async function deleteNonFinancial(db: Database, actor: Actor, customerId: number) {
  return db.transaction().execute(async (tx) => {
    const c = await lockCreditCustomer(tx, actor, customerId);
    const row = await lockNotes(tx, customerId);
    await tx.deleteFrom('customer_non_financial').where('customer_id', '=', customerId).execute();
    const before = notesOf(row);
    const changed = await writeNotesHistory(tx, changedBy(actor), customerId, before, notesOf(undefined), 'screen');
    await writeAudit(tx, actor, { action: 'customer.non_financial.delete', entityType: 'customer', entityId: customerId,
      before: { customerNo: c.customer_no, ...Object.fromEntries(changed.map((k) => [k, before[k]])) } });
    return { customerId };
  });
}
