// The customer master (CIF-1, CIF-3, CIF-10…14, CIF-21…25, CIF-46): open a customer under one
// bank-wide number after the existence check, change it with field history, delete logically
// and reactivate.
import { adoptRelatedParties, documentsOf } from '../network/related-party.adopt.ts';
import { sql } from 'kysely';
import type { Database, Executor, Tx } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { AppError, conflict, invalid, notFound } from '../../common/http/errors.ts';
import { auditInsert, writeAudit } from '../audit/audit.service.ts';
import { holdingsColumns, holdingsOf, type CustomerHoldings } from '../accounts/holdings.ts';
import type { Actor } from '../auth/actor.ts';
import { institutionInScope } from '../org/scope.ts';
import { loadCustomer, toColumns, customerInScope, type CustomerRecord } from './customer.queries.ts';
import type { CreateCustomer, UpdateCustomer } from './customer.schema.ts';
import { nextCustomerNos } from './customer-number.ts';
import { fieldsOf } from './fields.ts';
import { maskChange, maskFields } from './masking.ts';
import { searchTerms } from './search/search-terms.ts';
import { codeTablesOf, loadCodeSets, normaliseCustomer } from './validate.ts';
import { existenceGuard } from './existence-guard.ts';

export type ChangeSource = 'screen' | 'import' | 'feed' | 'merge' | 'system';

const userId = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);

/** CIF-1: who already holds this document or code; the refusal names that customer. */
async function assertNotExisting(tx: Tx, actor: Actor, kind: 'personal' | 'corporate', values: Record<string, unknown>,
  identities: { idType: string; idNumber: string }[] | undefined, exceptId?: number) {
  const hits: { id: number; customer_no: string; name: string; field: string }[] = [];
  if (kind === 'personal') {
    for (const [i, doc] of (identities ?? []).entries()) {
      let q = tx.selectFrom('customer_identity').innerJoin('customer', 'customer.id', 'customer_identity.customer_id')
        .select(['customer.id', 'customer.customer_no', 'customer.name']).where('id_type', '=', doc.idType).where('id_number', '=', doc.idNumber);
      if (exceptId) q = q.where('customer.id', '<>', exceptId);
      const hit = await q.executeTakeFirst();
      if (hit) hits.push({ ...hit, field: `identities.${i}.idNumber` });
    }
  } else {
    for (const [field, column] of [['creditCode', 'credit_code'], ['organizationCode', 'organization_code']] as const) {
      const v = values[field];
      if (typeof v !== 'string' || !v) continue;
      let q = tx.selectFrom('corporate_customer').innerJoin('customer', 'customer.id', 'corporate_customer.customer_id')
        .select(['customer.id', 'customer.customer_no', 'customer.name']).where(column, '=', v);
      if (exceptId) q = q.where('customer.id', '<>', exceptId);
      const hit = await q.executeTakeFirst();
      if (hit) hits.push({ ...hit, field });
    }
  }
  if (hits.length) {
    // The check is bank-wide (one customer, one number); naming the holder is not: outside the
    // caller's charge the refusal says only that the customer exists elsewhere.
    const visible = await tx.selectFrom('customer').select('id').where('id', 'in', hits.map((h) => h.id)).where(customerInScope(actor)).execute();
    if (!visible.some((v) => v.id === hits[0]!.id)) {
      throw new AppError('customers.exists_elsewhere', 409, {}, hits.map((h) => ({ path: h.field, code: 'customers.exists_elsewhere' })));
    }
    throw new AppError('customers.exists', 409, { customerNo: hits[0]!.customer_no, customerId: hits[0]!.id, name: hits[0]!.name },
      hits.map((h) => ({ path: h.field, code: 'customers.exists', params: { customerNo: h.customer_no, name: h.name } })));
  }
}

/** The legal representative: an active personal customer, in the actor's charge when one is given. */
async function assertLegalRep(tx: Tx, actor: Actor | null, id: unknown) {
  if (id === null || id === undefined) return;
  let q = tx.selectFrom('customer').select(['id', 'kind', 'status']).where('id', '=', Number(id));
  if (actor) q = q.where(customerInScope(actor));
  const rep = await q.executeTakeFirst();
  if (!rep || rep.kind !== 'personal' || rep.status !== 'active') throw invalid({ path: 'legalRepCustomerId', code: 'customers.legal_rep_invalid' });
}

/** Same name and birth date, or same mobile: probably the same person. Flagged, not refused. */
async function flagDuplicates(tx: Tx, id: number, name: string, values: Record<string, unknown>) {
  const found: { other: number; reason: 'name_birth' | 'mobile' }[] = [];
  if (values.birthDate) {
    const rows = await tx.selectFrom('customer').innerJoin('personal_customer', 'personal_customer.customer_id', 'customer.id')
      .select('customer.id').where('customer.name', '=', name).where('personal_customer.birth_date', '=', values.birthDate as string)
      .where('customer.id', '<>', id).where('customer.status', '=', 'active').limit(20).execute();
    found.push(...rows.map((r) => ({ other: r.id, reason: 'name_birth' as const })));
  }
  if (values.mobile) {
    const rows = await tx.selectFrom('personal_customer').innerJoin('customer', 'customer.id', 'personal_customer.customer_id')
      .select('customer.id').where('personal_customer.mobile', '=', values.mobile as string)
      .where('customer.id', '<>', id).where('customer.status', '=', 'active').limit(20).execute();
    found.push(...rows.map((r) => ({ other: r.id, reason: 'mobile' as const })));
  }
  if (found.length) {
    await tx.insertInto('customer_duplicate').values(found.map((f) => ({ customer_id: id, other_id: f.other, reason: f.reason })))
      .onConflict((oc) => oc.doNothing()).execute();
  }
  return found;
}

/** The keyed opening, normalised (codes checked, dates and amounts in canonical form); refuses invalid values. */
export async function normaliseOpening(db: Executor, input: CreateCustomer) {
  const codes = await loadCodeSets(db, codeTablesOf(input.kind));
  const n = normaliseCustomer(input.kind, input as Record<string, unknown>, codes, businessToday());
  if (n.errors.length) throw invalid(...n.errors);
  return n;
}
export type NormalisedOpening = Awaited<ReturnType<typeof normaliseOpening>>;

/** The institution an opening puts the customer in when the entry names none: the opener's own. */
export const openingInstitutionOf = (actor: Actor, input: CreateCustomer) =>
  input.institutionId ?? (actor.kind === 'user' ? actor.institutionId! : actor.managingInstitutionId);

/**
 * What refuses an opening, in the opener's charge: the institution outside it or closed, a
 * customer already holding the document or code, an invalid legal representative.
 */
export async function assertOpenable(tx: Tx, actor: Actor, input: CreateCustomer, n: NormalisedOpening, institutionId: number) {
  const inst = await tx.selectFrom('institution').select(['id', 'status']).where('id', '=', institutionId).where(institutionInScope(actor, 'institution.id')).executeTakeFirst();
  if (!inst) throw invalid({ path: 'institutionId', code: 'common.not_found', params: { entity: 'entity.institution' } });
  if (inst.status !== 'active') throw invalid({ path: 'institutionId', code: 'org.user.institution_inactive' });
  await assertNotExisting(tx, actor, input.kind, n.values, n.identities);
  if (input.kind === 'corporate') await assertLegalRep(tx, actor, n.values.legalRepCustomerId);
}

/**
 * An opening approved under review (customers.information_review.opening): who keyed it, under
 * which request, and where it was decided at submission that the customer goes — the maker's
 * institution (or the one he named) and, for a customer manager, himself as primary manager.
 */
export interface OpeningReview { requestId: number; makerId: number; institutionId: number; primaryManagerId: number | null }

export async function createCustomer(db: Database, actor: Actor, input: CreateCustomer, source: ChangeSource = 'screen') {
  const n = await normaliseOpening(db, input);
  return existenceGuard(() => db.transaction().execute((tx) => insertCustomer(tx, actor, input, n, source)));
}

/**
 * Opens the customer in the caller's transaction: at once, or when the checker of a
 * 'customer.open' request approves (`review`; `actor` is then the checker: the checks run again
 * bank-wide — a customer with the same document may have been opened meanwhile —, the customer
 * is created by the maker, and history and audit name the request, the maker and the checker).
 */
export async function insertCustomer(tx: Tx, actor: Actor, input: CreateCustomer, n: NormalisedOpening, source: ChangeSource, review?: OpeningReview) {
  const today = businessToday();
  const institutionId = review ? review.institutionId : openingInstitutionOf(actor, input);
  if (review) {
    const inst = await tx.selectFrom('institution').select('status').where('id', '=', institutionId).executeTakeFirst();
    if (!inst || inst.status !== 'active') throw invalid({ path: 'institutionId', code: 'org.user.institution_inactive' });
    await assertNotExisting(tx, actor, input.kind, n.values, n.identities);
    if (input.kind === 'corporate') await assertLegalRep(tx, null, n.values.legalRepCustomerId);
  } else {
    await assertOpenable(tx, actor, input, n, institutionId);
  }
  const openedBy = review ? review.makerId : userId(actor);

  const [customerNo] = await nextCustomerNos(tx, 1);
  const c = await tx.insertInto('customer').values({
    customer_no: customerNo!, kind: input.kind, name: input.name, institution_id: institutionId,
    search_terms: searchTerms(input.name, input.kind), created_by: openedBy,
  }).returning(['id']).executeTakeFirstOrThrow();
  const columns = toColumns(input.kind, n.values);
  if (input.kind === 'personal') {
    await tx.insertInto('personal_customer').values({ customer_id: c.id, ...columns } as never).execute();
    await tx.insertInto('customer_identity').values(n.identities!.map((d, i) => ({
      customer_id: c.id, seq: i + 1, id_type: d.idType, id_number: d.idNumber, expires_on: d.expiresOn,
    }))).execute();
  } else {
    await tx.insertInto('corporate_customer').values({ customer_id: c.id, ...columns, scale: input.scale ?? null } as never).execute();
  }
  // Links keyed to him while he was a stranger now name him as a customer.
  await adoptRelatedParties(tx, c.id, input.kind, documentsOf(input.kind, n.values, n.identities));
  // A customer manager who opens a customer is its primary manager until someone reassigns it.
  const primaryManagerId = review ? review.primaryManagerId : actor.kind === 'user' && actor.dataScope === 'own' ? actor.id! : null;
  if (primaryManagerId !== null) {
    await tx.insertInto('customer_manager').values({ customer_id: c.id, user_id: primaryManagerId, role: 'primary', since: today }).execute();
  }
  const flagged = input.kind === 'personal' ? await flagDuplicates(tx, c.id, input.name, n.values) : [];
  // Flagged bank-wide for head office's review; the clerk is told only of those in his charge.
  const visibleIds = flagged.length
    ? new Set((await tx.selectFrom('customer').select('id').where('id', 'in', flagged.map((d) => d.other)).where(customerInScope(actor)).execute()).map((r) => r.id))
    : new Set<number>();
  const duplicates = flagged.filter((d) => visibleIds.has(d.other));
  await tx.insertInto('customer_history').values({ customer_id: c.id, field: '_created', old_value: null, new_value: customerNo!, source, changed_by: userId(actor), request_id: actor.requestId,
    ...(review ? { approval_request_id: review.requestId, maker_id: review.makerId, checker_id: userId(actor) } : {}) }).execute();
  await writeAudit(tx, actor, { action: 'customer.create', entityType: 'customer', entityId: c.id,
    after: { customerNo, kind: input.kind, name: input.name, institutionId, source, ...maskFields(input.kind, n.values),
      ...(review ? { approvalRequestId: review.requestId, makerId: review.makerId } : {}) } });
  return { id: c.id, customerNo: customerNo!, duplicates: duplicates.map((d) => ({ customerId: d.other, reason: d.reason })) };
}

const text = (v: unknown) => (v === null || v === undefined || v === '' ? null : typeof v === 'object' ? JSON.stringify(v) : String(v));
// Expiry is part of the document: a renewed ID card changes only its date, and that change is kept too.
const identitiesText = (docs: { idType: string; idNumber: string; expiresOn?: string | null }[]) =>
  docs.map((d) => `${d.idType}:${d.idNumber}${d.expiresOn ? `:${d.expiresOn}` : ''}`).join(';');

/** Set when a change takes effect through review (customers/information-review): who keyed it, under which request. */
export interface ReviewedBy { requestId: number; makerId: number }

export const updateCustomer = (db: Database, actor: Actor, id: number, patch: UpdateCustomer, source: ChangeSource = 'screen') =>
  existenceGuard(() => db.transaction().execute((tx) => applyCustomerUpdate(tx, actor, id, patch, source)));

/**
 * What a patch would change on a customer, field by field, old → new as history texts, after the
 * same normalisation an update applies (codes checked, dates and amounts in canonical form).
 * Refuses invalid values. Used by the update itself and by review (what the reviewer sees).
 */
export async function diffCustomer(db: Executor, current: CustomerRecord, patch: UpdateCustomer) {
  const kind = current.kind;
  const codes = await loadCodeSets(db, codeTablesOf(kind));
  const merged: Record<string, unknown> = { ...current.values, ...Object.fromEntries(Object.entries(patch).filter(([k]) => k !== 'version' && k !== 'name')) };
  if (kind === 'personal') merged.identities = patch.identities ?? current.identities.map(({ idType, idNumber, expiresOn }) => ({ idType, idNumber, expiresOn }));
  const n = normaliseCustomer(kind, merged, codes, businessToday());
  if (n.errors.length) throw invalid(...n.errors);
  const changes: { field: string; old: string | null; new: string | null }[] = [];
  const changed: Record<string, unknown> = {};
  for (const f of fieldsOf(kind)) {
    if (!(f.key in patch)) continue;
    const before = text(current.values[f.key]);
    const after = text(n.values[f.key]);
    if (before !== after) { changes.push({ field: f.key, old: before, new: after }); changed[f.key] = n.values[f.key]; }
  }
  if (patch.name !== undefined && patch.name !== current.name) changes.push({ field: 'name', old: current.name, new: patch.name });
  if (kind === 'personal' && patch.identities) {
    const before = identitiesText(current.identities);
    const after = identitiesText(n.identities!);
    if (before !== after) changes.push({ field: 'identities', old: before, new: after });
  }
  return { changes, changed, normalised: n };
}

/**
 * Changes a customer's fields in the caller's transaction, with field history and audit row.
 * `review` names the approval request and its maker when the change was reviewed: `actor` is then
 * the approving checker, and the version is not compared (the request's basis already was).
 */
export async function applyCustomerUpdate(tx: Tx, actor: Actor, id: number, patch: UpdateCustomer, source: ChangeSource = 'screen', review?: ReviewedBy) {
  const locked = await loadCustomer(tx, actor, id, true);
  if (!locked) throw notFound('customer');
  if (!review && locked.version !== patch.version) throw conflict();
  if (locked.status !== 'active') throw invalid({ path: 'id', code: 'customers.not_active' });
  const kind = locked.kind;
  const { changes, changed, normalised: n } = await diffCustomer(tx, locked, patch);
  if (changes.some((c) => c.field === 'identities')) {
    await assertNotExisting(tx, actor, kind, n.values, n.identities, id);
    await tx.deleteFrom('customer_identity').where('customer_id', '=', id).execute();
    await tx.insertInto('customer_identity').values(n.identities!.map((d, i) => ({ customer_id: id, seq: i + 1, id_type: d.idType, id_number: d.idNumber, expires_on: d.expiresOn }))).execute();
  }
  if (kind === 'corporate') {
    if ('creditCode' in changed || 'organizationCode' in changed) await assertNotExisting(tx, actor, kind, changed, undefined, id);
    if ('legalRepCustomerId' in changed) await assertLegalRep(tx, actor, changed.legalRepCustomerId);
  }
  if (!changes.length) return { id, version: locked.version, changed: 0 };
  const columns = toColumns(kind, changed);
  if (kind === 'corporate' && ['industryCode', 'industrialZone', 'specialisedMarket'].some((k) => k in changed)) {
    Object.assign(columns, { industry_updated_by: userId(actor), industry_updated_at: new Date() });
  }
  if (Object.keys(columns).length) {
    await tx.updateTable(kind === 'personal' ? 'personal_customer' : 'corporate_customer').set(columns as never).where('customer_id', '=', id).execute();
  }
  const row = await tx.updateTable('customer').set({
    name: patch.name ?? locked.name,
    ...(patch.name && patch.name !== locked.name ? { search_terms: searchTerms(patch.name, kind) } : {}),
    version: locked.version + 1, updated_at: new Date(),
  }).where('id', '=', id).returning('version').executeTakeFirstOrThrow();
  await tx.insertInto('customer_history').values(changes.map((c) => ({
    customer_id: id, field: c.field, old_value: c.old, new_value: c.new, source, changed_by: userId(actor), request_id: actor.requestId,
    ...(review ? { approval_request_id: review.requestId, maker_id: review.makerId, checker_id: userId(actor) } : {}),
  }))).execute();
  const maskedBefore = Object.fromEntries(changes.map((c) => [c.field, maskChange(kind, c.field, c.old)]));
  const maskedAfter = Object.fromEntries(changes.map((c) => [c.field, maskChange(kind, c.field, c.new)]));
  await writeAudit(tx, actor, { action: 'customer.update', entityType: 'customer', entityId: id, before: maskedBefore,
    after: { ...maskedAfter, source, ...(review ? { approvalRequestId: review.requestId, makerId: review.makerId } : {}) } });
  return { id, version: row.version, changed: changes.length };
}

/**
 * Marks a customer deleted or active again, in the caller's transaction. Deletion reaches this
 * only through review (customers/deletion: the approving checker is `actor`, the maker is named in
 * `review`); reactivation directly.
 */
export async function setCustomerStatus(tx: Tx, actor: Actor, id: number, to: 'active' | 'deleted', reason: string,
  review?: { requestId: number; makerId: number; assertBasis?: (locked: { status: string; version: number }) => void }) {
  const c = await tx.selectFrom('customer').select(['id', 'status', 'version']).where('id', '=', id).where(customerInScope(actor)).forUpdate().executeTakeFirst();
  if (!c) throw notFound('customer');
  review?.assertBasis?.({ status: c.status, version: c.version });
  if (c.status === 'merged') throw invalid({ path: 'id', code: 'customers.merged' });
  if (c.status === to) return { id };
  // The change, its history row and its audit row in one statement (inside an approval's decision),
  // and for a deletion what the customer still holds, counted in that statement's snapshot (taken
  // after the lock, so it sees an account opened while this waited): a customer who still banks
  // with us is closed at the counter first, not deleted in the CRM — the error rolls it all back.
  const row = (await sql<Partial<Record<keyof CustomerHoldings, string>>>`
    with changed as (${tx.updateTable('customer').set({ status: to, status_reason: reason, version: c.version + 1, updated_at: new Date() }).where('id', '=', id)}),
    recorded as (${tx.insertInto('customer_history').values({ customer_id: id, field: 'status', old_value: c.status, new_value: to, source: 'screen', changed_by: userId(actor), request_id: actor.requestId })}),
    audited as (${auditInsert(actor, { action: to === 'deleted' ? 'customer.delete' : 'customer.reactivate', entityType: 'customer', entityId: id,
      before: { status: c.status }, after: { status: to, reason, ...(review ? { approvalRequestId: review.requestId, makerId: review.makerId } : {}) } })})
    select ${to === 'deleted' ? sql.join(holdingsColumns(sql`${id}::int8`)) : sql`1`}`.execute(tx)).rows[0]!;
  if (to === 'deleted') {
    const held = holdingsOf(row as Record<keyof CustomerHoldings, string>);
    if (held.accounts || held.loans || held.signings || held.alerts) throw invalid({ path: 'id', code: 'customers.delete_holdings', params: { ...held } });
  }
  return { id };
}

/**
 * CIF-3: never a physical delete; the record and its number stay, marked deleted with a reason.
 * Not behind any route: the screen's delete is a request under review (customers/deletion). Kept
 * for the system (tests, demo set-up) that deletes without a maker.
 */
export const deleteCustomer = (db: Database, actor: Actor, id: number, reason: string) =>
  db.transaction().execute((tx) => setCustomerStatus(tx, actor, id, 'deleted', reason));
export const reactivateCustomer = (db: Database, actor: Actor, id: number, reason: string) =>
  db.transaction().execute((tx) => setCustomerStatus(tx, actor, id, 'active', reason));

export type { CustomerRecord };
