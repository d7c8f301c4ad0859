// CIF-28 对外投资: the companies a corporate credit customer has put capital into — where its money
// went and whom it controls, which the credit review reads for guarantees and related lending.
// Shares are per investee, so they are not summed against anything. An investee is recorded once
// (by credit code, or by name when it has none); removal is logical.
import type { Database, Executor, Tx } from '../../../db/database.ts';
import type { Selectable } from 'kysely';
import type { CustomerInvestmentTable } from '../../../db/schema.ts';
import { businessToday } from '../../../common/business-date.ts';
import { parseCreditCode } from '../../../common/validators/credit-code.ts';
import { conflict, invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { creditCustomer, lockCreditCustomer, orNull, userOf, type CreditCustomer } from './credit-info.common.ts';
import { fromFen, toFen } from './credit-info.ratios.ts';
import type { CreateInvestment, UpdateInvestment } from './credit-info.schema.ts';

/** Far above any real group structure; a runaway import cannot bury the customer page. */
export const MAX_INVESTMENTS = 100;

interface Investment { investeeName: string; investeeCreditCode: string | null; amount: string; sharePct: string; investedOn: string | null; remark: string | null }
const ATTRIBUTES = ['investeeName', 'investeeCreditCode', 'amount', 'sharePct', 'investedOn', 'remark'] as const;

type Row = Selectable<CustomerInvestmentTable>;
const valuesOf = (r: Row): Investment => ({
  investeeName: r.investee_name, investeeCreditCode: r.investee_credit_code, amount: r.amount, sharePct: r.share_pct, investedOn: r.invested_on, remark: r.remark,
});
const columnsOf = (v: Investment) => ({
  investee_name: v.investeeName, investee_credit_code: v.investeeCreditCode, amount: v.amount, share_pct: v.sharePct, invested_on: v.investedOn, remark: v.remark,
});

/** Checks and normalises in place (credit code upper case, two decimals); every error at once. */
function check(v: Investment, customer: CreditCustomer): FieldError[] {
  const errors: FieldError[] = [];
  if (v.investeeCreditCode) {
    const r = parseCreditCode(v.investeeCreditCode);
    if (!r.ok) errors.push({ path: 'investeeCreditCode', code: `customers.credit_code.${r.error}` });
    else {
      v.investeeCreditCode = r.normalized;
      if (r.normalized === customer.credit_code) errors.push({ path: 'investeeCreditCode', code: 'credit.investment.self' });
    }
  }
  if (v.investedOn && v.investedOn > businessToday()) errors.push({ path: 'investedOn', code: 'credit.investment.future_date' });
  v.amount = fromFen(toFen(v.amount));
  v.sharePct = fromFen(toFen(v.sharePct));
  return errors;
}

async function assertNotRecorded(db: Executor, customerId: number, v: Investment, exceptId: number | null) {
  let q = db.selectFrom('customer_investment').select(['id', 'investee_name']).where('customer_id', '=', customerId).where('deleted_at', 'is', null)
    .where((eb) => v.investeeCreditCode
      ? eb.or([eb('investee_credit_code', '=', v.investeeCreditCode), eb('investee_name', '=', v.investeeName)])
      : eb('investee_name', '=', v.investeeName));
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  const dup = await q.executeTakeFirst();
  if (dup) throw invalid({ path: 'investeeName', code: 'credit.investment.duplicate', params: { investeeName: dup.investee_name } });
}

export async function listInvestments(db: Database, actor: Actor, customerId: number) {
  await creditCustomer(db, actor, customerId);
  const rows = await db.selectFrom('customer_investment as i').leftJoin('app_user as u', 'u.id', 'i.updated_by')
    .selectAll('i').select('u.display_name as updatedByName')
    .where('i.customer_id', '=', customerId).where('i.deleted_at', 'is', null).orderBy('i.share_pct', 'desc').orderBy('i.id').execute();
  return rows.map((r) => ({ id: r.id, ...valuesOf(r), version: r.version, updatedAt: r.updated_at, updatedBy: r.updatedByName }));
}

export async function createInvestment(db: Database, actor: Actor, customerId: number, input: CreateInvestment) {
  const v: Investment = {
    investeeName: input.investeeName, investeeCreditCode: orNull(input.investeeCreditCode), amount: input.amount, sharePct: input.sharePct,
    investedOn: input.investedOn ?? null, remark: orNull(input.remark),
  };
  return db.transaction().execute(async (tx) => {
    const c = await lockCreditCustomer(tx, actor, customerId);
    const errors = check(v, c);
    if (errors.length) throw invalid(...errors);
    const count = await tx.selectFrom('customer_investment').select((eb) => eb.fn.countAll<number>().as('n')).where('customer_id', '=', customerId)
      .where('deleted_at', 'is', null).executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_INVESTMENTS) throw invalid({ path: 'investeeName', code: 'credit.too_many', params: { max: MAX_INVESTMENTS } });
    await assertNotRecorded(tx, customerId, v, null);
    const user = userOf(actor);
    const row = await tx.insertInto('customer_investment').values({ customer_id: customerId, ...columnsOf(v), created_by: user, updated_by: user })
      .returning(['id', 'version']).executeTakeFirstOrThrow();
    await writeAudit(tx, actor, { action: 'customer.investment.create', entityType: 'customer', entityId: customerId, after: { investmentId: row.id, customerNo: c.customer_no, ...v } });
    return { id: row.id, version: row.version };
  });
}

async function lockInvestment(tx: Tx, customerId: number, investmentId: number) {
  const row = await tx.selectFrom('customer_investment').selectAll().where('id', '=', investmentId).where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
  if (!row) throw notFound('customer_investment');
  return row;
}

export async function updateInvestment(db: Database, actor: Actor, customerId: number, investmentId: number, patch: UpdateInvestment) {
  return db.transaction().execute(async (tx) => {
    const c = await lockCreditCustomer(tx, actor, customerId);
    const row = await lockInvestment(tx, customerId, investmentId);
    if (row.version !== patch.version) throw conflict();
    const before = valuesOf(row);
    const after: Investment = { ...before };
    for (const a of ATTRIBUTES) if (patch[a] !== undefined) (after as unknown as Record<string, unknown>)[a] = a === 'amount' || a === 'sharePct' ? patch[a] : orNull(patch[a]);
    const errors = check(after, c);
    if (errors.length) throw invalid(...errors);
    const changed = ATTRIBUTES.filter((a) => before[a] !== after[a]);
    if (!changed.length) return { id: investmentId, version: row.version, changed: 0 };
    if (changed.includes('investeeName') || changed.includes('investeeCreditCode')) await assertNotRecorded(tx, customerId, after, investmentId);
    const updated = await tx.updateTable('customer_investment').set({ ...columnsOf(after), updated_by: userOf(actor), updated_at: new Date(), version: row.version + 1 })
      .where('id', '=', investmentId).returning('version').executeTakeFirstOrThrow();
    const pick = (v: Investment) => Object.fromEntries(changed.map((a) => [a, v[a]]));
    await writeAudit(tx, actor, { action: 'customer.investment.update', entityType: 'customer', entityId: customerId,
      before: { investmentId, ...pick(before) }, after: { investmentId, customerNo: c.customer_no, ...pick(after) } });
    return { id: investmentId, version: updated.version, changed: changed.length };
  });
}

export async function deleteInvestment(db: Database, actor: Actor, customerId: number, investmentId: number) {
  return db.transaction().execute(async (tx) => {
    const c = await lockCreditCustomer(tx, actor, customerId);
    const row = await lockInvestment(tx, customerId, investmentId);
    const user = userOf(actor);
    await tx.updateTable('customer_investment').set({ deleted_at: new Date(), deleted_by: user, updated_by: user, updated_at: new Date(), version: row.version + 1 })
      .where('id', '=', investmentId).execute();
    await writeAudit(tx, actor, { action: 'customer.investment.delete', entityType: 'customer', entityId: customerId,
      before: { investmentId, customerNo: c.customer_no, ...valuesOf(row) } });
    return { id: investmentId };
  });
}
