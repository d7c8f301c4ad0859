// CIF-26 industry attributes of corporate customers: industry class (GB/T 4754 level 4,
// mandatory; its section, division and group follow from the code), industrial zone and
// specialised market. Changed for one customer on the screen or for many from a file; either
// way each change is kept in the field history (as updateCustomer keeps it), the customer's
// version moves on, and who changed the attributes and when is recorded on the customer.
import { sql } from 'kysely';
import { z } from 'zod';
import { singleLineText } from '../../../common/text.ts';
import type { Database, Executor, Tx } from '../../../db/database.ts';
import { conflict, invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import type { ChangeSource } from '../customer.service.ts';
import { customerInScope } from '../customer.queries.ts';

export const industryBody = z.strictObject({
  industryCode: singleLineText().min(1).max(5),
  industrialZone: singleLineText().max(100).nullable().optional(),
  specialisedMarket: singleLineText().max(20).nullable().optional(),
  /** Optional optimistic lock: the version the screen showed. */
  version: z.number().int().positive().optional(),
});
export type IndustryInput = z.infer<typeof industryBody>;

export const INDUSTRY_FIELDS = [
  ['industryCode', 'industry_code'], ['industrialZone', 'industrial_zone'], ['specialisedMarket', 'specialised_market'],
] as const;
export type IndustryValues = { industryCode: string; industrialZone: string | null; specialisedMarket: string | null };

export interface IndustryCodes { get(code: string): { level: number | null; name: string; active: boolean; parent: string | null } | undefined }

export async function loadIndustryCodes(db: Executor): Promise<IndustryCodes> {
  const rows = await db.selectFrom('code_item').select(['code', 'level', 'name_zh', 'active', 'parent_code']).where('table_code', '=', 'industry').execute();
  return new Map(rows.map((r) => [r.code, { level: r.level, name: r.name_zh, active: r.active, parent: r.parent_code }]));
}

/** The error for a code that is not an active level-4 class, or null. */
export function industryCodeError(codes: IndustryCodes, code: string): Omit<FieldError, 'path'> | null {
  const item = codes.get(code);
  if (!item || !item.active) return { code: 'codes.item.unknown', params: { table: 'industry', code } };
  if (item.level !== 4) return { code: 'customers.industry.not_class', params: { code } };
  return null;
}

/** "J 金融业 / 66 货币金融服务 / 662 … / 6621 商业银行服务": the four levels a class implies. */
export function industryPath(codes: IndustryCodes, code: string | null): string | null {
  const parts: string[] = [];
  for (let c = code; c; c = codes.get(c)?.parent ?? null) parts.unshift(`${c} ${codes.get(c)?.name ?? ''}`.trim());
  return parts.length ? parts.join(' / ') : null;
}

export interface IndustryTarget { id: number; customerNo: string; name: string; kind: 'personal' | 'corporate'; status: string; version: number; current: IndustryValues }

/** Customers by id or number within the caller's scope, with their current attributes; optionally locked. */
export async function loadIndustryTargets(db: Executor, actor: Actor, by: { ids?: number[]; numbers?: string[] }, lock = false): Promise<IndustryTarget[]> {
  let q = db.selectFrom('customer').leftJoin('corporate_customer', 'corporate_customer.customer_id', 'customer.id')
    .select(['customer.id', 'customer.customer_no', 'customer.name', 'customer.kind', 'customer.status', 'customer.version',
      'corporate_customer.industry_code', 'corporate_customer.industrial_zone', 'corporate_customer.specialised_market'])
    .where(customerInScope(actor));
  q = by.ids ? q.where('customer.id', '=', (eb) => eb.fn.any(eb.val(by.ids!))) : q.where('customer.customer_no', '=', (eb) => eb.fn.any(eb.val(by.numbers ?? [])));
  if (lock) q = q.forUpdate(['customer']);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id, customerNo: r.customer_no, name: r.name, kind: r.kind, status: r.status, version: r.version,
    current: { industryCode: r.industry_code ?? null, industrialZone: r.industrial_zone ?? null, specialisedMarket: r.specialised_market ?? null } as IndustryValues,
  }));
}

export interface IndustryChange { target: IndustryTarget; next: IndustryValues }

/** Set-based: one UPDATE per table and one history INSERT, however many customers. Returns the changed fields. */
export async function applyIndustry(tx: Tx, actor: Actor, changes: IndustryChange[], source: ChangeSource) {
  const history: { id: number; field: string; old: string | null; new: string | null }[] = [];
  const changed = changes.filter(({ target, next }) => {
    const diffs = INDUSTRY_FIELDS.filter(([k]) => (target.current[k] ?? null) !== (next[k] ?? null));
    for (const [k] of diffs) history.push({ id: target.id, field: k, old: target.current[k] ?? null, new: next[k] ?? null });
    return diffs.length > 0;
  });
  if (!changed.length) return { changed, history };
  const userId = actor.kind === 'user' ? actor.id : null;
  const ids = changed.map((c) => c.target.id);
  await sql`update corporate_customer cc set industry_code = u.code, industrial_zone = u.zone, specialised_market = u.market,
      industry_updated_by = ${userId}::int4, industry_updated_at = now()
    from unnest(${ids}::int8[], ${changed.map((c) => c.next.industryCode)}::text[], ${changed.map((c) => c.next.industrialZone)}::text[],
      ${changed.map((c) => c.next.specialisedMarket)}::text[]) as u(id, code, zone, market)
    where cc.customer_id = u.id`.execute(tx);
  await sql`update customer set version = version + 1, updated_at = now() where id = any(${ids}::int8[])`.execute(tx);
  await sql`insert into customer_history (customer_id, field, old_value, new_value, source, changed_by, request_id)
    select u.id, u.field, u.old, u.new, ${source}, ${userId}::int4, ${actor.requestId}::text
    from unnest(${history.map((h) => h.id)}::int8[], ${history.map((h) => h.field)}::text[], ${history.map((h) => h.old)}::text[], ${history.map((h) => h.new)}::text[]) as u(id, field, old, new)`.execute(tx);
  return { changed, history };
}

/** Why this customer cannot take industry attributes, or null. */
export function targetError(t: IndustryTarget): string | null {
  if (t.kind !== 'corporate') return 'customers.industry.personal';
  if (t.status !== 'active') return 'customers.not_active';
  return null;
}

/** PUT /customers/:id/industry: all three attributes as given (a missing zone or market clears it). */
export async function setIndustry(db: Database, actor: Actor, id: number, input: IndustryInput) {
  const codes = await loadIndustryCodes(db);
  const codeError = industryCodeError(codes, input.industryCode);
  if (codeError) throw invalid({ path: 'industryCode', ...codeError });
  return db.transaction().execute(async (tx) => {
    const [target] = await loadIndustryTargets(tx, actor, { ids: [id] }, true);
    if (!target) throw notFound('customer');
    const refused = targetError(target);
    if (refused) throw invalid({ path: 'id', code: refused });
    if (input.version !== undefined && input.version !== target.version) throw conflict();
    const next: IndustryValues = { industryCode: input.industryCode, industrialZone: input.industrialZone || null, specialisedMarket: input.specialisedMarket || null };
    const { changed } = await applyIndustry(tx, actor, [{ target, next }], 'screen');
    if (changed.length) {
      await writeAudit(tx, actor, { action: 'customer.industry.update', entityType: 'customer', entityId: id, before: target.current, after: next });
    }
    return { id, version: target.version + (changed.length ? 1 : 0), changed: changed.length > 0, industryPath: industryPath(codes, next.industryCode), ...next };
  });
}
