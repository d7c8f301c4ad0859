// A corporate customer's scale attribute (CIF-27): what it is, what the classification rules
// suggest from his industry and latest annual statement, and the rules themselves (head office).
// The attribute is set when the customer is opened and afterwards changes only through the
// approval type 'customer.scale' (scale.workflow.ts).
import { z } from 'zod';
import type { Database, Executor } from '../../../db/database.ts';
import type { ScaleThresholds } from '../../../db/schema.ts';
import { conflict, invalid, notFound } from '../../../common/http/errors.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { customerInScope } from '../customer.queries.ts';
import { classify, loadScaleRules, ruleForIndustry, type Scale, type ScaleFacts } from './scale-rules.ts';

/** The customer as the scale screens need him, in the reader's scope. */
export async function scaleSubject(db: Executor, actor: Actor | null, customerId: number) {
  let q = db.selectFrom('customer').leftJoin('corporate_customer as cc', 'cc.customer_id', 'customer.id')
    .select(['customer.id', 'customer.kind', 'customer.status', 'customer.customer_no', 'customer.name', 'customer.version', 'cc.scale', 'cc.industry_code'])
    .where('customer.id', '=', customerId);
  if (actor) q = q.where(customerInScope(actor));
  const c = await q.executeTakeFirst();
  if (!c) throw notFound('customer');
  if (c.kind !== 'corporate') throw invalid({ path: 'id', code: 'customers.scale.corporate_only' });
  return { ...c, scale: (c.scale ?? null) as Scale | null };
}

/** The latest annual statement's figures: the standard reads a year's revenue and year-end assets and staff. */
async function latestAnnualFacts(db: Executor, customerId: number): Promise<(ScaleFacts & { fiscalYear: number }) | null> {
  const row = await db.selectFrom('financial_statement').select(['fiscal_year', 'employees', 'operating_revenue', 'total_assets'])
    .where('customer_id', '=', customerId).where('deleted_at', 'is', null).where('period_type', '=', 'annual')
    .orderBy('fiscal_year', 'desc').limit(1).executeTakeFirst();
  if (!row) return null;
  return { fiscalYear: row.fiscal_year, employees: row.employees, revenue: row.operating_revenue, totalAssets: row.total_assets };
}

export type ScaleSuggestion =
  | { scale: Scale; category: string; fiscalYear: number; facts: ScaleFacts; reason: null }
  | { scale: null; category: string | null; fiscalYear: number | null; facts: ScaleFacts | null; reason: 'no_industry' | 'industry_not_covered' | 'no_annual_statement' | 'missing_figures'; missing?: string[] };

export async function suggestScale(db: Executor, customer: { id: number; industry_code: string | null }): Promise<ScaleSuggestion> {
  if (!customer.industry_code) return { scale: null, category: null, fiscalYear: null, facts: null, reason: 'no_industry' };
  const rule = ruleForIndustry(await loadScaleRules(db), customer.industry_code);
  if (!rule) return { scale: null, category: null, fiscalYear: null, facts: null, reason: 'industry_not_covered' };
  const annual = await latestAnnualFacts(db, customer.id);
  if (!annual) return { scale: null, category: rule.category, fiscalYear: null, facts: null, reason: 'no_annual_statement' };
  const { fiscalYear, ...facts } = annual;
  const result = classify(rule, facts);
  if (result.scale === null) return { scale: null, category: rule.category, fiscalYear, facts, reason: 'missing_figures', missing: result.missing };
  return { scale: result.scale, category: rule.category, fiscalYear, facts, reason: null };
}

/** GET /customers/:id/scale — the attribute, the suggestion and the rule it came from. */
export async function customerScale(db: Database, actor: Actor, customerId: number) {
  const c = await scaleSubject(db, actor, customerId);
  return { customerId: c.id, scale: c.scale, industryCode: c.industry_code, suggestion: await suggestScale(db, c) };
}

export async function listScaleRules(db: Database) {
  return loadScaleRules(db);
}

const metricMinimum = z.number().int().min(0).max(1e15);
const sizeMinima = z.strictObject({ employees: metricMinimum.optional(), revenue: metricMinimum.optional(), totalAssets: metricMinimum.optional() })
  .refine((m) => Object.keys(m).length > 0, { message: 'at least one metric' });
export const scaleRuleBody = z.strictObject({
  version: z.number().int().positive(),
  thresholds: z.strictObject({ large: sizeMinima, medium: sizeMinima, small: sizeMinima }),
});

/**
 * A revised standard: a head-office administrator replaces one category's minima. Larger sizes
 * must ask at least as much of every metric as smaller ones, or a customer could be "large" and
 * not "medium" at once. Audited with before and after.
 */
export async function updateScaleRule(db: Database, actor: Actor, category: string, body: z.infer<typeof scaleRuleBody>) {
  const t = body.thresholds as ScaleThresholds;
  const metrics = [...new Set(Object.values(t).flatMap((m) => Object.keys(m)))] as (keyof typeof t.large)[];
  for (const m of metrics) {
    for (const [bigger, smaller] of [['large', 'medium'], ['medium', 'small']] as const) {
      const b = t[bigger][m], s = t[smaller][m];
      if (b === undefined || s === undefined) throw invalid({ path: `thresholds.${bigger}.${m}`, code: 'customers.scale.metric_everywhere', params: { metric: m } });
      if (b < s) throw invalid({ path: `thresholds.${bigger}.${m}`, code: 'customers.scale.thresholds_order', params: { metric: m } });
    }
  }
  return db.transaction().execute(async (tx) => {
    const row = await tx.selectFrom('sme_scale_rule').select(['thresholds', 'version']).where('category', '=', category).forUpdate().executeTakeFirst();
    if (!row) throw notFound('sme_scale_rule');
    if (row.version !== body.version) throw conflict();
    const updated = await tx.updateTable('sme_scale_rule').set({ thresholds: JSON.stringify(t), version: row.version + 1, updated_at: new Date(), updated_by: actor.kind === 'user' ? actor.id : null })
      .where('category', '=', category).returning('version').executeTakeFirstOrThrow();
    await writeAudit(tx, actor, { action: 'scale_rule.update', entityType: 'sme_scale_rule', entityId: category, before: { thresholds: row.thresholds }, after: { thresholds: t } });
    return { category, version: updated.version };
  });
}
