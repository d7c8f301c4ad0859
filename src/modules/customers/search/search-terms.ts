// What a name is found by. Chinese names are 2–4 characters and staff type 1–2 of them ("王",
// "王芳") or pinyin initials ("wf"): trigram indexes cannot serve patterns that short, so each
// name carries its single characters, character pairs and initials (prefixed "py:") in a text[]
// under a GIN index. Longer input is matched by all its pairs and confirmed with LIKE.
import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;
const MAX_INITIALS = 12;

function initials(name: string, personal: boolean): string {
  const han = [...name].filter((c) => HAN.test(c)).join('');
  if (!han) return '';
  const letters = pinyin(han, { pattern: 'first', toneType: 'none', type: 'array', ...(personal ? { surname: 'head' as const } : {}) });
  return letters.join('').toLowerCase().replace(/[^a-z]/g, '').slice(0, MAX_INITIALS);
}

export function searchTerms(name: string, kind: 'personal' | 'corporate'): string[] {
  const chars = [...name.replace(/\s+/g, '')];
  const terms = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    if (HAN.test(chars[i]!)) terms.add(chars[i]!);
    if (i + 1 < chars.length && HAN.test(chars[i]!) && HAN.test(chars[i + 1]!)) terms.add(chars[i]! + chars[i + 1]!);
  }
  const py = initials(name, kind === 'personal');
  // Every run of initials a person might type: whole names for people, any 2–4 letter stretch
  // of a company's name ("hedq" for 海尔电器).
  for (let i = 0; i < py.length; i++) {
    for (let len = kind === 'personal' ? 1 : 2; len <= (kind === 'personal' ? py.length - i : Math.min(4, py.length - i)); len++) {
      terms.add('py:' + py.slice(i, i + len));
    }
  }
  return [...terms];
}

export type NameQuery = { terms: string[]; like: string | null };

/** The terms a search string must contain, and a LIKE to confirm longer Chinese input. */
export function nameQuery(q: string): NameQuery | null {
  const s = q.replace(/\s+/g, '');
  if (/^[a-z]{1,12}$/i.test(s)) return { terms: ['py:' + s.toLowerCase()], like: null };
  const chars = [...s];
  if (!chars.length || !chars.every((c) => HAN.test(c))) return null;
  if (chars.length <= 2) return { terms: [s], like: null };
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(chars[i]! + chars[i + 1]!);
  return { terms: [...pairs], like: `%${s}%` };
}

/**
 * Whether a search text matches a large share of any bank's book: one Chinese character (a
 * surname) or one or two pinyin initials. Such matches are found fastest by walking the list's
 * order and testing each row; rarer ones by fetching every match and sorting (customer-list.ts).
 */
export function isBroadSearch(q: string): boolean {
  const s = q.replace(/\s+/g, '');
  return /^[a-z]{1,2}$/i.test(s) || ([...s].length === 1 && HAN.test(s));
}
