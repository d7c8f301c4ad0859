// One rule for the text people and systems send us (names, addresses, codes, notes), whether typed
// on a screen, sent to the API, imported from Excel or delivered by the core's feed; docs/customers.md
// "Text fields" states it. Characters that change what a reader sees without being seen are
// refused, so one name cannot pass for another on screen: a right-to-left override shows "张三" +
// U+202E + "1234" as 张三4321, a zero-width space makes two equal-looking names differ to every
// comparison. Decided by Unicode property, not by a hand list:
// - bidirectional controls (Bidi_Control);
// - invisible characters: format characters (Cf: zero-width space and joiners, word joiner, BOM,
//   soft hyphen, Mongolian vowel separator, tags …) and Default_Ignorable_Code_Point (adds Hangul
//   fillers, variation selectors, the combining grapheme joiner);
// - control characters (Cc: C0 with NUL, DEL, C1) and U+2028/U+2029, except TAB, LF and CR in
//   multi-line text;
// - half a surrogate pair (not a character at all; PostgreSQL would get U+FFFD).
// Kept: everything else, notably characters outside the BMP (𠮷), private-use characters (rare
// name characters some Chinese systems still map there) and characters newer than this runtime.
// What stays is stored in Unicode NFC, so é typed as e + ◌́ and é typed as one character are equal.
import { z } from 'zod';

export type HiddenCharacterCode = 'common.text.bidi_control' | 'common.text.invisible' | 'common.text.control' | 'common.text.unpaired_surrogate';
export interface HiddenCharacter { code: HiddenCharacterCode; char: string }

const BIDI = /\p{Bidi_Control}/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const LINE_BREAKS = new Set(['\t', '\n', '\r']);
const SURROGATE = /\p{Cs}/u;
// One test for the common case: most strings hold none of these and are checked in one pass.
const ANY_CLASS = '[\\p{Bidi_Control}\\p{Cf}\\p{Default_Ignorable_Code_Point}\\p{Cc}\\p{Cs}\\u2028\\u2029]';
const ANY = new RegExp(ANY_CLASS, 'u');
const EACH = new RegExp(ANY_CLASS, 'gu');

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Printable ASCII, the middle dot, CJK punctuation, unified ideographs and full-width forms only:
 * nothing to refuse, and already NFC. Nearly every value of a feed file is such text (numbers,
 * codes, dates, Chinese names and addresses), so a loop without regexes lets millions through.
 */
export function commonText(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e) continue;
    if (c >= 0x4e00 && c <= 0x9fff) continue;
    // Not 0x302A–0x302F: combining tone marks, which NFC may reorder.
    if ((c >= 0x3000 && c <= 0x3029) || (c >= 0xff01 && c <= 0xff5e) || c === 0xb7) continue;
    return false;
  }
  return true;
}

/** The first character the rule refuses in `s`, named by code point ("U+202E"), or null. */
export function hiddenCharacter(s: string, lines: 'single' | 'multi'): HiddenCharacter | null {
  if (commonText(s) || !ANY.test(s)) return null;
  for (const [c] of s.matchAll(EACH)) {
    if (BIDI.test(c)) return { code: 'common.text.bidi_control', char: codePoint(c) };
    if (INVISIBLE.test(c)) return { code: 'common.text.invisible', char: codePoint(c) };
    if (SURROGATE.test(c)) return { code: 'common.text.unpaired_surrogate', char: codePoint(c) };
    if (CONTROL.test(c) && !(lines === 'multi' && LINE_BREAKS.has(c))) return { code: 'common.text.control', char: codePoint(c) };
  }
  return null;
}

// Formula injection (CSV/Excel injection, OWASP): text starting with = + - @ can run as a formula
// once a workbook is saved as CSV or pasted elsewhere. Exports prefix such text with the
// apostrophe Excel itself uses to mean "this is text" (guardCell). That apostrophe is the
// spreadsheet's marker, never part of a value: every path in (API, import) drops it, so a value is
// stored the same way whichever path brought it, and an export read back gives the same value.
const GUARDED = /^''?[=+\-@]/;
// Text that already looks guarded (from the feed, or stored before this rule) is guarded again,
// so that dropping the marker on the way back gives the value exactly.
const NEEDS_GUARD = /^('?[=+\-@]|[\t\r])/;

/** A string cell as written to a spreadsheet: formula-like text gets the text marker. */
export function guardCell<T>(value: T): T | string {
  return typeof value === 'string' && NEEDS_GUARD.test(value) ? `'${value}` : value;
}

/** The value without the spreadsheet's text marker (one apostrophe), when it carries one. */
export const dropTextMarker = (s: string) => (GUARDED.test(s) ? s.slice(1) : s);

/** The stored form of (trimmed) text the rule accepts: NFC, without the text marker. */
const storedText = (s: string) => dropTextMarker(commonText(s) ? s : s.normalize('NFC'));

// Whitespace at the ends (spaces, line breaks, a stray BOM) is trimmed before the check: it is
// never stored, so it cannot mislead, and a name pasted from an Excel cell with a trailing line
// break is not refused for it. Every path in trims first: the API, the import and the feed.
function textRule(lines: 'single' | 'multi') {
  return z.string().trim()
    .superRefine((s, ctx) => {
      const bad = hiddenCharacter(s, lines);
      // params.code makes the field error's code the rule's own (problem.ts), not zod's generic 'custom'.
      if (bad) ctx.addIssue({ code: 'custom', message: bad.code, params: { code: bad.code, char: bad.char }, input: s });
    })
    .overwrite(storedText);
}

/** A name, address, code or any one-line text field; chain .min()/.max() as on z.string(). */
export const singleLineText = () => textRule('single');
/** Notes and reasons typed in a text area: line breaks and tabs allowed. */
export const multiLineText = () => textRule('multi');
