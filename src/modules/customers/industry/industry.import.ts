// CIF-26 batch maintenance of industry attributes from .xlsx or .txt/.csv: customer number,
// industry class, industrial zone, specialised market. The dry run is the "save draft" of the
// old screen: it checks every row and shows each customer's name (read-only) with the current
// and proposed attributes; the real run is "submit": all rows or none, in one transaction, one
// audit row for the file, history source 'import'.
import { singleLineText } from '../../../common/text.ts';
import type { Database } from '../../../db/database.ts';
import type { Lang } from '../../../common/i18n/i18n.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { coerceCell, type ImportColumn } from '../import/import.columns.ts';
import { columnLetter, type CellError } from '../import/import.read.ts';
import { readUpload, reject, type Rejected, type UploadedFile } from '../import/import.service.ts';
import {
  applyIndustry, industryCodeError, industryPath, loadIndustryCodes, loadIndustryTargets, targetError,
  type IndustryChange, type IndustryValues,
} from './industry.service.ts';

export const INDUSTRY_COLUMNS: ImportColumn[] = [
  { key: 'customerNo', zh: '客户号', en: 'Customer no.', type: 'text', max: 11, required: true },
  // Shown read-only on the screen; in a file it is only a help for whoever fills it and is not checked.
  { key: 'name', zh: '客户名称', en: 'Customer name', type: 'text', max: 160 },
  { key: 'industryCode', zh: '行业分类', en: 'Industry', type: 'code', table: 'industry', required: true },
  { key: 'industrialZone', zh: '工业区', en: 'Industrial zone', type: 'text', max: 100 },
  { key: 'specialisedMarket', zh: '专业市场分类', en: 'Specialised market', type: 'text', max: 20 },
];

export const PREVIEW_ROWS = 1000;
const ONE_LINE = singleLineText();

export interface IndustryPreviewRow { row: number; customerNo: string; name: string; current: IndustryValues; proposed: IndustryValues; industryPath: string | null; changed: boolean }

export type IndustryImportResult =
  | { ok: true; dryRun: true; rowCount: number; changedCount: number; preview: IndustryPreviewRow[]; previewTruncated: boolean }
  | { ok: true; dryRun: false; rowCount: number; changedCount: number }
  | Rejected;

export async function importIndustry(db: Database, actor: Actor, file: UploadedFile, opts: { dryRun: boolean; lang: Lang }): Promise<IndustryImportResult> {
  const mapped = await readUpload(file, INDUSTRY_COLUMNS);
  if (mapped.errors.length) return reject(db, actor, file, INDUSTRY_COLUMNS, mapped.errors, mapped.dataRows.length, opts.lang);
  const errors: CellError[] = [];
  const at = (row: number, key: string) => ({ row, column: mapped.indexOf.has(key) ? columnLetter(mapped.indexOf.get(key)!) : '', field: key, header: key });
  const codes = await loadIndustryCodes(db);

  const parsed = mapped.dataRows.map(({ row, cells }) => {
    const v: Record<string, string | null> = {};
    for (const col of INDUSTRY_COLUMNS) {
      const index = mapped.indexOf.get(col.key);
      const c = coerceCell(col, index === undefined ? undefined : cells[index]);
      if ('error' in c) { errors.push({ ...at(row, col.key), ...c.error, value: cells[index!] }); continue; }
      // Every column is one line of text: the screen's rule (common/text.ts), as the customer import applies it.
      const text = c.value === undefined ? undefined : ONE_LINE.safeParse(String(c.value));
      if (text && !text.success) {
        const issue = text.error.issues[0]!;
        errors.push({ ...at(row, col.key), code: issue.message, params: issue.code === 'custom' ? issue.params : undefined, value: cells[index!] });
        continue;
      }
      const s = text ? text.data : null;
      if (s === null && col.required) errors.push({ ...at(row, col.key), code: 'customers.import.required' });
      else if (s !== null && col.max && [...s].length > col.max) errors.push({ ...at(row, col.key), code: 'customers.import.too_long', params: { max: col.max }, value: s });
      else v[col.key] = s;
    }
    if (v.industryCode) {
      const e = industryCodeError(codes, v.industryCode);
      if (e) errors.push({ ...at(row, 'industryCode'), ...e, value: v.industryCode });
    }
    return { row, v };
  });

  // Customers by number, in the caller's scope: one not found and one out of scope look alike.
  const numbers = [...new Set(parsed.flatMap((p) => (p.v.customerNo ? [p.v.customerNo] : [])))];
  const find = async (exec: Parameters<typeof loadIndustryTargets>[0], lock: boolean) =>
    new Map((await loadIndustryTargets(exec, actor, { numbers }, lock)).map((t) => [t.customerNo, t]));
  const targets = await find(db, false);
  const firstRow = new Map<string, number>();
  const changes: (IndustryChange & { row: number })[] = [];
  for (const p of parsed) {
    const no = p.v.customerNo;
    if (!no) continue;
    const seen = firstRow.get(no);
    if (seen !== undefined) { errors.push({ ...at(p.row, 'customerNo'), code: 'customers.import.duplicate_in_file', params: { row: seen }, value: no }); continue; }
    firstRow.set(no, p.row);
    const target = targets.get(no);
    if (!target) { errors.push({ ...at(p.row, 'customerNo'), code: 'customers.industry.customer_unknown', params: { customerNo: no }, value: no }); continue; }
    const refused = targetError(target);
    if (refused) { errors.push({ ...at(p.row, 'customerNo'), code: refused, value: no }); continue; }
    changes.push({ row: p.row, target, next: { industryCode: p.v.industryCode ?? '', industrialZone: p.v.industrialZone ?? null, specialisedMarket: p.v.specialisedMarket ?? null } });
  }
  if (errors.length) return reject(db, actor, file, INDUSTRY_COLUMNS, errors, parsed.length, opts.lang);

  const differs = (c: IndustryChange) => (['industryCode', 'industrialZone', 'specialisedMarket'] as const).some((k) => (c.target.current[k] ?? null) !== c.next[k]);
  if (opts.dryRun) {
    return {
      ok: true, dryRun: true, rowCount: changes.length, changedCount: changes.filter(differs).length,
      preview: changes.slice(0, PREVIEW_ROWS).map((c) => ({ row: c.row, customerNo: c.target.customerNo, name: c.target.name, current: c.target.current,
        proposed: c.next, industryPath: industryPath(codes, c.next.industryCode), changed: differs(c) })),
      previewTruncated: changes.length > PREVIEW_ROWS,
    };
  }
  const outcome = await db.transaction().execute(async (tx) => {
    // Locked and read again: what the dry run showed may have changed since.
    const locked = await find(tx, true);
    const fresh = changes.map((c) => ({ ...c, target: locked.get(c.target.customerNo) }));
    const gone = changes.filter((c, i) => !fresh[i]!.target || targetError(fresh[i]!.target!));
    if (gone.length) {
      return gone.map((c): CellError => {
        const now = locked.get(c.target.customerNo);
        return { ...at(c.row, 'customerNo'), code: now ? targetError(now)! : 'customers.industry.customer_unknown', params: { customerNo: c.target.customerNo }, value: c.target.customerNo };
      });
    }
    const { changed } = await applyIndustry(tx, actor, fresh as IndustryChange[], 'import');
    await writeAudit(tx, actor, { action: 'customer.industry.import', entityType: 'customer',
      after: { fileName: file.fileName, rowCount: changes.length, changedCount: changed.length } });
    return { ok: true as const, dryRun: false as const, rowCount: changes.length, changedCount: changed.length };
  });
  // The report is stored after the transaction has ended: PGlite has one connection.
  return Array.isArray(outcome) ? reject(db, actor, file, INDUSTRY_COLUMNS, outcome, changes.length, opts.lang) : outcome;
}
