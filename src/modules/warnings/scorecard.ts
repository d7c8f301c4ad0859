// WARN-1 the churn scorecard: each indicator's value falls into a bin worth some points; the
// points add up to the churn score; thresholds turn the score into yellow (苗头) / orange
// (可能性加大) / red (即将发生). A head office edits bins, points and thresholds as a setting
// (warnings.scorecard). Deliberately no fitted black box: every alert names the indicators and the
// points that made it (WARN-4 factor analysis).
import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';

/**
 * The indicators the book's data really has (docs/early-warning.md). Complaints and outflows to
 * other banks are not in the feed (no complaint records, no counterparty bank code): absent, never faked.
 */
export const INDICATORS = [
  'balance_change_1m', 'balance_change_3m', 'balance_change_6m',
  'average_change_1m', 'average_change_3m', 'average_change_6m',
  'product_kinds_lost', 'txn_count_ratio', 'txn_amount_ratio', 'days_since_txn',
  'accounts_closed_90d', 'maturities_not_renewed_90d', 'signings_terminated_90d', 'relationship_ended',
] as const;
export type IndicatorCode = (typeof INDICATORS)[number];
export const NOT_AVAILABLE = ['complaints', 'outflows_other_banks'] as const;

export const LEVELS = ['yellow', 'orange', 'red'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_RANK: Record<Level, number> = { yellow: 1, orange: 2, red: 3 };

const bound = z.number().finite().min(-1e9).max(1e9).nullable();
const binSchema = z.object({ from: bound, to: bound, points: z.number().int('warnings.points_range').min(0, 'warnings.points_range').max(1000, 'warnings.points_range') }).strict()
  .refine((b) => b.from === null || b.to === null || b.from < b.to, { message: 'warnings.bin_order', path: ['to'] });
const indicatorSchema = z.object({ bins: z.array(binSchema).max(6, 'warnings.bins_count') }).strict()
  .refine((i) => noOverlap(i.bins), { message: 'warnings.bins_overlap', path: ['bins'] });

export const scorecardSchema = z.object({
  indicators: z.object(Object.fromEntries(INDICATORS.map((c) => [c, indicatorSchema])) as Record<IndicatorCode, typeof indicatorSchema>).strict(),
  thresholds: z.object({ yellow: z.number().int().min(1).max(10000), orange: z.number().int().min(1).max(10000), red: z.number().int().min(1).max(10000) }).strict()
    .refine((t) => t.yellow < t.orange && t.orange < t.red, { message: 'warnings.threshold_order', path: ['orange'] }),
  rules: z.object({
    // Severe crisis (重度): no transaction for this many days, or every account closed.
    severeInactiveDays: z.number().int().min(7).max(3650),
    // Mild crisis (轻度): a product kind lost, an account closed, or activity below this share of the own baseline.
    mildActivityRatio: z.number().min(0).max(1),
  }).strict(),
  // A red alert with no contact recorded this many working days after it turned red reaches the institution above.
  escalationWorkingDays: z.number().int().min(1).max(60),
}).strict();
export type Scorecard = z.infer<typeof scorecardSchema>;
export type Bin = z.infer<typeof binSchema>;

function noOverlap(bins: Bin[]): boolean {
  const lo = (b: Bin) => b.from ?? -Infinity;
  const hi = (b: Bin) => b.to ?? Infinity;
  const sorted = [...bins].sort((a, b) => lo(a) - lo(b));
  return sorted.every((b, i) => i === 0 || lo(b) >= hi(sorted[i - 1]!));
}

const bins = (...b: [number | null, number | null, number][]) => ({ bins: b.map(([from, to, points]) => ({ from, to, points })) });

/**
 * Defaults, chosen so that one strong sign is yellow, a decline on two fronts orange, and a
 * stopped or ending relationship red (the backtest in docs/early-warning.md measures them).
 * Changes are ratios (−0.5 = fell by half); ratios of activity are recent ÷ own baseline.
 */
export const DEFAULT_SCORECARD: Scorecard = {
  indicators: {
    balance_change_1m: bins([null, -0.5, 20], [-0.5, -0.3, 10]),
    balance_change_3m: bins([null, -0.7, 25], [-0.7, -0.4, 15]),
    balance_change_6m: bins([null, -0.7, 15], [-0.7, -0.4, 8]),
    average_change_1m: bins([null, -0.5, 15], [-0.5, -0.3, 8]),
    average_change_3m: bins([null, -0.5, 15], [-0.5, -0.3, 8]),
    average_change_6m: bins([null, -0.5, 10], [-0.5, -0.3, 5]),
    product_kinds_lost: bins([1, 2, 15], [2, null, 25]),
    txn_count_ratio: bins([null, 0.2, 25], [0.2, 0.5, 15]),
    txn_amount_ratio: bins([null, 0.2, 20], [0.2, 0.5, 10]),
    // Many savers transact rarely: silence alone weighs little until it is long; against the
    // customer's own pace the activity ratios above say more.
    days_since_txn: bins([60, 90, 10], [90, 180, 20], [180, null, 30]),
    accounts_closed_90d: bins([1, 2, 10], [2, null, 20]),
    maturities_not_renewed_90d: bins([1, null, 15]),
    signings_terminated_90d: bins([1, null, 10]),
    relationship_ended: bins([1, null, 100]),
  },
  thresholds: { yellow: 30, orange: 60, red: 90 },
  rules: { severeInactiveDays: 60, mildActivityRatio: 0.5 },
  escalationWorkingDays: 3,
};

/** One indicator's points: the first bin holding the value; a value not available scores nothing. */
function pointsOf(code: IndicatorCode, card: Scorecard, alias: string): RawBuilder<number> {
  const v = sql.ref(`${alias}.${code}`);
  const arms = card.indicators[code].bins.map((b) => {
    const conds = [b.from === null ? null : sql`${v} >= ${b.from}`, b.to === null ? null : sql`${v} < ${b.to}`].filter((c) => c !== null);
    return sql`when ${conds.length ? sql.join(conds, sql` and `) : sql`true`} then ${b.points}::int`;
  });
  return arms.length ? sql<number>`(case when ${v} is null then 0 ${sql.join(arms, sql` `)} else 0 end)` : sql<number>`0`;
}

/**
 * Columns scoring the indicator row `alias`: p_<code> per indicator, score, level, crisis. Set-based:
 * the whole book in one SELECT whatever the number of customers.
 */
export function scoredColumns(card: Scorecard, alias: string): RawBuilder<unknown> {
  const pts = INDICATORS.map((c) => sql`${pointsOf(c, card, alias)} as ${sql.ref(`p_${c}`)}`);
  return sql.join(pts);
}

/** The level of a score expression under the card's thresholds. */
export function levelOf(card: Scorecard, score: RawBuilder<number>): RawBuilder<string | null> {
  const t = card.thresholds;
  return sql`(case when ${score} >= ${t.red} then 'red' when ${score} >= ${t.orange} then 'orange' when ${score} >= ${t.yellow} then 'yellow' end)`;
}

/** WARN-2 as rules on the indicator row: severe = stopped transacting or relationship ended; mild = product loss. */
export function crisisOf(card: Scorecard, alias: string): RawBuilder<string | null> {
  const r = (c: IndicatorCode) => sql.ref(`${alias}.${c}`);
  return sql`(case when ${r('relationship_ended')} = 1 or ${r('days_since_txn')} >= ${card.rules.severeInactiveDays} then 'severe'
    when ${r('product_kinds_lost')} > 0 or ${r('accounts_closed_90d')} > 0 or ${r('maturities_not_renewed_90d')} > 0 or ${r('signings_terminated_90d')} > 0
      or ${r('txn_count_ratio')} < ${card.rules.mildActivityRatio} or ${r('txn_amount_ratio')} < ${card.rules.mildActivityRatio} then 'mild' end)`;
}

/** Sum of the p_<code> columns of `alias`. */
export const scoreSum = (alias: string): RawBuilder<number> => sql<number>`(${sql.join(INDICATORS.map((c) => sql.ref(`${alias}.p_${c}`)), sql` + `)})`;

/** The factors of `alias` (values and points of the indicators that scored), as jsonb, largest first. */
export function factorsJson(valueAlias: string, pointAlias: string): RawBuilder<unknown> {
  const items = INDICATORS.map((c) => sql`select ${c}::text as code, ${sql.ref(`${valueAlias}.${c}`)}::float8 as value, ${sql.ref(`${pointAlias}.p_${c}`)}::int as points`);
  return sql`(select coalesce(jsonb_agg(jsonb_build_object('code', f.code, 'value', round(f.value::numeric, 4), 'points', f.points) order by f.points desc, f.code), '[]'::jsonb)
     from (${sql.join(items, sql` union all `)}) f where f.points > 0)`;
}
