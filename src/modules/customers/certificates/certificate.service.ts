// CIF-20…24: a corporate customer's certificates. One form per type (certificate.forms.ts);
// what the business licence holds lives on the customer and is shown, not keyed again. A
// certificate is never deleted: a renewal supersedes the previous one of its type, a record keyed
// by mistake is voided with a reason, and both stay in the customer's file with their audit rows.
import type { Database, Executor } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { maskIdNumber } from '../../../common/mask.ts';
import { conflict, invalid, notFound } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { getSetting } from '../../settings/settings.service.ts';
import { cancelTodos } from '../../todos/todo.service.ts';
import { loadCustomer, type CustomerRecord } from '../customer.queries.ts';
import { CERT_TYPES, CERTIFICATE_FORMS, type CertType, type ShownField } from './certificate.forms.ts';
import { addDays, applyDefaults, checkCertificate, expiryStatus, fromRow, REMINDER_DAYS, toRow, type CertRow, type CertValues } from './certificate.rules.ts';
import type { CreateCertificate, UpdateCertificate, VoidCertificate } from './certificate.schema.ts';

export const EXPIRY_TODO = 'certificate.expiry';
const userId = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);
const LICENCE_VIEW: ShownField[] = [...CERTIFICATE_FORMS['01'].shown, 'creditCode', 'organizationCode'];

async function loadCorporate(db: Executor, actor: Actor, customerId: number, lock = false): Promise<CustomerRecord> {
  const c = await loadCustomer(db, actor, customerId, lock);
  if (!c) throw notFound('customer');
  if (c.kind !== 'corporate') throw invalid({ path: 'id', code: 'certificates.corporate_only' });
  return c;
}

async function legalRepOf(db: Executor, id: unknown) {
  if (id === null || id === undefined) return null;
  const r = await db.selectFrom('customer').select(['id', 'customer_no', 'name', 'status']).where('id', '=', Number(id)).executeTakeFirst();
  return r ? { customerId: r.id, customerNo: r.customer_no, name: r.name, status: r.status } : null;
}

/** The customer's licence data a form shows read-only (CIF-22), the legal representative by name (CIF-24). */
async function shownOf(db: Executor, c: CustomerRecord, fields: readonly ShownField[]) {
  const out: Record<string, unknown> = { customerNo: c.customerNo, name: c.name };
  for (const f of fields) out[f] = f === 'legalRep' ? await legalRepOf(db, c.values.legalRepCustomerId) : c.values[f] ?? null;
  return out;
}

/** CIF-24: the legal representative's identity document, read from his personal record; the number masked (PIPL). */
async function legalRepDocument(db: Executor, c: CustomerRecord, seq: number) {
  const repId = c.values.legalRepCustomerId as number | null;
  const rep = repId == null ? undefined
    : await db.selectFrom('customer').select(['id', 'kind', 'status']).where('id', '=', repId).executeTakeFirst();
  if (!rep || rep.kind !== 'personal' || rep.status !== 'active') throw invalid({ path: 'customer.legalRepCustomerId', code: 'certificates.legal_rep_missing' });
  const doc = await db.selectFrom('customer_identity').select(['id_type', 'id_number', 'expires_on'])
    .where('customer_id', '=', rep.id).where('seq', '=', seq).executeTakeFirst();
  if (!doc) throw invalid({ path: 'identitySeq', code: 'certificates.identity_missing', params: { seq } });
  return { legalRepCustomerId: rep.id, idType: doc.id_type, number: maskIdNumber(doc.id_number)!, expiresOn: doc.expires_on };
}

/** Defaults, then the form's rules; the row to store. Throws every field error at once. */
async function prepare(db: Executor, c: CustomerRecord, type: CertType, input: CertValues): Promise<CertRow> {
  const form = CERTIFICATE_FORMS[type];
  if (type === '05') {
    const seq = (input.identitySeq as number | null | undefined) ?? 1;
    const d = await legalRepDocument(db, c, seq);
    return { number: d.number, issuer: null, issued_on: null, expires_on: d.expiresOn, details: { identitySeq: seq, idType: d.idType, legalRepCustomerId: d.legalRepCustomerId } };
  }
  const values = applyDefaults(form, input, await getSetting(db, 'customers.certificate_authorities'));
  const errors = checkCertificate(form, values, c.values, businessToday());
  if (errors.length) throw invalid(...errors);
  return toRow(form, values);
}

type Stored = { id: number; customer_id: number; cert_type: string; number: string; issuer: string | null; issued_on: string | null; expires_on: string | null;
  details: Record<string, unknown>; status: 'current' | 'superseded' | 'voided'; status_reason: string | null; superseded_by: number | null;
  version: number; created_at: Date; updated_at: Date };

function toItem(r: Stored, today: string) {
  return {
    id: r.id, customerId: r.customer_id, certType: r.cert_type, status: r.status, statusReason: r.status_reason, supersededBy: r.superseded_by,
    fields: fromRow(r), expiresOn: r.expires_on,
    expiryStatus: r.status === 'current' ? expiryStatus(r.expires_on, today, addDays(today, REMINDER_DAYS)) : null,
    version: r.version, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** The forms as the screens draw them. */
export function certificateForms() {
  return CERT_TYPES.map((t) => {
    const f = CERTIFICATE_FORMS[t];
    return { type: t, zh: f.zh, en: f.en, single: f.single, shown: f.shown, shownRequired: !!f.shownRequired, fields: f.fields.map(({ column: _c, ...field }) => field) };
  });
}

export async function listCertificates(db: Database, actor: Actor, customerId: number, status: 'current' | 'all') {
  const c = await loadCorporate(db, actor, customerId);
  let q = db.selectFrom('certificate').selectAll().where('customer_id', '=', customerId);
  if (status === 'current') q = q.where('status', '=', 'current');
  const rows = await q.orderBy('cert_type').orderBy('id', 'desc').execute();
  const today = businessToday();
  return {
    customer: { id: c.id, customerNo: c.customerNo, name: c.name, status: c.status },
    licence: await shownOf(db, c, LICENCE_VIEW),
    defaults: await getSetting(db, 'customers.certificate_authorities'),
    items: rows.map((r) => toItem(r, today)),
  };
}

async function loadCertificate(db: Executor, customerId: number, certId: number, lock = false) {
  let q = db.selectFrom('certificate').selectAll().where('id', '=', certId).where('customer_id', '=', customerId);
  if (lock) q = q.forUpdate();
  const cert = await q.executeTakeFirst();
  if (!cert) throw notFound('certificate');
  return cert;
}

export async function getCertificate(db: Database, actor: Actor, customerId: number, certId: number) {
  const c = await loadCorporate(db, actor, customerId);
  const cert = await loadCertificate(db, customerId, certId);
  const shown = await shownOf(db, c, CERTIFICATE_FORMS[cert.cert_type as CertType].shown);
  // The representative's document as it is on his record today, to compare with what was filed.
  if (cert.cert_type === '05') shown.legalRepDocument = await legalRepDocument(db, c, Number(cert.details.identitySeq ?? 1)).catch(() => null);
  return { ...toItem(cert, businessToday()), shown };
}

/** For the PATCH route, which validates the body against the stored certificate's form. */
export async function certificateTypeOf(db: Database, actor: Actor, customerId: number, certId: number): Promise<CertType> {
  await loadCorporate(db, actor, customerId);
  return (await loadCertificate(db, customerId, certId)).cert_type as CertType;
}

const assertActive = (c: CustomerRecord) => { if (c.status !== 'active') throw invalid({ path: 'id', code: 'customers.not_active' }); };

export async function createCertificate(db: Database, actor: Actor, customerId: number, input: CreateCertificate) {
  const { certType: type, ...fields } = input;
  const form = CERTIFICATE_FORMS[type];
  return db.transaction().execute(async (tx) => {
    // Locking the customer serialises certificate entry per customer: two clerks recording a
    // licence at once supersede in turn instead of racing.
    const c = await loadCorporate(tx, actor, customerId, true);
    assertActive(c);
    const row = await prepare(tx, c, type, fields);
    let supersededId: number | null = null;
    let cancelledReminders = 0;
    if (form.single) {
      const old = await tx.selectFrom('certificate').select('id').where('customer_id', '=', customerId).where('cert_type', '=', type)
        .where('status', '=', 'current').forUpdate().executeTakeFirst();
      if (old) {
        await tx.updateTable('certificate').set((eb) => ({ status: 'superseded', updated_at: new Date(), updated_by: userId(actor), version: eb('version', '+', 1) }))
          .where('id', '=', old.id).execute();
        supersededId = old.id;
        cancelledReminders = await cancelTodos(tx, { type: 'certificate', id: old.id }, EXPIRY_TODO);
      }
    }
    const created = await tx.insertInto('certificate').values({
      customer_id: customerId, cert_type: type, ...row, details: JSON.stringify(row.details), created_by: userId(actor), updated_by: userId(actor),
    }).returning(['id', 'version']).executeTakeFirstOrThrow();
    if (supersededId) await tx.updateTable('certificate').set({ superseded_by: created.id }).where('id', '=', supersededId).execute();
    await writeAudit(tx, actor, { action: 'certificate.create', entityType: 'certificate', entityId: created.id,
      after: { customerId, certType: type, ...fromRow(row), supersededId, cancelledReminders } });
    return { id: created.id, version: created.version, supersededId };
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export async function updateCertificate(db: Database, actor: Actor, customerId: number, certId: number, patch: UpdateCertificate) {
  const { version, ...changes } = patch;
  return db.transaction().execute(async (tx) => {
    const c = await loadCorporate(tx, actor, customerId, true);
    const cert = await loadCertificate(tx, customerId, certId, true);
    if (cert.version !== version) throw conflict();
    if (cert.status !== 'current') throw invalid({ path: 'id', code: 'certificates.not_current', params: { status: cert.status } });
    assertActive(c);
    const before = fromRow(cert);
    const row = await prepare(tx, c, cert.cert_type as CertType, { ...before, ...changes });
    const after = fromRow(row);
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !same(before[k], after[k]));
    if (!changed.length) return { id: certId, version: cert.version, changed: 0 };
    const updated = await tx.updateTable('certificate').set({
      ...row, details: JSON.stringify(row.details), version: cert.version + 1, updated_at: new Date(), updated_by: userId(actor),
    }).where('id', '=', certId).returning('version').executeTakeFirstOrThrow();
    // A reminder names the expiry date it was raised for; a new date gets its own reminder.
    const cancelledReminders = row.expires_on !== cert.expires_on ? await cancelTodos(tx, { type: 'certificate', id: certId }, EXPIRY_TODO) : 0;
    await writeAudit(tx, actor, { action: 'certificate.update', entityType: 'certificate', entityId: certId,
      before: Object.fromEntries(changed.map((k) => [k, before[k] ?? null])),
      after: { ...Object.fromEntries(changed.map((k) => [k, after[k] ?? null])), cancelledReminders } });
    return { id: certId, version: updated.version, changed: changed.length };
  });
}

/** A certificate keyed by mistake: marked voided with the reason, kept in the file, its reminders withdrawn. */
export async function voidCertificate(db: Database, actor: Actor, customerId: number, certId: number, body: VoidCertificate) {
  return db.transaction().execute(async (tx) => {
    const c = await loadCorporate(tx, actor, customerId, true);
    const cert = await loadCertificate(tx, customerId, certId, true);
    if (cert.version !== body.version) throw conflict();
    if (cert.status !== 'current') throw invalid({ path: 'id', code: 'certificates.not_current', params: { status: cert.status } });
    assertActive(c);
    const updated = await tx.updateTable('certificate').set({
      status: 'voided', status_reason: body.reason, version: cert.version + 1, updated_at: new Date(), updated_by: userId(actor),
    }).where('id', '=', certId).returning('version').executeTakeFirstOrThrow();
    const cancelledReminders = await cancelTodos(tx, { type: 'certificate', id: certId }, EXPIRY_TODO);
    await writeAudit(tx, actor, { action: 'certificate.void', entityType: 'certificate', entityId: certId,
      before: { status: cert.status, certType: cert.cert_type, number: cert.number, expiresOn: cert.expires_on },
      after: { status: 'voided', reason: body.reason, cancelledReminders } });
    return { id: certId, status: 'voided' as const, version: updated.version };
  });
}
