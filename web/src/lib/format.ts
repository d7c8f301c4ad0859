// Display helpers shared by every page: dates in the bank's usual notation, names in the UI language.
import dayjs from 'dayjs';
import type { Lang } from '../api/client';

export const formatDateTime = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '—');
export const formatDate = (v: string | null | undefined) => (v ? dayjs(v).format('YYYY-MM-DD') : '—');
export const today = () => dayjs().format('YYYY-MM-DD');
export const orDash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : String(v));

export interface BilingualName { nameZh: string; nameEn: string }
export const localName = (lang: Lang, n: BilingualName | null | undefined) => (n ? (lang === 'en-US' ? n.nameEn : n.nameZh) : '');

/** Empty strings from optional inputs become null, the way the API expects "not given". */
export const blankToNull = <T extends object>(values: T): T =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' && v.trim() === '' ? null : v])) as T;

/** An exact decimal amount ("1234567.5") with thousands separators, never through floating point. */
export function formatMoney(v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === '') return '—';
  const [int, frac = ''] = String(v).split('.');
  const sign = int!.startsWith('-') ? '-' : '';
  const digits = int!.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${digits}.${(frac + '00').slice(0, 2)}`;
}
