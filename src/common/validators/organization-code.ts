/**
 * Organisation code (组织机构代码), GB 11714-1997: the identifier printed on the legacy
 * organisation-code certificate (CIF-20), and embedded as positions 9–17 of every unified social
 * credit code (GB 32100-2015).
 *
 * Eight body characters (digits or upper-case Latin letters) and one check character, written
 * `XXXXXXXX-X`. Characters take the values 0–9 for digits and A = 10 … Z = 35 for letters. With
 * weights W = 3 7 9 10 5 8 4 2, the check value is C9 = 11 − (Σ Cᵢ·Wᵢ mod 11), written as the
 * digit itself, `X` for 10 and `0` for 11.
 */

export type OrganizationCodeError = 'format' | 'check_character';

export type OrganizationCodeResult =
  | {
      ok: true;
      /** `XXXXXXXX-X`, upper case. */
      normalized: string;
      /** The 8 body characters. */
      body: string;
      /** The check character. */
      checkCharacter: string;
    }
  | { ok: false; error: OrganizationCodeError };

const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** Value of a body character: 0–9, A = 10 … Z = 35. */
function value(char: string): number {
  const code = char.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55;
}

/**
 * The GB 11714 check character of an 8-character body (digits, upper-case letters), or null
 * when the argument is not such a body.
 */
export function organizationCodeCheckCharacter(body: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += value(body[i]) * WEIGHTS[i];
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

/**
 * Parses and validates an organisation code (GB 11714-1997), with or without the hyphen before
 * the check character. White space is ignored, full-width characters are folded (NFKC) and
 * lower-case letters are accepted. Never throws.
 */
export function parseOrganizationCode(input: string | null | undefined): OrganizationCodeResult {
  if (typeof input !== 'string') return { ok: false, error: 'format' };
  const code = input.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  const match = /^([0-9A-Z]{8})-?([0-9X])$/.exec(code);
  if (!match) return { ok: false, error: 'format' };
  const [, body, checkCharacter] = match;
  if (organizationCodeCheckCharacter(body) !== checkCharacter) return { ok: false, error: 'check_character' };
  return { ok: true, normalized: `${body}-${checkCharacter}`, body, checkCharacter };
}
