// CIF-28 财务信息: a corporate credit customer's statements, one per reporting period (year +
// annual / half / quarter / month), with the key balance-sheet and income-statement items and
// the ratios derived from them. An entry that breaks the balance-sheet identity or puts a
// current figure above its total is refused (see credit-info.ratios.ts for why an error).
// Removing a statement is logical: the credit file keeps what the bank relied on.
import type { Database, Executor, Tx } from '../../../db/database.ts';
import type { Selectable } from 'kysely';
import type { FinancialStatementTable } from '../../../db/schema.ts';
import { businessToday } from '../../../common/business-date.ts';
import { conflict, invalid, notFound, type FieldError } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { codeExists, creditCustomer, lockCreditCustomer, orNull, userOf } from './credit-info.common.ts';
import { checkStatement, fromFen, periodEnd, statementRatios, toFen, type StatementFigures } from './credit-info.ratios.ts';
import { PERIODS_PER_YEAR, STATEMENT_ITEMS, type CreateStatement, type PeriodType, type UpdateStatement } from './credit-info.schema.ts';

interface Statement extends StatementFigures {
  fiscalYear: number; periodType: PeriodType; period: number; audited: boolean; auditor: string | null; currency: string; employees: number | null; remark: string | null;
}
const ATTRIBUTES = ['fiscalYear', 'periodType', 'period', 'audited', 'auditor', 'currency', ...STATEMENT_ITEMS.map((i) => i.key), 'employees', 'remark'] as const;

type Row = Selectable<FinancialStatementTable>;
function valuesOf(r: Row): Statement {
  return {
    fiscalYear: r.fiscal_year, periodType: r.period_type, period: r.period, audited: r.audited, auditor: r.auditor, currency: r.currency,
    totalAssets: r.total_assets, currentAssets: r.current_assets, totalLiabilities: r.total_liabilities, currentLiabilities: r.current_liabilities,
    ownersEquity: r.owners_equity, operatingRevenue: r.operating_revenue, operatingCost: r.operating_cost, totalProfit: r.total_profit,
    netProfit: r.net_profit, operatingCashFlow: r.operating_cash_flow, employees: r.employees, remark: r.remark,
  };
}
function columnsOf(s: Statement) {
  return {
    fiscal_year: s.fiscalYear, period_type: s.periodType, period: s.period, audited: s.audited, auditor: s.auditor, currency: s.currency,
    total_assets: s.totalAssets, current_assets: s.currentAssets, total_liabilities: s.totalLiabilities, current_liabilities: s.currentLiabilities,
    owners_equity: s.ownersEquity, operating_revenue: s.operatingRevenue, operating_cost: s.operatingCost, total_profit: s.totalProfit,
    net_profit: s.netProfit, operating_cash_flow: s.operatingCashFlow, employees: s.employees, remark: s.remark,
  };
}

/** Every rule of one whole statement, reported together so the form marks all of them at once. */
async function check(db: Executor, s: Statement): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const max = PERIODS_PER_YEAR[s.periodType];
  if (s.period > max) errors.push({ path: 'period', code: 'credit.financials.period_range', params: { max } });
  else {
    const end = periodEnd(s.fiscalYear, s.periodType, s.period);
    if (end > businessToday()) errors.push({ path: 'period', code: 'credit.financials.period_not_ended', params: { periodEnd: end } });
  }
  if (s.audited && !s.auditor) errors.push({ path: 'auditor', code: 'credit.financials.auditor_required' });
  if (!s.audited && s.auditor) errors.push({ path: 'auditor', code: 'credit.financials.auditor_unaudited' });
  if (!(await codeExists(db, 'currency', s.currency))) errors.push({ path: 'currency', code: 'codes.item.unknown', params: { table: 'currency', code: s.currency } });
  return [...errors, ...checkStatement(s)];
}

const duplicatePeriod = (s: Statement): FieldError => ({ path: 'period', code: 'credit.financials.duplicate_period', params: { fiscalYear: s.fiscalYear, period: s.period } });

async function assertPeriodFree(tx: Tx, customerId: number, s: Statement, exceptId: number | null) {
  let q = tx.selectFrom('financial_statement').select('id').where('customer_id', '=', customerId).where('deleted_at', 'is', null)
    .where('fiscal_year', '=', s.fiscalYear).where('period_type', '=', s.periodType).where('period', '=', s.period);
  if (exceptId !== null) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw invalid(duplicatePeriod(s));
}

/** Two clerks entering the same period at once: the unique index decides, the loser gets the same message. */
async function onDuplicate<T>(period: () => Statement | undefined, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const err = e as { code?: string; constraint?: string; message?: string };
    const s = period();
    if (s && err.code === '23505' && `${err.constraint ?? ''} ${err.message ?? ''}`.includes('financial_statement_period_key')) throw invalid(duplicatePeriod(s));
    throw e;
  }
}

/** '1234.5' → '1234.50', the form the database returns, so comparisons and the audit see one spelling. */
function normalize(s: Statement): Statement {
  const out = { ...s } as unknown as Record<string, unknown>;
  for (const i of STATEMENT_ITEMS) { const v = out[i.key]; if (typeof v === 'string') out[i.key] = fromFen(toFen(v)); }
  return out as unknown as Statement;
}

function present(r: Row & { updatedByName?: string | null }) {
  const v = valuesOf(r);
  return { id: r.id, ...v, ratios: statementRatios(v), version: r.version, updatedAt: r.updated_at, updatedBy: r.updatedByName ?? null };
}

/** Newest period first: years descending, a year's annual statement before its halves, quarters and months. */
export async function listStatements(db: Database, actor: Actor, customerId: number) {
  await creditCustomer(db, actor, customerId);
  const rows = await db.selectFrom('financial_statement as f').leftJoin('app_user as u', 'u.id', 'f.updated_by')
    .selectAll('f').select('u.display_name as updatedByName')
    .where('f.customer_id', '=', customerId).where('f.deleted_at', 'is', null).execute();
  const rank: Record<PeriodType, number> = { annual: 0, semiannual: 1, quarterly: 2, monthly: 3 };
  rows.sort((a, b) => b.fiscal_year - a.fiscal_year || rank[a.period_type] - rank[b.period_type] || b.period - a.period);
  return rows.map(present);
}

export async function createStatement(db: Database, actor: Actor, customerId: number, input: CreateStatement) {
  const s: Statement = normalize({
    fiscalYear: input.fiscalYear, periodType: input.periodType, period: input.period, audited: input.audited, auditor: orNull(input.auditor),
    currency: input.currency.toUpperCase(), totalAssets: input.totalAssets, currentAssets: orNull(input.currentAssets), totalLiabilities: input.totalLiabilities,
    currentLiabilities: orNull(input.currentLiabilities), ownersEquity: input.ownersEquity, operatingRevenue: input.operatingRevenue,
    operatingCost: orNull(input.operatingCost), totalProfit: orNull(input.totalProfit), netProfit: input.netProfit,
    operatingCashFlow: orNull(input.operatingCashFlow), employees: input.employees ?? null, remark: orNull(input.remark),
  });
  const errors = await check(db, s);
  if (errors.length) throw invalid(...errors);
  return onDuplicate(() => s, () => db.transaction().execute(async (tx) => {
    const c = await lockCreditCustomer(tx, actor, customerId);
    await assertPeriodFree(tx, customerId, s, null);
    const user = userOf(actor);
    const row = await tx.insertInto('financial_statement').values({ customer_id: customerId, ...columnsOf(s), created_by: user, updated_by: user })
      .returning(['id', 'version']).executeTakeFirstOrThrow();
    await writeAudit(tx, actor, { action: 'customer.financials.create', entityType: 'customer', entityId: customerId,
      after: { statementId: row.id, customerNo: c.customer_no, ...s } });
    return { id: row.id, version: row.version, ratios: statementRatios(s) };
  }));
}

async function lockStatement(tx: Tx, customerId: number, statementId: number) {
  const row = await tx.selectFrom('financial_statement').selectAll().where('id', '=', statementId).where('customer_id', '=', customerId)
    .where('deleted_at', 'is', null).forUpdate().executeTakeFirst();
  if (!row) throw notFound('financial_statement');
  return row;
}

export async function updateStatement(db: Database, actor: Actor, customerId: number, statementId: number, patch: UpdateStatement) {
  let target: Statement | undefined;
  return onDuplicate(() => target, () => db.transaction().execute(async (tx) => {
    const c = await lockCreditCustomer(tx, actor, customerId);
    const row = await lockStatement(tx, customerId, statementId);
    if (row.version !== patch.version) throw conflict();
    const before = valuesOf(row);
    let after: Statement = { ...before };
    for (const a of ATTRIBUTES) {
      const v = patch[a];
      if (v !== undefined) (after as unknown as Record<string, unknown>)[a] = typeof v === 'string' ? orNull(v) : v;
    }
    after = target = normalize(after);
    if (patch.currency !== undefined) after.currency = patch.currency.toUpperCase();
    // Marking a statement unaudited takes its auditor away unless the clerk named one (which check() refuses).
    if (patch.audited === false && patch.auditor === undefined) after.auditor = null;
    const errors = await check(tx, after);
    if (errors.length) throw invalid(...errors);
    const changed = ATTRIBUTES.filter((a) => String(before[a]) !== String(after[a]));
    if (!changed.length) return { id: statementId, version: row.version, ratios: statementRatios(after), changed: 0 };
    if (changed.some((a) => a === 'fiscalYear' || a === 'periodType' || a === 'period')) await assertPeriodFree(tx, customerId, after, statementId);
    const updated = await tx.updateTable('financial_statement').set({ ...columnsOf(after), updated_by: userOf(actor), updated_at: new Date(), version: row.version + 1 })
      .where('id', '=', statementId).returning('version').executeTakeFirstOrThrow();
    const pick = (s: Statement) => Object.fromEntries(changed.map((a) => [a, s[a]]));
    await writeAudit(tx, actor, { action: 'customer.financials.update', entityType: 'customer', entityId: customerId,
      before: { statementId, ...pick(before) }, after: { statementId, customerNo: c.customer_no, fiscalYear: after.fiscalYear, periodType: after.periodType, period: after.period, ...pick(after) } });
    return { id: statementId, version: updated.version, ratios: statementRatios(after), changed: changed.length };
  }));
}

export async function deleteStatement(db: Database, actor: Actor, customerId: number, statementId: number) {
  return db.transaction().execute(async (tx) => {
    const c = await lockCreditCustomer(tx, actor, customerId);
    const row = await lockStatement(tx, customerId, statementId);
    const user = userOf(actor);
    await tx.updateTable('financial_statement').set({ deleted_at: new Date(), deleted_by: user, updated_by: user, updated_at: new Date(), version: row.version + 1 })
      .where('id', '=', statementId).execute();
    await writeAudit(tx, actor, { action: 'customer.financials.delete', entityType: 'customer', entityId: customerId,
      before: { statementId, customerNo: c.customer_no, ...valuesOf(row) } });
    return { id: statementId };
  });
}
