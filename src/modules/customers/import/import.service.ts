// PLAT-3 customer import: read the file, check every row as single opening would, and either
// report every error (nothing imported) or open all rows in one transaction through the bulk
// path with one audit row for the file. A dry run stops after the checks.
import type { Database } from '../../../db/database.ts';
import { AppError } from '../../../common/http/errors.ts';
import type { Lang } from '../../../common/i18n/i18n.ts';
import { writeAudit } from '../../audit/audit.service.ts';
import type { Actor } from '../../auth/actor.ts';
import { bulkInsertCustomers } from './bulk-insert.ts';
import { existenceGuard } from '../existence-guard.ts';
import { importColumns } from './import.columns.ts';
import { mapHeader, MAX_ROWS, readSheet, type CellError, type HeaderColumn, type Mapped } from './import.read.ts';
import { buildErrorReport, describeErrors, storeReport, type LabelledColumn, type ReportedError } from './import.report.ts';
import { validateCustomerRows } from './import.validate.ts';
import type { ImportProgress } from './import-runs.ts';

export interface UploadedFile { fileName: string; data: Buffer }

/** How many errors the JSON answer lists; the downloadable report has all of them. */
export const ERRORS_IN_RESPONSE = 1000;
/** Beyond this many errors the file is plainly the wrong one; collecting more only costs memory. */
const MAX_ERRORS = 50_000;

export type Rejected = { ok: false; rowCount: number; errorCount: number; errors: ReportedError[]; errorsTruncated: boolean; reportToken: string };

/** Reads the file and its header; throws for an unreadable or oversized file. */
export async function readUpload(file: UploadedFile, columns: readonly HeaderColumn[], maxRows = MAX_ROWS): Promise<Mapped> {
  const sheet = await readSheet(file.fileName, file.data, maxRows);
  const mapped = mapHeader(columns, sheet);
  if (mapped.dataRows.length > maxRows) throw new AppError('customers.import.too_many_rows', 413, { max: maxRows });
  if (!mapped.errors.length && !mapped.dataRows.length) throw new AppError('customers.import.empty', 422);
  return mapped;
}

/** Stores the full report and returns the answer for the client. */
export async function reject(db: Database, actor: Actor, file: UploadedFile, columns: readonly LabelledColumn[], errors: CellError[], rowCount: number, lang: Lang): Promise<Rejected> {
  errors.sort((a, b) => a.row - b.row || a.column.length - b.column.length || a.column.localeCompare(b.column));
  const described = describeErrors(errors.slice(0, MAX_ERRORS), columns, lang);
  const token = await storeReport(db, actor, file.fileName, await buildErrorReport(file.fileName, described, lang));
  return {
    ok: false, rowCount, errorCount: errors.length, errors: described.slice(0, ERRORS_IN_RESPONSE),
    errorsTruncated: errors.length > ERRORS_IN_RESPONSE, reportToken: token,
  };
}

export type CustomerImportResult =
  | { ok: true; dryRun: boolean; kind: 'personal' | 'corporate'; rowCount: number; firstCustomerNo: string | null; lastCustomerNo: string | null }
  | Rejected;

/** `progress` (a background run) hears of each phase and count; the synchronous endpoint passes none. */
export async function importCustomers(db: Database, actor: Actor, kind: 'personal' | 'corporate', file: UploadedFile,
  opts: { dryRun: boolean; lang: Lang; progress?: ImportProgress }): Promise<CustomerImportResult> {
  const columns = importColumns(kind);
  const mapped = await readUpload(file, columns);
  await opts.progress?.read(mapped.dataRows.length);
  if (mapped.errors.length) return reject(db, actor, file, columns, mapped.errors, mapped.dataRows.length, opts.lang);
  const { rows, errors } = await validateCustomerRows(db, actor, kind, columns, mapped, opts.lang);
  await opts.progress?.checked(rows.length);
  if (errors.length) return reject(db, actor, file, columns, errors, rows.length, opts.lang);
  if (opts.dryRun) return { ok: true, dryRun: true, kind, rowCount: rows.length, firstCustomerNo: null, lastCustomerNo: null };

  await opts.progress?.writing();
  return existenceGuard(() => db.transaction().execute(async (tx) => {
    const done = await bulkInsertCustomers(tx, actor, rows, { source: 'import', ...(opts.progress ? { chunkSize: 1000, onChunk: opts.progress.written } : {}) });
    const firstCustomerNo = done.customerNos[0] ?? null;
    const lastCustomerNo = done.customerNos.at(-1) ?? null;
    await writeAudit(tx, actor, { action: 'customer.import', entityType: 'customer',
      after: { fileName: file.fileName, kind, rowCount: done.count, firstCustomerNo, lastCustomerNo } });
    return { ok: true as const, dryRun: false, kind, rowCount: done.count, firstCustomerNo, lastCustomerNo };
  }));
}
