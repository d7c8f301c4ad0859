import { organizationCodeCheckCharacter } from './organization-code.ts';

/**
 * Unified social credit code (统一社会信用代码) of legal persons and other organisations,
 * GB 32100-2015 — the primary corporate identifier since the 2015 "three certificates in one"
 * reform (CIF-25).
 *
 * Eighteen characters from the 31-character alphabet `0-9 A-H J-N P-R T U W-Y` (I, O, S, V and Z
 * are never used), valued 0–30 in that order:
 *
 * | position | meaning                                                                        |
 * |----------|--------------------------------------------------------------------------------|
 * | 1        | registration authority: 1 机构编制, 5 民政, 9 工商 (market regulation), Y 其他, and the other codes the standard's table assigns (2–8, A, N) |
 * | 2        | organisation category within that authority (e.g. 91 enterprise, 92 individual business) |
 * | 3–8      | GB/T 2260 administrative division of the registration authority (digits)       |
 * | 9–17     | the subject's organisation code, GB 11714 (8 body characters + its own check)   |
 * | 18       | check character                                                                 |
 *
 * The check character: with weights Wᵢ = 3^(i−1) mod 31 = 1 3 9 27 19 26 16 17 20 29 25 13 8
 * 24 10 30 28, C18 = 31 − (Σ Cᵢ·Wᵢ mod 31), and 31 is written 0.
 *
 * The embedded organisation code's own GB 11714 check character is verified too (error
 * `organization_code`): all of several hundred real published codes checked while writing this
 * (including individual businesses, 92…, and the post-2015 "MA…" subject codes) satisfy it.
 */

export type CreditCodeError = 'format' | 'charset' | 'region' | 'check_character' | 'organization_code';

export interface CreditCode {
  ok: true;
  /** The 18 characters, upper case. */
  normalized: string;
  /** Position 1. */
  registrationAuthority: string;
  /** Position 2. */
  category: string;
  /** Positions 3–8. */
  regionCode: string;
  /** Positions 9–17 as a GB 11714 organisation code, `XXXXXXXX-X`. */
  organizationCode: string;
}

export type CreditCodeResult = CreditCode | { ok: false; error: CreditCodeError };

export interface CreditCodeOptions {
  /**
   * Checks positions 3–8 against the caller's GB/T 2260 table. Note that codes registered by
   * central authorities carry a national code such as 100000, which a table of divisions may
   * lack. Without it positions 3–8 are only required to be digits; with it an unknown code is
   * the error `region`.
   */
  isKnownDivision?: (code: string) => boolean;
}

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** Registration-authority codes of GB 32100-2015. */
const AUTHORITIES = new Set(['1', '2', '3', '4', '5', '6', '7', '8', '9', 'A', 'N', 'Y']);

/**
 * The GB 32100 check character of the first 17 characters, or null when the argument is not
 * 17 characters of the code's alphabet.
 */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * Parses and validates a unified social credit code (GB 32100-2015). White space is ignored,
 * full-width characters are folded (NFKC) and lower case is accepted. Checks, in this order:
 * length (`format`), alphabet (`charset`), registration authority and digit division code
 * (`format`), division known to `isKnownDivision` if given (`region`), check character (`check_character`), embedded
 * organisation code (`organization_code`). Never throws.
 */
export function parseCreditCode(input: string | null | undefined, opts: CreditCodeOptions = {}): CreditCodeResult {
  if (typeof input !== 'string') return { ok: false, error: 'format' };
  const code = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (code.length !== 18) return { ok: false, error: 'format' };
  for (const char of code) if (!ALPHABET.includes(char)) return { ok: false, error: 'charset' };
  const regionCode = code.slice(2, 8);
  if (!AUTHORITIES.has(code[0]) || !/^\d{6}$/.test(regionCode)) return { ok: false, error: 'format' };
  if (opts.isKnownDivision && !opts.isKnownDivision(regionCode)) return { ok: false, error: 'region' };
  if (creditCodeCheckCharacter(code.slice(0, 17)) !== code[17]) return { ok: false, error: 'check_character' };
  const body = code.slice(8, 16);
  if (organizationCodeCheckCharacter(body) !== code[16]) return { ok: false, error: 'organization_code' };
  return {
    ok: true,
    normalized: code,
    registrationAuthority: code[0],
    category: code[1],
    regionCode,
    organizationCode: `${body}-${code[16]}`,
  };
}
