// Shared by the feed tests: a day's folder written from rows, in either layout and encoding, and
// the folders removed at the end.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { LAYOUTS, type FeedKind } from './layouts.ts';
import { controlFileName, type FeedEncoding, type FeedLayout } from './read-file.ts';

export type Rows = Partial<Record<FeedKind, string[][]>>;

/** Every folder the cases write, removed by removeFolders. */
const folders: string[] = [];
export const tempDir = (prefix: string) => { const d = mkdtempSync(join(tmpdir(), prefix)); folders.push(d); return d; };
export const removeFolders = () => { for (const d of folders.splice(0)) rmSync(d, { recursive: true, force: true }); };

/** Writes a day's folder: each kind's rows in the given layout and encoding, and the control file. */
export function writeDay(date: string, rows: Rows, layout: FeedLayout = 'delimited', encoding: FeedEncoding = 'UTF-8', countFix: Partial<Record<FeedKind, number>> = {}) {
  const dir = tempDir('crm-feed-');
  const ymd = date.replaceAll('-', '');
  const ctl: string[] = ['# file|kind|layout|encoding|records'];
  for (const [kind, recs] of Object.entries(rows) as [FeedKind, string[][]][]) {
    const enc = (s: string) => (encoding === 'UTF-8' ? Buffer.from(s, 'utf8') : iconv.encode(s, 'gb18030'));
    const lines = recs.map((values) => {
      if (layout === 'delimited') return enc(`${values.join('|')}\r\n`);
      return Buffer.concat([...LAYOUTS[kind].map((f, i) => {
        const b = enc(values[i] ?? '');
        return Buffer.concat([b, Buffer.alloc(f.bytes - b.length, ' ')]);
      }), Buffer.from('\n')]);
    });
    const file = `${kind.toUpperCase()}_${ymd}.txt`;
    writeFileSync(join(dir, file), Buffer.concat(lines));
    ctl.push(`${file}|${kind}|${layout}|${encoding}|${countFix[kind] ?? recs.length}`);
  }
  writeFileSync(join(dir, controlFileName(date)), `${ctl.join('\n')}\n`);
  return dir;
}
