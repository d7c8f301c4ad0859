// ACC-1 product catalogue. Head office keeps it (product.manage); everyone with product.read sees
// the whole bank's catalogue. A rate change is a new product_rate row from its effective date:
// the history is what loans and time deposits were priced at, so it is never rewritten.
import { sql } from 'kysely';
import type { Database, Executor, Tx } from '../../../db/database.ts';
import { businessToday } from '../../../common/business-date.ts';
import { AppError, conflict, invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { codeExists } from '../../customers/credit-info/credit-info.common.ts';
import type { CreateProduct, ListProductsQuery, RateInput, UpdateProduct } from './product.schema.ts';

const userOf = (actor: Actor) => (actor.kind === 'user' ? actor.id : null);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function checkRate(r: RateInput, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  const n = (v: string) => Number(v);
  if (n(r.baseRate) > 100) errors.push({ path: `${prefix}baseRate`, code: 'products.rate_range' });
  if (r.rateType === 'fixed') {
    if (r.floatMin != null) errors.push({ path: `${prefix}floatMin`, code: 'products.float_on_fixed' });
    if (r.floatMax != null) errors.push({ path: `${prefix}floatMax`, code: 'products.float_on_fixed' });
  } else {
    if (r.floatMin == null) errors.push({ path: `${prefix}floatMin`, code: 'products.float_required' });
    if (r.floatMax == null) errors.push({ path: `${prefix}floatMax`, code: 'products.float_required' });
    if (r.floatMin != null && r.floatMax != null && !(n(r.floatMin) <= n(r.baseRate) && n(r.baseRate) <= n(r.floatMax))) {
      errors.push({ path: `${prefix}floatMax`, code: 'products.float_range' });
    }
  }
  return errors;
}

const rateRow = (r: { id: number; rate_type: string; base_rate: string; float_min: string | null; float_max: string | null; effective_from: string }) =>
  ({ id: r.id, rateType: r.rate_type, baseRate: r.base_rate, floatMin: r.float_min, floatMax: r.float_max, effectiveFrom: r.effective_from });

async function insertRate(tx: Tx, actor: Actor, productId: string, r: RateInput) {
  const row = await tx.insertInto('product_rate').values({
    product_id: productId, rate_type: r.rateType, base_rate: r.baseRate, float_min: r.floatMin ?? null, float_max: r.floatMax ?? null,
    effective_from: r.effectiveFrom, created_by: userOf(actor),
  }).returningAll().executeTakeFirstOrThrow();
  return rateRow(row);
}

export async function createProduct(db: Database, actor: Actor, input: CreateProduct) {
  const errors = input.rate ? checkRate(input.rate, 'rate.') : [];
  if (!(await codeExists(db, 'currency', input.currency))) errors.push({ path: 'currency', code: 'products.currency_unknown' });
  if (errors.length) throw invalid(...errors);
  return db.transaction().execute(async (tx) => {
    const taken = await tx.selectFrom('product').select('id').where('id', '=', input.id).executeTakeFirst();
    if (taken) throw new AppError('products.id_taken', 409, { id: input.id }, [{ path: 'id', code: 'products.id_taken', params: { id: input.id } }]);
    await tx.insertInto('product').values({ id: input.id, name_zh: input.nameZh, name_en: input.nameEn, category: input.category,
      sub_type: input.subType || null, currency: input.currency, created_by: userOf(actor), updated_by: userOf(actor) }).execute();
    const rate = input.rate ? await insertRate(tx, actor, input.id, input.rate) : null;
    const after = { nameZh: input.nameZh, nameEn: input.nameEn, category: input.category, subType: input.subType || null, currency: input.currency, rate };
    await writeAudit(tx, actor, { action: 'product.create', entityType: 'product', entityId: input.id, after });
    return { id: input.id, version: 1 };
  });
}

export async function updateProduct(db: Database, actor: Actor, id: string, input: UpdateProduct) {
  return db.transaction().execute(async (tx) => {
    const p = await tx.selectFrom('product').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!p) throw notFound('product');
    if (p.version !== input.version) throw conflict();
    const next = { name_zh: input.nameZh ?? p.name_zh, name_en: input.nameEn ?? p.name_en,
      sub_type: input.subType === undefined ? p.sub_type : input.subType || null, status: input.status ?? p.status };
    const keys = { name_zh: 'nameZh', name_en: 'nameEn', sub_type: 'subType', status: 'status' } as const;
    const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => next[k] !== p[k]);
    if (!changed.length) return { id, version: p.version };
    await tx.updateTable('product').set({ ...next, updated_by: userOf(actor), updated_at: new Date(), version: p.version + 1 }).where('id', '=', id).execute();
    await writeAudit(tx, actor, { action: 'product.update', entityType: 'product', entityId: id,
      before: Object.fromEntries(changed.map((k) => [keys[k], p[k]])), after: Object.fromEntries(changed.map((k) => [keys[k], next[k]])) });
    return { id, version: p.version + 1 };
  });
}

/** A new rate setting. Rates move forward only: a date on or before the latest setting is refused. */
export async function addProductRate(db: Database, actor: Actor, id: string, input: RateInput) {
  const errors = checkRate(input, '');
  if (errors.length) throw invalid(...errors);
  return db.transaction().execute(async (tx) => {
    const p = await tx.selectFrom('product').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!p) throw notFound('product');
    if (p.status === 'retired') throw invalid({ path: 'id', code: 'products.retired' });
    const latest = await tx.selectFrom('product_rate').selectAll().where('product_id', '=', id).orderBy('effective_from', 'desc').limit(1).executeTakeFirst();
    if (latest && input.effectiveFrom <= latest.effective_from) {
      throw invalid({ path: 'effectiveFrom', code: 'products.rate_not_after_latest', params: { latest: latest.effective_from } });
    }
    const rate = await insertRate(tx, actor, id, input);
    await writeAudit(tx, actor, { action: 'product.rate.add', entityType: 'product', entityId: id, before: latest ? rateRow(latest) : null, after: rate });
    return rate;
  });
}

/** The rate in force on `day`: the latest setting effective on or before it. */
const currentRate = (day: string) => sql<string | null>`(select r.base_rate from product_rate r where r.product_id = p.id
  and r.effective_from <= ${day}::date order by r.effective_from desc limit 1)`;

export async function listProducts(db: Executor, f: ListProductsQuery) {
  let q = db.selectFrom('product as p');
  if (f.status !== 'all') q = q.where('p.status', '=', f.status);
  if (f.category) q = q.where('p.category', '=', f.category);
  if (f.currency) q = q.where('p.currency', '=', f.currency);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where((eb) => eb.or([eb('p.id', 'like', `${escapeLike(f.q!)}%`), eb('p.name_zh', 'like', like), eb(sql`lower(p.name_en)`, 'like', like.toLowerCase())]));
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.select(['p.id', 'p.name_zh', 'p.name_en', 'p.category', 'p.sub_type', 'p.currency', 'p.status', 'p.version'])
    .select(currentRate(businessToday()).as('current_rate')).orderBy('p.id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
  return {
    total, page: f.page, pageSize: f.pageSize,
    items: rows.map((r) => ({ id: r.id, nameZh: r.name_zh, nameEn: r.name_en, category: r.category, subType: r.sub_type,
      currency: r.currency, status: r.status, version: r.version, currentRate: r.current_rate })),
  };
}

/** One product with its whole rate history, newest first. */
export async function getProduct(db: Executor, id: string) {
  const p = await db.selectFrom('product').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) throw notFound('product');
  const rates = await db.selectFrom('product_rate').selectAll().where('product_id', '=', id).orderBy('effective_from', 'desc').execute();
  return { id: p.id, nameZh: p.name_zh, nameEn: p.name_en, category: p.category, subType: p.sub_type, currency: p.currency,
    status: p.status, version: p.version, updatedAt: p.updated_at, rates: rates.map(rateRow) };
}
