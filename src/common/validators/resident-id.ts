/**
 * Citizen identity number (公民身份号码) of a mainland resident ID card, GB 11643-1999.
 *
 * Layout of the 18 characters:
 *
 * | positions | meaning                                                                  |
 * |-----------|--------------------------------------------------------------------------|
 * | 1–6       | address code: the GB/T 2260 administrative division where it was issued  |
 * | 7–14      | birth date, YYYYMMDD (GB/T 7408)                                         |
 * | 15–17     | sequence code; the 17th digit is odd for men and even for women          |
 * | 18        | check character, ISO 7064 MOD 11-2: digit 0–9 or X (for 10)              |
 *
 * The check character: S = Σ aᵢ·Wᵢ over the first 17 digits with weights
 * Wᵢ = 2^(18−i) mod 11 = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; the character is
 * `10X98765432`[S mod 11].
 *
 * The legacy 15-digit number (GB 11643-1989: 6 address + YYMMDD + 3 sequence, no check
 * character) is accepted and upgraded the way the public security authorities did it: insert
 * "19" before the year and append the check character. (Sequence codes 996–999 of the 15-digit
 * scheme were reserved for people over 100, born in the 1800s; they are not given the "18"
 * century here, and the default earliest birth date rejects them.)
 *
 * The same layout is used by the residence permits for Hong Kong, Macao and Taiwan residents
 * (港澳台居民居住证, since 2018), whose address codes are 810000, 820000 and 830000; 83 is
 * therefore accepted as a first two digits even though GB/T 2260 has no province 83.
 * The 2023 foreigners' permanent residence ID card (starting with 9) is a different number and
 * is rejected as `region`.
 */

export type ResidentIdError = 'format' | 'region' | 'birth_date' | 'check_digit';

/** Gender code of GB/T 2261.1: 1 male, 2 female. */
export type GenderCode = '1' | '2';

export interface ResidentId {
  ok: true;
  /** 18 characters, upper-case X; a 15-digit input is returned upgraded. */
  normalized: string;
  /** YYYY-MM-DD */
  birthDate: string;
  /** GB/T 2261.1: '1' male (odd 17th digit), '2' female (even). */
  gender: GenderCode;
  /** The 6-digit GB/T 2260 address code (positions 1–6). */
  regionCode: string;
  /** The 3-digit sequence code (positions 15–17). */
  sequence: string;
  /** True when the input was a legacy 15-digit number. */
  upgradedFrom15: boolean;
}

export type ResidentIdResult = ResidentId | { ok: false; error: ResidentIdError };

export interface ResidentIdOptions {
  /**
   * Checks the full 6-digit address code against the caller's GB/T 2260 code table. Include
   * abolished codes: a card keeps the code of the division that issued it, so long-merged
   * counties still appear on valid cards. Without it only the province (first 2 digits) is checked.
   */
  isKnownDivision?: (code: string) => boolean;
  /** Today in YYYY-MM-DD, for a birth date in the future; default: today in China (UTC+8). */
  today?: string;
  /** Earliest birth date accepted, YYYY-MM-DD; default '1900-01-01'. */
  minBirthDate?: string;
}

/** First two digits of GB/T 2260 provinces, plus 83 of Taiwan residents' residence permits. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/**
 * The GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits, or null when the
 * argument is not 17 digits.
 */
export function residentIdCheckDigit(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Today's date in China (UTC+8, no daylight saving), YYYY-MM-DD. */
function todayInChina(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** YYYYMMDD → YYYY-MM-DD when it is a real calendar date, else null. */
function calendarDate(yyyymmdd: string): string | null {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day > days) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Parses and validates a citizen identity number (GB 11643-1999), 18 characters or the legacy
 * 15 digits. Surrounding and inner white space is ignored, full-width characters are folded
 * (NFKC) and a lower-case x is accepted. Checks, in this order: format, region (province, then
 * `isKnownDivision` if given), birth date (a real date, not before `minBirthDate`, not after
 * `today`), check character. Never throws.
 */
export function parseResidentId(
  input: string | null | undefined,
  opts: ResidentIdOptions = {},
): ResidentIdResult {
  if (typeof input !== 'string') return { ok: false, error: 'format' };
  let id = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  let upgradedFrom15 = false;
  if (/^\d{15}$/.test(id)) {
    id = `${id.slice(0, 6)}19${id.slice(6)}`;
    upgradedFrom15 = true;
  } else if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, error: 'format' };
  }
  const first17 = id.slice(0, 17);
  const regionCode = id.slice(0, 6);
  if (!PROVINCES.has(regionCode.slice(0, 2))) return { ok: false, error: 'region' };
  if (opts.isKnownDivision && !opts.isKnownDivision(regionCode)) return { ok: false, error: 'region' };

  const birthDate = calendarDate(id.slice(6, 14));
  const today = opts.today ?? todayInChina();
  const minBirthDate = opts.minBirthDate ?? '1900-01-01';
  if (birthDate === null || birthDate < minBirthDate || birthDate > today) {
    return { ok: false, error: 'birth_date' };
  }

  const check = residentIdCheckDigit(first17)!;
  if (upgradedFrom15) id = first17 + check;
  else if (id[17] !== check) return { ok: false, error: 'check_digit' };

  return {
    ok: true,
    normalized: id,
    birthDate,
    gender: Number(id[16]) % 2 === 1 ? '1' : '2',
    regionCode,
    sequence: id.slice(14, 17),
    upgradedFrom15,
  };
}

/** Convenience: the normalized 18-character number, or null when invalid. */
export function normalizeResidentId(input: string | null | undefined, opts?: ResidentIdOptions): string | null {
  const parsed = parseResidentId(input, opts);
  return parsed.ok ? parsed.normalized : null;
}

export type ResidentIdField = 'birthDate' | 'gender';

/**
 * Compares a parsed identity number with what a customer record says (CIF-14: "consistent with
 * birth date and gender"). Returns the fields that disagree; empty when all given fields agree.
 * A field that is null, undefined or '' is not compared. `birthDate` is YYYY-MM-DD; `gender` is a
 * GB/T 2261.1 code, so '0' (unknown) or '9' (unspecified) disagrees with a number that states it.
 */
export function residentIdConsistent(
  parsed: Pick<ResidentId, 'birthDate' | 'gender'>,
  record: { birthDate?: string | null; gender?: string | null },
): ResidentIdField[] {
  const mismatches: ResidentIdField[] = [];
  if (record.birthDate && record.birthDate !== parsed.birthDate) mismatches.push('birthDate');
  if (record.gender && record.gender !== parsed.gender) mismatches.push('gender');
  return mismatches;
}
