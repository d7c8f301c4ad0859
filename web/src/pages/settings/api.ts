import type { SecurityPolicy } from '../../../../src/modules/auth/password-policy.ts';
import { api } from '../../api/client';

export type { SecurityPolicy };
export const POLICY_KEY = ['settings', 'security-policy'] as const;
export const fetchPolicy = (signal?: AbortSignal) => api.get<SecurityPolicy>('/settings/security-policy', undefined, signal);
export const savePolicy = (p: SecurityPolicy) => api.put<SecurityPolicy>('/settings/security-policy', p);

/** The form's fields as data: the server's bounds, the unit, and the MLPS level-3 expectation. */
export type PolicyGroup = 'password' | 'lockout' | 'session';
type NumericPolicyField = { [K in keyof SecurityPolicy]: SecurityPolicy[K] extends number ? K : never }[keyof SecurityPolicy];
export const POLICY_FIELDS: { name: NumericPolicyField; group: PolicyGroup; min: number; max: number; unit: 'chars' | 'classes' | 'days' | 'times' | 'minutes' | 'passwords' }[] = [
  { name: 'minLength', group: 'password', min: 8, max: 64, unit: 'chars' },
  { name: 'minClasses', group: 'password', min: 1, max: 4, unit: 'classes' },
  { name: 'maxAgeDays', group: 'password', min: 0, max: 3650, unit: 'days' },
  { name: 'historyCount', group: 'password', min: 0, max: 24, unit: 'passwords' },
  { name: 'maxFailures', group: 'lockout', min: 1, max: 20, unit: 'times' },
  { name: 'lockMinutes', group: 'lockout', min: 1, max: 1440, unit: 'minutes' },
  { name: 'addressMaxFailures', group: 'lockout', min: 1, max: 1000, unit: 'times' },
  { name: 'addressWindowMinutes', group: 'lockout', min: 1, max: 1440, unit: 'minutes' },
  { name: 'idleMinutes', group: 'session', min: 1, max: 30, unit: 'minutes' },
];
export const POLICY_GROUPS: readonly PolicyGroup[] = ['password', 'lockout', 'session'];

/** ACC-4 account alert settings (docs/account-alerts.md). */
export interface AlertSettings { maturityWindows: number[]; largeChangeThreshold: string; largeChangeKeepDays: number }
export const ALERT_SETTINGS_KEY = ['settings', 'account-alerts'] as const;
export const fetchAlertSettings = (signal?: AbortSignal) => api.get<AlertSettings>('/settings/account-alerts', undefined, signal);
export const saveAlertSettings = (s: AlertSettings) => api.put<AlertSettings>('/settings/account-alerts', s);
