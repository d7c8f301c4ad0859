// The relationship level's scorecard (REL-10, REL-11; seed 001 §4.2): five levels in order —
// 离散 discrete (no account: the customer stays outside), 松散 loose, 密切 close, 紧密 tight,
// 战略合作伙伴 strategic partner — judged from the seed's indicators the book records. Each
// indicator is scaled to 0…1 and weighted (weights sum to 100, so the score is 0…100); the level
// is the highest whose threshold the score reaches. Complaints, suggestions, referrals,
// satisfaction and contribution are not recorded yet and count nothing (docs/relationships.md).
import { z } from 'zod';

export const LEVELS = [1, 2, 3, 4, 5] as const;
export const LEVEL_NAMES = {
  'zh-CN': { 1: '离散关系', 2: '松散关系', 3: '密切关系', 4: '紧密关系', 5: '战略合作伙伴关系' },
  'en-US': { 1: 'Discrete', 2: 'Loose', 3: 'Close', 4: 'Tight', 5: 'Strategic partner' },
} as const;

/** The indicators, each scaled to 0…1 (level.service.ts says how). */
export const INDICATORS = ['accounts', 'productKinds', 'volume', 'transactions', 'tenure', 'credit'] as const;
export type Indicator = (typeof INDICATORS)[number];

const weight = z.number().min(0).max(100);
export const levelRulesSchema = z.strictObject({
  weights: z.strictObject({ accounts: weight, productKinds: weight, volume: weight, transactions: weight, tenure: weight, credit: weight }),
  /** What counts as "full" for the indicators that are not counts of kinds. */
  full: z.strictObject({
    accounts: z.number().int().min(1).max(100),
    productKinds: z.number().int().min(1).max(5),
    volume: z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, 'network.level.amount_format'),
    transactions: z.number().int().min(1).max(100_000),
    tenureYears: z.number().int().min(1).max(100),
  }),
  /** The least score of each level above discrete. */
  thresholds: z.strictObject({ loose: weight, close: weight, tight: weight, strategic: weight }),
}).superRefine((r, ctx) => {
  const sum = Object.values(r.weights).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > 1e-9) ctx.addIssue({ code: 'custom', path: ['weights'], message: 'network.level.weights_sum' });
  const t = r.thresholds;
  if (!(t.loose < t.close && t.close < t.tight && t.tight < t.strategic)) ctx.addIssue({ code: 'custom', path: ['thresholds'], message: 'network.level.not_ascending' });
  if (Number(r.full.volume) <= 0) ctx.addIssue({ code: 'custom', path: ['full', 'volume'], message: 'network.level.amount_format' });
});
export type LevelRules = z.infer<typeof levelRulesSchema>;

export const DEFAULT_LEVEL_RULES: LevelRules = {
  weights: { accounts: 15, productKinds: 25, volume: 25, transactions: 20, tenure: 10, credit: 5 },
  full: { accounts: 3, productKinds: 4, volume: '10000000.00', transactions: 30, tenureYears: 10 },
  thresholds: { loose: 10, close: 35, tight: 55, strategic: 75 },
};
