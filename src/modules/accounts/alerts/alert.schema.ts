// Shapes of ACC-4 account alerts: the settings that tune them and the workbench requests.
// Every rule carries its own message code (alert.messages.ts), so a refused setting says why.
import { z } from 'zod';
import { bigRecordIdParam } from '../../../common/id.ts';

export const ALERT_KINDS = ['maturity', 'large_change'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

const windowDays = z.number({ error: 'alerts.window_range' }).int('alerts.window_range').min(1, 'alerts.window_range').max(366, 'alerts.window_range');

/**
 * accounts.maturity_windows: how many days ahead of maturity to warn, e.g. [30, 7] — a warning on
 * entering each window. Kept widest first, the order the raising query does not care about but
 * people reading the setting do.
 */
export const maturityWindowsSchema = z.array(windowDays, { error: 'alerts.windows_count' })
  .min(1, 'alerts.windows_count').max(4, 'alerts.windows_count')
  .refine((ws) => new Set(ws).size === ws.length, 'alerts.windows_distinct')
  .transform((ws) => [...ws].sort((a, b) => b - a));

/**
 * accounts.large_change_threshold: yuan as text ("500000.00"). A day-over-day change of at least
 * this much raises an alert, so it must be positive: 0 would raise one for every account.
 */
export const largeChangeThresholdSchema = z.string({ error: 'alerts.threshold_format' }).trim()
  .regex(/^\d{1,16}(\.\d{1,2})?$/, 'alerts.threshold_format')
  .refine((v) => /[1-9]/.test(v), 'alerts.threshold_positive')
  // "500000" and "0500000.5" are stored as "500000.00" and "500000.50".
  .transform((v) => { const [yuan, fen = ''] = v.split('.'); return `${BigInt(yuan!)}.${fen.padEnd(2, '0')}`; });

/**
 * accounts.large_change_keep_days: a large-change alert left open this many days after its business
 * date expires, so a workbench nobody clears does not grow without end (the change is history by
 * then; the balance trend still shows it).
 */
export const largeChangeKeepDaysSchema = z.number({ error: 'alerts.keep_days_range' }).int('alerts.keep_days_range')
  .min(1, 'alerts.keep_days_range').max(366, 'alerts.keep_days_range');

export const alertSettingsBody = z.strictObject({
  maturityWindows: maturityWindowsSchema,
  largeChangeThreshold: largeChangeThresholdSchema,
  largeChangeKeepDays: largeChangeKeepDaysSchema,
});
export type AlertSettings = z.infer<typeof alertSettingsBody>;

export const alertListQuery = z.strictObject({
  kind: z.enum(ALERT_KINDS).default('maturity'),
  status: z.enum(['open', 'done']).default('open'),
  page: z.coerce.number().int().min(1).max(500).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type AlertListQuery = z.infer<typeof alertListQuery>;

export const alertParams = z.strictObject({ id: bigRecordIdParam });

/** One row of the workbench list, as the web app reads it. */
export interface AccountAlertView {
  id: number; kind: AlertKind; status: 'open' | 'done';
  customer: { id: number; customerNo: string; name: string };
  accountId: number; accountNo: string; masked: boolean;
  productNameZh: string; productNameEn: string; currency: string;
  businessDate: string; balance: string;
  /** maturity only */
  maturityOn: string | null; daysLeft: number | null; windowDays: number | null;
  /** large_change only: balance − previous balance, signed. */
  previousBalance: string | null; change: string | null;
  doneAt: Date | null; doneBy: string | null;
}
export interface AccountAlertPage { total: number; counts: Record<AlertKind, number>; items: AccountAlertView[] }
