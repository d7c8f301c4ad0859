// What a rejected import tells the clerk (PLAT-3): every error by Excel row and column letter,
// with the column's label and a message in the caller's language, as JSON and as a downloadable
// .xlsx kept 24 hours for whoever uploaded the file (stored in the database so any app instance
// behind the load balancer can serve it).
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Database } from '../../../db/database.ts';
import { AppError } from '../../../common/http/errors.ts';
import { hasMessage, t, type Lang } from '../../../common/i18n/i18n.ts';
import type { Actor } from '../../auth/actor.ts';
import { guardCell } from '../../../common/text.ts';
import type { CellError } from './import.read.ts';
import { maskValue } from '../masking.ts';
import type { Sensitivity } from '../fields.ts';

export interface LabelledColumn { key: string; zh: string; en: string; sensitive?: Sensitivity }

export interface ReportedError {
  /** `rows.<row>.<field>`, the field path of the problem+json convention. */
  path: string;
  row: number; column: string; field: string; header: string; code: string; message: string; value?: unknown;
}

/** Errors in the caller's language; values of sensitive columns masked (the report is a file that travels). */
export function describeErrors(errors: readonly CellError[], columns: readonly LabelledColumn[], lang: Lang): ReportedError[] {
  const byKey = new Map(columns.map((c) => [c.key, c]));
  return errors.map((e) => {
    const col = byKey.get(e.field);
    const header = col ? (lang === 'en-US' ? col.en : col.zh) : e.header;
    const message = e.message ?? (hasMessage(e.code) ? t(lang, e.code, { header, ...e.params }) : e.code);
    const value = e.value === undefined ? undefined : col?.sensitive ? maskValue(col.sensitive, e.value) : e.value;
    return { path: `rows.${e.row}.${e.field}`, row: e.row, column: e.column, field: e.field, header, code: e.code, message, ...(value === undefined ? {} : { value }) };
  });
}

const LABELS = {
  'zh-CN': { title: '导入错误报告', file: '文件', at: '检查时间', count: '错误数', row: '行号', column: '列', header: '列名', field: '字段', code: '错误代码', message: '错误说明', value: '填写内容' },
  'en-US': { title: 'Import error report', file: 'File', at: 'Checked at', count: 'Errors', row: 'Row', column: 'Column', header: 'Column name', field: 'Field', code: 'Error code', message: 'Message', value: 'Value entered' },
} as const;

export async function buildErrorReport(fileName: string, errors: readonly ReportedError[], lang: Lang): Promise<Buffer> {
  const L = LABELS[lang];
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(L.title, { views: [{ state: 'frozen', ySplit: 3 }] });
  ws.addRow([`${L.title}  ${L.file}: ${guardCell(fileName)}  ${L.at}: ${new Date().toISOString()}  ${L.count}: ${errors.length}`]);
  ws.addRow([]);
  const head = ws.addRow([L.row, L.column, L.header, L.field, L.code, L.message, L.value]);
  head.font = { bold: true };
  for (const e of errors) ws.addRow([e.row, e.column, guardCell(e.header), e.field, e.code, guardCell(e.message), guardCell(e.value == null ? '' : String(e.value))]);
  [8, 6, 22, 20, 36, 60, 30].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const TTL = "interval '24 hours'";

export async function storeReport(db: Database, actor: Actor, fileName: string, content: Buffer): Promise<string> {
  const token = randomUUID();
  await db.deleteFrom('customer_import_report').where(sql<boolean>`created_at < now() - ${sql.raw(TTL)}`).execute();
  await db.insertInto('customer_import_report').values({
    token, actor_kind: actor.kind, actor_id: actor.id, file_name: fileName.slice(0, 255), content,
  }).execute();
  return token;
}

/** The report, only for the actor who uploaded the file and only within 24 hours. */
export async function loadReport(db: Database, actor: Actor, token: string) {
  const row = await db.selectFrom('customer_import_report').select(['file_name', 'content'])
    .where('token', '=', token).where('actor_kind', '=', actor.kind).where('actor_id', actor.id === null ? 'is' : '=', actor.id)
    .where(sql<boolean>`created_at >= now() - ${sql.raw(TTL)}`).executeTakeFirst();
  if (!row) throw new AppError('customers.import.report_not_found', 404);
  return { fileName: row.file_name, content: Buffer.from(row.content) };
}
