// Run-time configuration kept in the `setting` table. Each key has a zod schema and a default;
// a value that fails its schema is refused on write and replaced by the default on read.
import type { z } from 'zod';
import type { Executor, Tx } from '../../db/database.ts';
import { MLPS_POLICY, securityPolicySchema } from '../auth/password-policy.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { AppError } from '../../common/http/errors.ts';
import { certificateAuthoritiesSchema, type CertificateAuthorities } from '../customers/certificates/certificate.schema.ts';
import { closureRulesSchema, DEFAULT_CLOSURE_RULES } from '../accounts/signings/signing.schema.ts';
import { largeChangeKeepDaysSchema, largeChangeThresholdSchema, maturityWindowsSchema } from '../accounts/alerts/alert.schema.ts';
import { demoBookStateSchema } from '../../demo/book-state.ts';
import { imageMaxBytesSchema } from '../images/image.schema.ts';
import { DEFAULT_SCORECARD, scorecardSchema } from '../warnings/scorecard.ts';
import { DEFAULT_INFORMATION_REVIEW, informationReviewSettingsSchema } from '../customers/information-review/review-settings.ts';
import { DEFAULT_RESPONSIBILITY_RULES, responsibilityRulesSchema } from '../managers/responsibility/responsibility.rules.ts';
import { DEFAULT_LEVEL_RULES, levelRulesSchema } from '../network/level/level.rules.ts';

const SETTINGS = {
  'security.policy': { schema: securityPolicySchema, default: MLPS_POLICY },
  // CIF-21…23: default issuing authorities of corporate certificates (bank-specific: none shipped).
  'customers.certificate_authorities': { schema: certificateAuthoritiesSchema, default: {} as CertificateAuthorities },
  // ACC-4: warn 30 and 7 days before a deposit or loan matures; a day-over-day change of 500,000 yuan or more is large.
  'accounts.maturity_windows': { schema: maturityWindowsSchema, default: [30, 7] },
  'accounts.large_change_threshold': { schema: largeChangeThresholdSchema, default: '500000.00' },
  // A large-change alert still open 30 days after its business date expires.
  'accounts.large_change_keep_days': { schema: largeChangeKeepDaysSchema, default: 30 },
  // ACC-6: what an active signing of each kind does to closing its account (docs/signings.md).
  'accounts.closure_rules': { schema: closureRulesSchema, default: DEFAULT_CLOSURE_RULES },
  // The demo book of the embedded database: written 'building' before and 'complete' after, so a
  // start after an interrupted build knows the book is half made.
  'demo.book': { schema: demoBookStateSchema, default: { status: 'none' as const } },
  // CIF-44: the largest scan accepted, in bytes (20 MiB: a multi-page colour PDF at 300 dpi).
  'images.max_bytes': { schema: imageMaxBytesSchema, default: 20 * 1024 * 1024 },
  // CIF-40: which customer information changes go to 信息复核岗 before they take effect.
  'customers.information_review': { schema: informationReviewSettingsSchema, default: DEFAULT_INFORMATION_REVIEW },
  // REL-24: the thresholds proposing who answers for a customer (docs/managers-performance.md).
  'managers.responsibility_rules': { schema: responsibilityRulesSchema, default: DEFAULT_RESPONSIBILITY_RULES },
  // REL-10/11: the relationship level's weights and thresholds (docs/relationships.md).
  'network.relationship_levels': { schema: levelRulesSchema, default: DEFAULT_LEVEL_RULES },
  // WARN-1: the churn scorecard (bins → points, level thresholds, crisis rules, escalation days).
  'warnings.scorecard': { schema: scorecardSchema, default: DEFAULT_SCORECARD },
} as const;

export type SettingKey = keyof typeof SETTINGS;
type ValueOf<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;

export async function getSetting<K extends SettingKey>(db: Executor, key: K): Promise<ValueOf<K>> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  const parsed = SETTINGS[key].schema.safeParse(row?.value);
  return (parsed.success ? parsed.data : SETTINGS[key].default) as ValueOf<K>;
}

export async function putSetting<K extends SettingKey>(tx: Tx, actor: Actor, key: K, value: unknown): Promise<ValueOf<K>> {
  const parsed = SETTINGS[key].schema.safeParse(value);
  if (!parsed.success) throw new AppError('common.validation', 422, {}, parsed.error.issues.map((i) => ({ path: i.path.join('.'), code: /^[a-z_]+\.[a-z_.]+$/.test(i.message) ? i.message : i.code })));
  const before = await getSetting(tx, key);
  await tx.insertInto('setting').values({ key, value: JSON.stringify(parsed.data), updated_by: actor.id })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(parsed.data), updated_by: actor.id, updated_at: new Date() }))
    .execute();
  await writeAudit(tx, actor, { action: 'setting.update', entityType: 'setting', entityId: key, before, after: parsed.data });
  return parsed.data as ValueOf<K>;
}
