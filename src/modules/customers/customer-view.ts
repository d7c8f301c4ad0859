// CIF-2 single customer view: one call returns everything the customer page shows, with
// personal identifiers masked; `revealField` shows one of them in full and audits that it did.
import { inForceOn, relationHistory } from '../managers/relation.queries.ts';
import { sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { businessToday } from '../../common/business-date.ts';
import { AppError, invalid, notFound } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import { can, type Actor } from '../auth/actor.ts';
import { loadCustomer } from './customer.queries.ts';
import { fieldsOf } from './fields.ts';
import { maskChange, maskFields, maskValue, sensitivityOf } from './masking.ts';
import { historyCustomerIds } from './merge/merge.service.ts';
import { fieldsUnderReview } from './information-review/review-policy.ts';

/** Whole years between the birth date and today. */
export function ageOn(birthDate: string | null | undefined, today: string): number | null {
  if (!birthDate) return null;
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

/** CIF-12: annual income = monthly × 12, exact in fen. */
export function annualIncome(monthly: string | null | undefined): string | null {
  if (monthly == null || monthly === '') return null;
  const [yuan, fen = ''] = String(monthly).split('.');
  const totalFen = (BigInt(yuan!) * 100n + BigInt((fen + '00').slice(0, 2)) * (yuan!.startsWith('-') ? -1n : 1n)) * 12n;
  const sign = totalFen < 0n ? '-' : '';
  const abs = totalFen < 0n ? -totalFen : totalFen;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

export async function getCustomerView(db: Database, actor: Actor, id: number) {
  const c = await loadCustomer(db, actor, id);
  if (!c) throw notFound('customer');
  const [institution, relations, addresses, blacklist, risk, certificates, reviewedFields] = await Promise.all([
    db.selectFrom('institution').select(['id', 'code', 'name']).where('id', '=', c.institutionId).executeTakeFirstOrThrow(),
    relationHistory(db, id),
    db.selectFrom('customer_address').select(['id', 'address_type as addressType', 'division_code as divisionCode', 'address', 'postcode', 'is_primary as isPrimary'])
      .where('customer_id', '=', id).orderBy('id').execute(),
    db.selectFrom('blacklist_entry').select(['id', 'list_kind as listKind', 'reason', 'source', 'listed_on as listedOn', 'expires_on as expiresOn', 'removed_on as removedOn'])
      .where('customer_id', '=', id).orderBy('id', 'desc').execute(),
    db.selectFrom('risk_assessment').select(['id', 'assessed_on as assessedOn', 'valid_until as validUntil', 'result', 'score', 'channel'])
      .where('customer_id', '=', id).orderBy('assessed_on', 'desc').execute(),
    db.selectFrom('certificate').select(['id', 'cert_type as certType', 'number', 'issuer', 'issued_on as issuedOn', 'expires_on as expiresOn', 'status', 'version'])
      .where('customer_id', '=', id).where('status', '=', 'current').orderBy('cert_type').execute(),
    fieldsUnderReview(db, c),
  ]);
  const today = businessToday();
  return {
    id: c.id, customerNo: c.customerNo, kind: c.kind, name: c.name, status: c.status, statusReason: c.statusReason,
    mergedInto: c.mergedInto, blacklisted: c.blacklisted, origin: c.origin, version: c.version, createdAt: c.createdAt, updatedAt: c.updatedAt,
    institution,
    // REL-20: who manages the customer today (primary first), and every relation it ever had.
    managers: inForceOn(relations, today).map((r) => ({ id: r.userId, displayName: r.displayName, role: r.role, since: r.since, temporaryStaff: r.temporaryStaff })),
    managerHistory: relations,
    fields: maskFields(c.kind, c.values),
    // maskValue masks a string into a string (its unknown type serves the field map).
    identities: c.identities.map((d) => ({ ...d, idNumber: maskValue('id', d.idNumber) as string })),
    computed: c.kind === 'personal'
      ? { age: ageOn(c.values.birthDate as string | null, today), annualIncome: annualIncome(c.values.monthlyIncome as string | null) }
      : {},
    addresses: addresses.map((a) => ({ ...a, address: maskValue('address', a.address) as string })),
    blacklist, riskAssessments: risk, certificates,
    canReveal: can(actor, 'customer.sensitive.read'),
    // CIF-40: a change of these fields goes to 信息复核岗 before it takes effect (the settings, and whether this is a key customer).
    reviewedFields,
  };
}

/** PLAT-2: one sensitive field in full, for a holder of customer.sensitive.read; always audited. */
export async function revealField(db: Database, actor: Actor, id: number, field: string) {
  if (!can(actor, 'customer.sensitive.read')) throw new AppError('common.forbidden', 403, { permission: 'customer.sensitive.read' });
  const c = await loadCustomer(db, actor, id);
  if (!c) throw notFound('customer');
  const sensitivity = sensitivityOf(c.kind, field);
  if (!sensitivity) throw invalid({ path: 'field', code: 'customers.not_sensitive' });
  const value = field.startsWith('identities.') ? c.identities[Number(field.split('.')[1])]?.idNumber ?? null : c.values[field] ?? null;
  await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'customer.sensitive.reveal', entityType: 'customer', entityId: id, after: { field } }));
  return { field, value };
}

/** CIF-46: field history, newest first, labelled, with sensitive values masked; a survivor's includes the records merged into it. */
export async function getCustomerHistory(db: Database, actor: Actor, id: number, page = 1, pageSize = 50) {
  const c = await loadCustomer(db, actor, id);
  if (!c) throw notFound('customer');
  const rows = await db.selectFrom('customer_history').leftJoin('app_user', 'app_user.id', 'customer_history.changed_by')
    // A reviewed change (CIF-40) names who keyed it and who approved it, and the request.
    .leftJoin('app_user as maker', 'maker.id', 'customer_history.maker_id').leftJoin('app_user as checker', 'checker.id', 'customer_history.checker_id')
    .select(['customer_history.id', 'customer_history.field', 'customer_history.old_value as oldValue', 'customer_history.new_value as newValue',
      'customer_history.source', 'app_user.username as changedBy', 'app_user.display_name as changedByName', 'customer_history.changed_at as changedAt',
      'customer_history.approval_request_id as approvalRequestId', 'maker.display_name as makerName', 'checker.display_name as checkerName'])
    .where('customer_history.customer_id', 'in', historyCustomerIds(id)).orderBy('customer_history.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  const labels = new Map(fieldsOf(c.kind).map((f) => [f.key, { zh: f.zh, en: f.en }]));
  return rows.map((r) => {
    return { ...r, label: labels.get(r.field) ?? null, oldValue: maskChange(c.kind, r.field, r.oldValue), newValue: maskChange(c.kind, r.field, r.newValue) };
  });
}

/**
 * CIF-2 "audit" tab: who did what to this customer — changes, reveals of personal data, merges —
 * newest first. Holders of customer.read see the trail of customers in their charge; the values
 * themselves are on the history tab (masked), so the trail carries no before/after.
 */
export async function getCustomerAuditTrail(db: Database, actor: Actor, id: number, page = 1, pageSize = 50) {
  const c = await loadCustomer(db, actor, id);
  if (!c) throw notFound('customer');
  return db.selectFrom('audit_log')
    .select(['id', 'occurred_at as occurredAt', 'actor_kind as actorKind', 'actor_name as actorName', 'action', 'client_ip as clientIp', 'request_id as requestId',
      sql<string | null>`after->>'field'`.as('field')])
    .where('entity_type', '=', 'customer').where('entity_id', '=', String(id))
    .orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
}
