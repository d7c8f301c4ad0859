// Reading an uploaded list (PLAT-3): the first data sheet of an .xlsx, streamed so a large file
// never sits in memory as cell objects (whole-file reading only when the streaming reader fails),
// or a .csv/.txt in UTF-8 or GB18030 (what Excel on a Chinese Windows saves). Then the header:
// each column is found by its API key or its label, so reordered or missing optional columns
// still import, and a mistyped header is an error rather than silently dropped data.
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../../common/http/errors.ts';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_ROWS = 50_000;

export interface SheetRow { row: number; cells: unknown[] }   // cells[0] is column A
export interface Sheet { rows: SheetRow[] }

/** Sheets of our own templates that are not data. */
const NON_DATA_SHEETS = new Set(['填写说明', '代码表', 'Instructions', 'Codes']);

export async function readSheet(fileName: string, data: Buffer, maxRows = MAX_ROWS): Promise<Sheet> {
  const ext = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  if (ext === 'xlsx') return readXlsx(data, maxRows);
  if (ext === 'csv' || ext === 'txt') return readText(data, maxRows);
  throw new AppError('customers.import.file_type', 415);
}

// Header rows are at most three; data rows beyond the limit stop the read early.
const tooMany = (maxRows: number) => new AppError('customers.import.too_many_rows', 413, { max: maxRows });

async function readXlsx(data: Buffer, maxRows: number): Promise<Sheet> {
  // Every .xlsx is a zip: refuse anything else before the unzipper sees it.
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) throw new AppError('customers.import.unreadable', 422);
  try {
    return await streamXlsx(data, maxRows);
  } catch (err) {
    if (err instanceof AppError) throw err;
    // exceljs's streaming reader now and then fails on a good file — a race between the zip
    // entries it reads (exceljs issue 3064; seen here under load as a sound upload refused as
    // unreadable). The whole-file reader then decides; the file is already in memory, at most 20 MB.
    return loadXlsx(data, maxRows);
  }
}

/** Keeps a sheet's non-empty rows; more data rows than allowed stop the read. */
function collector(maxRows: number) {
  const rows: SheetRow[] = [];
  const add = (row: ExcelJS.Row) => {
    const values = (row.values as unknown[]).slice(1);
    if (!values.some((v) => v !== null && v !== undefined && v !== '')) return;
    rows.push({ row: row.number, cells: values });
    if (rows.length > maxRows + 3) throw tooMany(maxRows);
  };
  return { rows, add };
}

/** The first data sheet, streamed: rows are read as they are unzipped. */
async function streamXlsx(data: Buffer, maxRows: number): Promise<Sheet> {
  const { rows, add } = collector(maxRows);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  });
  for await (const ws of reader) {
    const name = (ws as unknown as { name?: string }).name ?? '';
    if (NON_DATA_SHEETS.has(name)) continue;
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) add(row);
    break;
  }
  return { rows };
}

/** The first data sheet, from the whole workbook loaded at once; unreadable if even this fails. */
export async function loadXlsx(data: Buffer, maxRows: number): Promise<Sheet> {
  const { rows, add } = collector(maxRows);
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as never);
    wb.worksheets.find((ws) => !NON_DATA_SHEETS.has(ws.name))?.eachRow((row) => add(row));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('customers.import.unreadable', 422);
  }
  return { rows };
}

function decodeText(data: Buffer): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    // Not UTF-8: Excel on Chinese Windows saves CSV in GBK, a subset of GB18030.
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(data);
    } catch {
      throw new AppError('customers.import.encoding', 422);
    }
  }
}

function readText(data: Buffer, maxRows: number): Sheet {
  const text = decodeText(data);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes('\t') ? '\t' : firstLine.includes('|') && !firstLine.includes(',') ? '|' : ',';
  let records: string[][];
  try {
    records = parse(text, { delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, to: maxRows + 4 }) as string[][];
  } catch {
    throw new AppError('customers.import.unreadable', 422);
  }
  if (records.length > maxRows + 3) throw tooMany(maxRows);
  const rows = records.map((cells, i) => ({ row: i + 1, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  return { rows };
}

export interface HeaderColumn { key: string; zh: string; en: string; required?: boolean }
export interface CellError { row: number; column: string; field: string; header: string; code: string; params?: Record<string, unknown>; value?: unknown; message?: string }
export interface Mapped { indexOf: Map<string, number>; dataRows: SheetRow[]; errors: CellError[] }

/** Column letters of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) { const r = (n - 1) % 26; s = String.fromCharCode(65 + r) + s; n = Math.floor((n - 1) / 26); }
  return s;
}

const norm = (s: string) => s.replace(/[*＊\s]/g, '').replace(/[（(]必填[）)]$/, '').toLowerCase();

/**
 * Finds the header: row 1 holds labels or keys; a following row made only of keys (the template's
 * second header row) is a header row too. Data starts after the last header row.
 */
export function mapHeader(columns: readonly HeaderColumn[], sheet: Sheet): Mapped {
  const lookup = new Map<string, HeaderColumn>();
  for (const c of columns) for (const name of [c.key, c.zh, c.en]) lookup.set(norm(name), c);
  const byKey = new Map(columns.map((c) => [c.key.toLowerCase(), c]));
  const errors: CellError[] = [];
  const [first, second] = sheet.rows;
  if (!first) return { indexOf: new Map(), dataRows: [], errors };
  const text = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in (v as object)
    ? (v as { richText: { text: string }[] }).richText.map((r) => r.text).join('') : String(v)).trim();
  const keyRow = second && second.cells.some((v) => text(v)) && second.cells.every((v) => !text(v) || byKey.has(text(v).toLowerCase()));
  const indexOf = new Map<string, number>();
  const width = Math.max(first.cells.length, keyRow ? second.cells.length : 0);
  for (let i = 0; i < width; i++) {
    const label = text(first.cells[i]);
    const key = keyRow ? text(second!.cells[i]) : '';
    if (!label && !key) continue;
    const col = (key && byKey.get(key.toLowerCase())) || lookup.get(norm(label));
    const at = { row: first.row, column: columnLetter(i), field: col?.key ?? '', header: label || key };
    if (!col) { errors.push({ ...at, code: 'customers.import.unknown_column', params: { header: label || key } }); continue; }
    if (indexOf.has(col.key)) { errors.push({ ...at, code: 'customers.import.duplicate_column', params: { header: label || key } }); continue; }
    indexOf.set(col.key, i);
  }
  for (const c of columns) {
    if (c.required && !indexOf.has(c.key)) errors.push({ row: first.row, column: '', field: c.key, header: c.zh, code: 'customers.import.missing_column' });
  }
  return { indexOf, dataRows: sheet.rows.slice(keyRow ? 2 : 1), errors };
}
