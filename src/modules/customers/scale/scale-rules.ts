// The SME classification of 工信部联企业〔2011〕300号 (中小企业划型标准规定) as the CRM applies
// it: the rule of the customer's industry (GB/T 4754-2017 code, longest listed prefix wins) and the
// figures of his latest annual statement give a suggested size. The thresholds are rows of
// sme_scale_rule (migration 0038) so a revised standard is a data change, not a release.
import type { Executor } from '../../../db/database.ts';
import type { ScaleMetric, ScaleThresholds } from '../../../db/schema.ts';

export const SCALES = ['large', 'medium', 'small', 'micro'] as const;
export type Scale = (typeof SCALES)[number];
const RANKED = ['large', 'medium', 'small'] as const;

export interface ScaleRule { category: string; nameZh: string; nameEn: string; industries: string[]; thresholds: ScaleThresholds; version: number }

/** The figures the standard reads: persons, and yuan as decimal strings (numeric columns). */
export interface ScaleFacts { employees: number | null; revenue: string | null; totalAssets: string | null }

export async function loadScaleRules(db: Executor): Promise<ScaleRule[]> {
  const rows = await db.selectFrom('sme_scale_rule').select(['category', 'name_zh', 'name_en', 'industries', 'thresholds', 'version'])
    .orderBy('sort_order').execute();
  return rows.map((r) => ({ category: r.category, nameZh: r.name_zh, nameEn: r.name_en, industries: r.industries, thresholds: r.thresholds, version: r.version }));
}

/**
 * The rule for an industry code: '3311' and '33' fall under the rule listing '33'; '7010' under
 * '701' even where another rule lists '70'. A section letter alone ('C') is too coarse for rules
 * that split a section (real estate), so only a rule listing every division of it would match —
 * none does; such a customer gets no suggestion until his industry is keyed to a division.
 */
export function ruleForIndustry(rules: ScaleRule[], industryCode: string | null): ScaleRule | null {
  if (!industryCode) return null;
  let best: { rule: ScaleRule; length: number } | null = null;
  for (const rule of rules) {
    for (const prefix of rule.industries) {
      if (industryCode.startsWith(prefix) && (!best || prefix.length > best.length)) best = { rule, length: prefix.length };
    }
  }
  return best?.rule ?? null;
}

/** The metrics a rule reads, whichever size lists them. */
export const metricsOf = (rule: ScaleRule): ScaleMetric[] =>
  [...new Set(RANKED.flatMap((size) => Object.keys(rule.thresholds[size] ?? {}) as ScaleMetric[]))];

const valueOf = (facts: ScaleFacts, metric: ScaleMetric): number | null => {
  const v = facts[metric];
  return v === null || v === undefined ? null : Number(v);
};

/**
 * The first size whose every minimum the customer reaches (下限须同时满足，否则下划一档), micro
 * otherwise; null with the missing metrics when a figure the rule reads is not known.
 */
export function classify(rule: ScaleRule, facts: ScaleFacts): { scale: Scale; missing: [] } | { scale: null; missing: ScaleMetric[] } {
  const missing = metricsOf(rule).filter((m) => valueOf(facts, m) === null);
  if (missing.length) return { scale: null, missing };
  for (const size of RANKED) {
    const minima = Object.entries(rule.thresholds[size] ?? {}) as [ScaleMetric, number][];
    if (minima.length && minima.every(([metric, min]) => valueOf(facts, metric)! >= min)) return { scale: size, missing: [] };
  }
  return { scale: 'micro', missing: [] };
}
