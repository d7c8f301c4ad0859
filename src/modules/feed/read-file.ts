// Reading feed files: the control file, and the records of a data file one line at a time, in
// UTF-8 or GB18030, delimited or fixed-width (docs/feed-format.md). Lines are split on the LF byte
// before decoding — safe in both encodings, whose multi-byte sequences never contain 0x0A — and a
// fixed-width line is cut by bytes before each field is decoded, so a Chinese character is never
// split. A delimited line is decoded first: in GB18030 a character's second byte may be 0x7C '|'.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { commonText, hiddenCharacter } from '../../common/text.ts';
import { FEED_KINDS, LAYOUTS, recordWidth, type FeedKind } from './layouts.ts';

export type FeedLayout = 'delimited' | 'fixed';
export type FeedEncoding = 'UTF-8' | 'GB18030';
export interface ControlEntry { file: string; kind: FeedKind; layout: FeedLayout; encoding: FeedEncoding; records: number }
export interface Rejection { file: string; line: number; field: string | null; code: string; value?: string; params?: Record<string, unknown> }

export const controlFileName = (businessDate: string) => `CRM_FEED_${businessDate.replaceAll('-', '')}.ctl`;

/** Parses the control file; problems are returned as rejections of the control file itself. */
export async function readControlFile(path: string, name: string): Promise<{ entries: ControlEntry[]; problems: Rejection[] }> {
  // UTF-8 (ASCII is UTF-8), so a file named in Chinese is found.
  const text = (await readFile(path)).toString('utf8');
  const entries: ControlEntry[] = [];
  const problems: Rejection[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const reject = (field: string | null, code: string) => problems.push({ file: name, line: i + 1, field, code, value: line.slice(0, 200) });
    const [file, kind, layout, encoding, records, ...rest] = line.split('|');
    if (rest.length || records === undefined) return reject(null, 'feed.control_line');
    if (!file || file.includes('/') || file.includes('\\') || file.startsWith('.')) return reject('file', 'feed.control_file_name');
    if (!(FEED_KINDS as readonly string[]).includes(kind!)) return reject('kind', 'feed.control_kind');
    if (layout !== 'delimited' && layout !== 'fixed') return reject('layout', 'feed.control_layout');
    const enc = encoding!.toUpperCase().replace('GBK', 'GB18030');
    if (enc !== 'UTF-8' && enc !== 'GB18030') return reject('encoding', 'feed.control_encoding');
    if (!/^\d{1,9}$/.test(records)) return reject('records', 'feed.control_records');
    if (entries.some((e) => e.kind === kind)) return reject('kind', 'feed.control_kind_twice');
    entries.push({ file, kind: kind as FeedKind, layout, encoding: enc, records: Number(records) });
  });
  if (!problems.length && !entries.some((e) => e.kind === 'balances')) problems.push({ file: name, line: 0, field: 'kind', code: 'feed.control_no_balances' });
  return { entries, problems };
}

export interface FeedRecord { line: number; values: string[] }

/**
 * Yields each record's trimmed field values (empty string = no value) or, for a malformed line, a
 * rejection. Blank trailing lines are ignored.
 */
export async function* readRecords(path: string, entry: ControlEntry): AsyncGenerator<FeedRecord | Rejection> {
  const layout = LAYOUTS[entry.kind];
  const width = recordWidth(entry.kind);
  const decoder = new TextDecoder(entry.encoding === 'UTF-8' ? 'utf-8' : 'gb18030', { fatal: true });
  const decode = (b: Uint8Array) => decoder.decode(b);
  let lineNo = 0;
  let carry: Buffer | null = null;
  // Customer records follow the text rule of the API and the import (common/text.ts): a hidden
  // character rejects the record at the field that holds it; other text is kept in NFC. (A feed
  // file is no spreadsheet: a leading apostrophe is the core's data, not a text marker.) Account,
  // balance and transaction records carry codes and amounts checked by format, and payment texts
  // written by other banks, which must not hold up a day's balances; they are kept as sent.
  const checked = entry.kind === 'customers';
  const textRule = (raw: string[]): FeedRecord | Rejection => {
    const values = raw.map((v) => v.trim());
    for (let i = 0; checked && i < values.length; i++) {
      const v = values[i]!;
      if (commonText(v)) continue;
      const bad = hiddenCharacter(v, 'single');
      if (bad) return { file: entry.file, line: lineNo, field: layout[i]!.name, code: bad.code, value: bad.char, params: { char: bad.char } };
      values[i] = v.normalize('NFC');
    }
    return { line: lineNo, values };
  };
  const handle = (raw: Buffer): FeedRecord | Rejection | null => {
    lineNo++;
    const bytes = raw.length && raw[raw.length - 1] === 0x0d ? raw.subarray(0, raw.length - 1) : raw;
    if (bytes.length === 0) return null;
    // A NUL byte is no character of either encoding, and PostgreSQL text cannot hold one.
    if (bytes.includes(0)) return { file: entry.file, line: lineNo, field: null, code: 'feed.encoding' };
    try {
      if (entry.layout === 'fixed') {
        if (bytes.length !== width) return { file: entry.file, line: lineNo, field: null, code: 'feed.fixed_width', value: String(bytes.length) };
        const values: string[] = [];
        let at = 0;
        for (const f of layout) { values.push(decode(bytes.subarray(at, at + f.bytes))); at += f.bytes; }
        return textRule(values);
      }
      const parts = decode(bytes).split('|');
      if (parts.length === layout.length + 1 && parts[layout.length] === '') parts.pop();
      if (parts.length !== layout.length) return { file: entry.file, line: lineNo, field: null, code: 'feed.field_count', value: String(parts.length) };
      return textRule(parts);
    } catch {
      return { file: entry.file, line: lineNo, field: null, code: 'feed.encoding' };
    }
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl !== -1; nl = buf.indexOf(0x0a, start)) {
      const r = handle(buf.subarray(start, nl));
      if (r) yield r;
      start = nl + 1;
    }
    carry = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
    buf = Buffer.alloc(0);
  }
  if (carry && carry.length) { const r = handle(carry); if (r) yield r; }
}

export const isRejection = (r: FeedRecord | Rejection): r is Rejection => 'code' in r;

/** YYYYMMDD → YYYY-MM-DD when it is a real date, else null. */
export function feedDate(v: string): string | null {
  if (!/^\d{8}$/.test(v)) return null;
  const iso = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) && Number(v.slice(0, 4)) >= 1900 ? iso : null;
}
