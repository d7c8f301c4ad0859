// CIF-4: several addresses per customer, each typed (home, mailing, work, registered …). Each type
// that has addresses has exactly one primary, the one letters and visits use: the first of a type
// becomes primary, a new primary takes the role over, and removing the primary hands it to the
// oldest remaining address of the type. Addresses are personal data: lists show them masked, a
// holder of customer.sensitive.read reveals one at a time, audited. Every change leaves field
// history rows named `addresses.<id>.<attribute>`.
import type { Database, Executor, Tx } from '../../../db/database.ts';
import { parsePostalCode } from '../../../common/validators/contact.ts';
import { conflict, invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { changedBy, type ChangedBy } from '../blacklist/blacklist.service.ts';
import { customerInScope } from '../customer.queries.ts';
import type { ChangeSource } from '../customer.service.ts';
import { maskValue } from '../masking.ts';
import type { CreateAddress, UpdateAddress } from './address.schema.ts';

/** Enough for every real type twice over; a runaway import cannot bury the customer page. */
export const MAX_ADDRESSES = 20;

interface AddressValues { addressType: string; divisionCode: string | null; address: string; postcode: string | null; isPrimary: boolean }
const ATTRIBUTES = ['addressType', 'divisionCode', 'address', 'postcode', 'isPrimary'] as const;
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

async function history(tx: Tx, by: ChangedBy, customerId: number, addressId: number, before: Partial<AddressValues>, after: Partial<AddressValues>, source: ChangeSource) {
  const rows = ATTRIBUTES.filter((a) => text(before[a]) !== text(after[a])).map((a) => ({
    customer_id: customerId, field: `addresses.${addressId}.${a}`, old_value: text(before[a]), new_value: text(after[a]),
    source, changed_by: by.userId, request_id: by.requestId,
  }));
  if (rows.length) await tx.insertInto('customer_history').values(rows).execute();
}

/** Takes the primary role of `type` away from whoever holds it (except `keepId`). */
export async function demotePrimary(tx: Tx, by: ChangedBy, customerId: number, type: string, keepId: number | null, source: ChangeSource) {
  let q = tx.updateTable('customer_address').set((eb) => ({ is_primary: false, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('customer_id', '=', customerId).where('address_type', '=', type).where('is_primary', '=', true);
  if (keepId !== null) q = q.where('id', '<>', keepId);
  for (const r of await q.returning('id').execute()) await history(tx, by, customerId, r.id, { isPrimary: true }, { isPrimary: false }, source);
}

/** Gives `type` a primary again when it has addresses but none is primary: the oldest one. */
export async function ensurePrimary(tx: Tx, by: ChangedBy, customerId: number, type: string, source: ChangeSource) {
  const rows = await tx.selectFrom('customer_address').select(['id', 'is_primary']).where('customer_id', '=', customerId)
    .where('address_type', '=', type).orderBy('id').execute();
  if (!rows.length || rows.some((r) => r.is_primary)) return;
  await tx.updateTable('customer_address').set((eb) => ({ is_primary: true, version: eb('version', '+', 1), updated_at: new Date() })).where('id', '=', rows[0]!.id).execute();
  await history(tx, by, customerId, rows[0]!.id, { isPrimary: false }, { isPrimary: true }, source);
}

/** Active codes among those given, by table: one small query, not a load of all 3,000 divisions. */
async function knownCodes(db: Executor, wanted: { table: string; code: string }[]) {
  if (!wanted.length) return new Set<string>();
  const rows = await db.selectFrom('code_item').select(['table_code', 'code']).where('active', '=', true)
    .where((eb) => eb.or(wanted.map((w) => eb.and([eb('table_code', '=', w.table), eb('code', '=', w.code)])))).execute();
  return new Set(rows.map((r) => `${r.table_code}:${r.code}`));
}

async function checkValues(db: Executor, v: Partial<AddressValues>): Promise<FieldError[]> {
  const wanted = [
    ...(v.addressType !== undefined ? [{ table: 'address_type', code: v.addressType, path: 'addressType' }] : []),
    ...(v.divisionCode ? [{ table: 'division', code: v.divisionCode, path: 'divisionCode' }] : []),
  ];
  const known = await knownCodes(db, wanted);
  const errors: FieldError[] = wanted.filter((w) => !known.has(`${w.table}:${w.code}`))
    .map((w) => ({ path: w.path, code: 'codes.item.unknown', params: { table: w.table, code: w.code } }));
  if (v.postcode) {
    const p = parsePostalCode(v.postcode);
    if (!p.ok) errors.push({ path: 'postcode', code: 'customers.postcode_format' }); else v.postcode = p.normalized;
  }
  return errors;
}

/** The customer, in scope and locked, that may still take changes. */
async function lockCustomer(tx: Tx, actor: Actor, customerId: number) {
  const c = await tx.selectFrom('customer').select(['id', 'status', 'customer_no']).where('id', '=', customerId).where(customerInScope(actor)).forUpdate().executeTakeFirst();
  if (!c) throw notFound('customer');
  if (c.status !== 'active') throw invalid({ path: 'id', code: c.status === 'merged' ? 'customers.merged' : 'customers.not_active' });
  return c;
}

async function lockAddress(tx: Tx, customerId: number, addressId: number) {
  const a = await tx.selectFrom('customer_address').selectAll().where('id', '=', addressId).where('customer_id', '=', customerId).forUpdate().executeTakeFirst();
  if (!a) throw notFound('customer_address');
  return a;
}

const valuesOf = (a: { address_type: string; division_code: string | null; address: string; postcode: string | null; is_primary: boolean }): AddressValues =>
  ({ addressType: a.address_type, divisionCode: a.division_code, address: a.address, postcode: a.postcode, isPrimary: a.is_primary });
const masked = (v: Partial<AddressValues>) => ({ ...v, ...(v.address !== undefined ? { address: maskValue('address', v.address) } : {}) });

export async function listAddresses(db: Database, actor: Actor, customerId: number) {
  const c = await db.selectFrom('customer').select('id').where('id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!c) throw notFound('customer');
  const rows = await db.selectFrom('customer_address as a')
    .leftJoin('code_item as d', (j) => j.onRef('d.code', '=', 'a.division_code').on('d.table_code', '=', 'division'))
    .select(['a.id', 'a.address_type as addressType', 'a.division_code as divisionCode', 'd.name_zh as divisionName', 'a.address', 'a.postcode',
      'a.is_primary as isPrimary', 'a.version', 'a.updated_at as updatedAt'])
    .where('a.customer_id', '=', customerId).orderBy('a.address_type').orderBy('a.is_primary', 'desc').orderBy('a.id').execute();
  return rows.map((r) => ({ ...r, address: maskValue('address', r.address) as string }));
}

export async function createAddress(db: Database, actor: Actor, customerId: number, input: CreateAddress) {
  const v: AddressValues = { addressType: input.addressType, divisionCode: input.divisionCode ?? null, address: input.address, postcode: input.postcode || null, isPrimary: input.isPrimary ?? false };
  const errors = await checkValues(db, v);
  if (errors.length) throw invalid(...errors);
  return db.transaction().execute(async (tx) => {
    const c = await lockCustomer(tx, actor, customerId);
    const existing = await tx.selectFrom('customer_address').select(['id', 'address_type', 'address']).where('customer_id', '=', customerId).execute();
    if (existing.length >= MAX_ADDRESSES) throw invalid({ path: 'address', code: 'addresses.too_many', params: { max: MAX_ADDRESSES } });
    if (existing.some((e) => e.address_type === v.addressType && e.address === v.address)) throw invalid({ path: 'address', code: 'addresses.duplicate' });
    const by = changedBy(actor);
    if (!existing.some((e) => e.address_type === v.addressType)) v.isPrimary = true;
    else if (v.isPrimary) await demotePrimary(tx, by, customerId, v.addressType, null, 'screen');
    const row = await tx.insertInto('customer_address').values({
      customer_id: customerId, address_type: v.addressType, division_code: v.divisionCode, address: v.address, postcode: v.postcode, is_primary: v.isPrimary,
    }).returning(['id', 'version']).executeTakeFirstOrThrow();
    await history(tx, by, customerId, row.id, {}, v, 'screen');
    await writeAudit(tx, actor, { action: 'customer.address.create', entityType: 'customer', entityId: customerId, after: { addressId: row.id, customerNo: c.customer_no, ...masked(v) } });
    return { id: row.id, version: row.version, isPrimary: v.isPrimary };
  });
}

export async function updateAddress(db: Database, actor: Actor, customerId: number, addressId: number, patch: UpdateAddress) {
  const given: Partial<AddressValues> = {};
  for (const a of ATTRIBUTES) if (patch[a] !== undefined) (given as Record<string, unknown>)[a] = patch[a] === '' ? null : patch[a];
  const errors = await checkValues(db, given);
  if (errors.length) throw invalid(...errors);
  return db.transaction().execute(async (tx) => {
    const c = await lockCustomer(tx, actor, customerId);
    const row = await lockAddress(tx, customerId, addressId);
    if (row.version !== patch.version) throw conflict();
    const before = valuesOf(row);
    const after: AddressValues = { ...before, ...given, isPrimary: before.isPrimary };
    const typeChanged = after.addressType !== before.addressType;
    if (after.address !== before.address || typeChanged) {
      const dup = await tx.selectFrom('customer_address').select('id').where('customer_id', '=', customerId).where('id', '<>', addressId)
        .where('address_type', '=', after.addressType).where('address', '=', after.address).executeTakeFirst();
      if (dup) throw invalid({ path: 'address', code: 'addresses.duplicate' });
    }
    // A primary is handed over by making another address primary, never by switching this one off.
    if (given.isPrimary === false && before.isPrimary && !typeChanged) throw invalid({ path: 'isPrimary', code: 'addresses.primary_required' });
    const by = changedBy(actor);
    const typeHasPrimary = typeChanged && (await tx.selectFrom('customer_address').select('id').where('customer_id', '=', customerId)
      .where('address_type', '=', after.addressType).where('is_primary', '=', true).executeTakeFirst()) !== undefined;
    after.isPrimary = given.isPrimary === true || (typeChanged ? !typeHasPrimary : before.isPrimary);
    const changed = ATTRIBUTES.filter((a) => text(before[a]) !== text(after[a]));
    if (!changed.length) return { id: addressId, version: row.version, isPrimary: after.isPrimary, changed: 0 };
    if (after.isPrimary) await demotePrimary(tx, by, customerId, after.addressType, addressId, 'screen');
    const updated = await tx.updateTable('customer_address').set({
      address_type: after.addressType, division_code: after.divisionCode, address: after.address, postcode: after.postcode,
      is_primary: after.isPrimary, version: row.version + 1, updated_at: new Date(),
    }).where('id', '=', addressId).returning('version').executeTakeFirstOrThrow();
    if (typeChanged) await ensurePrimary(tx, by, customerId, before.addressType, 'screen');
    await history(tx, by, customerId, addressId, before, after, 'screen');
    const pick = (v: AddressValues) => masked(Object.fromEntries(changed.map((a) => [a, v[a]])) as Partial<AddressValues>);
    await writeAudit(tx, actor, { action: 'customer.address.update', entityType: 'customer', entityId: customerId,
      before: { addressId, ...pick(before) }, after: { addressId, customerNo: c.customer_no, ...pick(after) } });
    return { id: addressId, version: updated.version, isPrimary: after.isPrimary, changed: changed.length };
  });
}

export async function deleteAddress(db: Database, actor: Actor, customerId: number, addressId: number) {
  return db.transaction().execute(async (tx) => {
    const c = await lockCustomer(tx, actor, customerId);
    const row = await lockAddress(tx, customerId, addressId);
    await tx.deleteFrom('customer_address').where('id', '=', addressId).execute();
    const by = changedBy(actor);
    // The history rows keep the address itself: the record of where the customer lived survives the row.
    await history(tx, by, customerId, addressId, valuesOf(row), {}, 'screen');
    if (row.is_primary) await ensurePrimary(tx, by, customerId, row.address_type, 'screen');
    await writeAudit(tx, actor, { action: 'customer.address.delete', entityType: 'customer', entityId: customerId, before: { addressId, customerNo: c.customer_no, ...masked(valuesOf(row)) } });
    return { id: addressId };
  });
}

/** PLAT-2: one address in full, for letters and visits; always audited. */
export async function revealAddress(db: Database, actor: Actor, customerId: number, addressId: number) {
  const a = await db.selectFrom('customer_address as a').innerJoin('customer', 'customer.id', 'a.customer_id').select(['a.id', 'a.address'])
    .where('a.id', '=', addressId).where('a.customer_id', '=', customerId).where(customerInScope(actor)).executeTakeFirst();
  if (!a) throw notFound('customer_address');
  const field = `addresses.${a.id}.address`;
  await db.transaction().execute((tx) => writeAudit(tx, actor, { action: 'customer.sensitive.reveal', entityType: 'customer', entityId: customerId, after: { field } }));
  return { field, value: a.address };
}
