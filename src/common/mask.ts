// PIPL masking of personal identifiers for roles that may not see them in full (PLAT-2).
// Masks keep enough to recognise a record on a phone call (last digits) and nothing more.

/** 13812345678 → 138****5678; other phone formats keep their last 4 digits. */
export function maskPhone(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  if (/^1\d{10}$/.test(value)) return `${value.slice(0, 3)}****${value.slice(7)}`;
  return value.length <= 4 ? '****' : `${'*'.repeat(Math.min(value.length - 4, 8))}${value.slice(-4)}`;
}

/** zhang.san@bank.cn → z***@bank.cn */
export function maskEmail(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  const at = value.lastIndexOf('@');
  if (at < 1) return '***';
  return `${value[0]}***${value.slice(at)}`;
}

/**
 * Resident ID 110101199003071234 → 110101********1234 (region kept, birth date hidden). Shorter
 * documents (passports E12345678, permits) keep the first and last two characters.
 */
export function maskIdNumber(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  if (value.length <= 4) return '*'.repeat(value.length);
  if (value.length < 15) return `${value.slice(0, 1)}${'*'.repeat(value.length - 3)}${value.slice(-2)}`;
  return `${value.slice(0, 6)}${'*'.repeat(value.length - 10)}${value.slice(-4)}`;
}

/** Addresses keep the first 6 characters (province, city) and hide the rest. */
export function maskAddress(value: string | null | undefined): string | null {
  if (!value) return value ?? null;
  return value.length <= 6 ? value : `${value.slice(0, 6)}****`;
}
