import { z } from 'zod';

/**
 * Contact details a bank checks on entry (CIF-13, CIF-14): mainland mobile numbers, postal
 * codes, e-mail addresses and fixed-line numbers. Every function folds full-width characters
 * (NFKC), trims, and returns a result instead of throwing.
 */

export type ContactResult<T extends object = object> =
  | ({ ok: true; normalized: string } & T)
  | { ok: false; error: 'format' };

const FORMAT_ERROR = { ok: false, error: 'format' } as const;

function clean(input: string): string {
  return input.normalize('NFKC').trim();
}

/**
 * Mainland China mobile number: 11 digits starting 13–19 (the numbering plan of the Ministry of
 * Industry and Information Technology: 1 then a network digit 3–9). A leading `+86`, `0086` or
 * `86` country code is removed, as are spaces and hyphens between digit groups
 * (`+86 138-1234-5678` → `13812345678`). Hong Kong, Macao and foreign numbers are rejected.
 */
export function parseMobile(input: string | null | undefined): ContactResult {
  if (typeof input !== 'string') return FORMAT_ERROR;
  let digits = clean(input).replace(/[\s-]/g, '');
  const country = /^(?:\+86|0086|86)(?=\d{11}$)/.exec(digits);
  if (country) digits = digits.slice(country[0].length);
  if (!/^1[3-9]\d{9}$/.test(digits)) return FORMAT_ERROR;
  return { ok: true, normalized: digits };
}

/**
 * Postal code of the mainland (China Post, 邮政编码): six digits; the first digit is the postal
 * zone, 0–8 (zone 9 is not assigned on the mainland), so `^[0-8]\d{5}$`. Hong Kong and Macao
 * have no postal codes; placeholders such as 999077 that some forms use for them are rejected.
 */
export function parsePostalCode(input: string | null | undefined): ContactResult {
  if (typeof input !== 'string') return FORMAT_ERROR;
  const code = clean(input);
  return /^[0-8]\d{5}$/.test(code) ? { ok: true, normalized: code } : FORMAT_ERROR;
}

const emailSchema = z.email();

/**
 * E-mail address, checked by zod's `z.email()` (a practical subset of RFC 5321/5322 addresses:
 * ASCII local part and domain, no quoted local parts or IP literals). The domain is
 * lower-cased in `normalized`; the local part is kept as typed, since mail servers may treat it
 * case-sensitively.
 */
export function parseEmail(input: string | null | undefined): ContactResult {
  if (typeof input !== 'string') return FORMAT_ERROR;
  const email = clean(input);
  if (!emailSchema.safeParse(email).success) return FORMAT_ERROR;
  const at = email.lastIndexOf('@');
  return { ok: true, normalized: `${email.slice(0, at)}@${email.slice(at + 1).toLowerCase()}` };
}

export interface Landline {
  /** Always '86': only mainland fixed lines are accepted. */
  countryCode: '86';
  /** Long-distance area code with its trunk prefix 0, e.g. '010', '0532'. */
  areaCode: string;
  /** Local number, 7 or 8 digits. */
  number: string;
  /** Extension, 1–6 digits, when given. */
  extension?: string;
}

/**
 * Mainland fixed-line number in the CIF-13 layout country–area code–number–extension:
 * `0532-88886666`, `0532-88886666-801`, `+86-532-88886666`, `010 66668888`.
 *
 * - Country code (optional): `+86`, `0086` or `86`, followed by the area code with or without
 *   its trunk prefix 0.
 * - Area code (required): 3 digits for the 010 and 02X areas (Beijing, Guangzhou, Shanghai,
 *   Tianjin, Chongqing, Shenyang, Nanjing, Wuhan, Chengdu, Xi'an), 4 digits (03XX–09XX)
 *   elsewhere — the national numbering plan, which also lets `053288886666` be split unambiguously.
 * - Number: 7 or 8 digits.
 * - Extension: 1–6 digits after `-`, `#`, `转` or `ext`.
 *
 * Parts may be separated by `-` or spaces, and the area code may stand in parentheses. `normalized` is the domestic form
 * `0532-88886666[-801]`; the parts are returned too, for the country/area/number/extension fields.
 */
export function parseLandline(input: string | null | undefined): ContactResult<Landline> {
  if (typeof input !== 'string') return FORMAT_ERROR;
  const text = clean(input).replace(/[()]/g, ' ').trim();
  const match =
    /^(?:(?:\+|00)?86[\s-]*)?0?(10|2\d|[3-9]\d{2})[\s-]*(\d{7,8})(?:[\s-]*(?:-|#|转|ext\.?|x)[\s-]*(\d{1,6}))?$/i.exec(
      text,
    );
  if (!match) return FORMAT_ERROR;
  // Without a country code the trunk prefix 0 is required.
  if (!/^(?:\+|00)?86/.test(text) && !text.startsWith('0')) return FORMAT_ERROR;
  const [, area, number, extension] = match;
  const areaCode = `0${area}`;
  const normalized = `${areaCode}-${number}${extension ? `-${extension}` : ''}`;
  return extension
    ? { ok: true, normalized, countryCode: '86', areaCode, number, extension }
    : { ok: true, normalized, countryCode: '86', areaCode, number };
}
