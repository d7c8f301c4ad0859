// Long imports in the background (issue 12, item 9). A file of tens of thousands of rows takes
// minutes to read, check and write; the clerk should see how far it has got and be able to close
// the dialog and come back to the result. The upload answers at once with a run; the run goes
// through the same importCustomers as the synchronous endpoint (all rows or none), reporting its
// phase and counts as it goes.
//
// Where the progress lives: the run's row holds its phase and counts, written outside the import's
// transaction at every phase (any app instance can answer for it). While the rows are written the
// import's transaction holds its connection (on embedded PGlite, the only one), so the counts of
// that phase are kept in this process's memory and answered from there to whoever polls it here.
import type { Database } from '../../../db/database.ts';
import { AppError, notFound } from '../../../common/http/errors.ts';
import { t, type Lang } from '../../../common/i18n/i18n.ts';
import type { ImportRunPhase, ImportRunStatus } from '../../../db/schema.ts';
import type { Actor } from '../../auth/actor.ts';
import { importCustomers, type CustomerImportResult, type UploadedFile } from './import.service.ts';

/** A run whose heartbeat is older than this was left by a process that stopped. */
export const ABANDONED_AFTER_MINUTES = 30;
/** Runs a clerk sees in his list. */
const RECENT_RUNS = 20;

export interface ImportProgress {
  read(rowCount: number): Promise<void>;
  checked(rowCount: number): Promise<void>;
  writing(): Promise<void>;
  /** Called inside the import's transaction: must not touch the database. */
  written(rowCount: number): void;
}

export interface ImportRunView {
  id: number; kind: 'personal' | 'corporate'; dryRun: boolean; fileName: string; status: ImportRunStatus | 'interrupted';
  phase: ImportRunPhase; rowCount: number | null; rowsChecked: number; rowsWritten: number;
  result: CustomerImportResult | null; error: string | null; startedAt: Date; finishedAt: Date | null;
}

interface Live { actorKind: string; actorId: number | null; view: ImportRunView; finished: Promise<void> }
/** Runs this process is executing, by id, until they finish. */
const live = new Map<number, Live>();
/** Every run in flight here, so tests and a stopping server can wait for them. */
export const settleImportRuns = () => Promise.all([...live.values()].map((l) => l.finished));

const ownerOf = (actor: Actor) => ({ kind: actor.kind, id: actor.id ?? null });

/** Starts the import in the background and answers with the run at once. */
export async function startImportRun(db: Database, actor: Actor, kind: 'personal' | 'corporate', file: UploadedFile, opts: { dryRun: boolean; lang: Lang }) {
  const owner = ownerOf(actor);
  const row = await db.insertInto('customer_import_run').values({
    actor_kind: owner.kind, actor_id: owner.id, kind, dry_run: opts.dryRun, file_name: file.fileName.slice(0, 255),
  }).returningAll().executeTakeFirstOrThrow();
  const view = toView(row);
  const finished = execute(db, actor, row.id, view, kind, file, opts).finally(() => live.delete(row.id));
  live.set(row.id, { actorKind: owner.kind, actorId: owner.id, view, finished });
  return view;
}


async function execute(db: Database, actor: Actor, id: number, view: ImportRunView, kind: 'personal' | 'corporate', file: UploadedFile, opts: { dryRun: boolean; lang: Lang }) {
  const save = (change: Record<string, unknown>) => db.updateTable('customer_import_run').set({ ...change, heartbeat_at: new Date() }).where('id', '=', id).execute();
  const progress: ImportProgress = {
    read: async (n) => { view.phase = 'checking'; view.rowCount = n; await save({ phase: 'checking', row_count: n }); },
    checked: async (n) => { view.rowsChecked = n; await save({ rows_checked: n }); },
    writing: async () => { view.phase = 'writing'; await save({ phase: 'writing' }); },
    written: (n) => { view.rowsWritten = n; },
  };
  try {
    const result = await importCustomers(db, actor, kind, file, { ...opts, progress });
    const status: ImportRunStatus = result.ok ? 'done' : 'rejected';
    Object.assign(view, { status, phase: 'finished', result, finishedAt: new Date(), rowsWritten: result.ok && !result.dryRun ? result.rowCount : 0 });
    await save({ status, phase: 'finished', result: JSON.stringify(result), rows_written: view.rowsWritten, finished_at: view.finishedAt });
  } catch (err) {
    // A refusal of the whole file (unreadable, too many rows, empty) is the clerk's to read, in
    // his language; anything else is the operator's (logged) and the clerk is told it failed.
    const message = err instanceof AppError ? t(opts.lang, err.code, err.params) : t(opts.lang, 'customers.import.run_failed');
    Object.assign(view, { status: 'failed', phase: 'finished', error: message, finishedAt: new Date(), rowsWritten: 0 });
    await save({ status: 'failed', phase: 'finished', error: message, rows_written: 0, finished_at: view.finishedAt }).catch(() => undefined);
    if (!(err instanceof AppError)) console.error(`customer import run ${id} failed`, err);
  }
}

type RunRow = {
  id: number; kind: 'personal' | 'corporate'; dry_run: boolean; file_name: string; status: ImportRunStatus; phase: ImportRunPhase;
  row_count: number | null; rows_checked: number; rows_written: number; result: unknown; error: string | null;
  started_at: Date; heartbeat_at: Date; finished_at: Date | null;
};

function toView(r: RunRow): ImportRunView {
  const abandoned = r.status === 'running' && Date.now() - new Date(r.heartbeat_at).getTime() > ABANDONED_AFTER_MINUTES * 60_000;
  return {
    id: r.id, kind: r.kind, dryRun: r.dry_run, fileName: r.file_name, status: abandoned ? 'interrupted' : r.status, phase: r.phase,
    rowCount: r.row_count, rowsChecked: r.rows_checked, rowsWritten: r.rows_written, result: (r.result as CustomerImportResult | null) ?? null,
    error: r.error, startedAt: r.started_at, finishedAt: r.finished_at,
  };
}

/** One of my runs: from this process's memory while it runs here, else from its row. */
export async function getImportRun(db: Database, actor: Actor, id: number): Promise<ImportRunView> {
  const owner = ownerOf(actor);
  const here = live.get(id);
  if (here) {
    if (here.actorKind !== owner.kind || here.actorId !== owner.id) throw notFound('customer_import_run');
    return { ...here.view };
  }
  const row = await db.selectFrom('customer_import_run').selectAll().where('id', '=', id)
    .where('actor_kind', '=', owner.kind).where((eb) => (owner.id == null ? eb('actor_id', 'is', null) : eb('actor_id', '=', owner.id))).executeTakeFirst();
  if (!row) throw notFound('customer_import_run');
  return toView(row);
}

/** My latest runs, newest first, without their error lists (the list shows counts). */
export async function listImportRuns(db: Database, actor: Actor) {
  const owner = ownerOf(actor);
  const rows = await db.selectFrom('customer_import_run').selectAll().where('actor_kind', '=', owner.kind)
    .where((eb) => (owner.id == null ? eb('actor_id', 'is', null) : eb('actor_id', '=', owner.id))).orderBy('id', 'desc').limit(RECENT_RUNS).execute();
  return rows.map((r) => {
    const v = live.get(r.id)?.view ?? toView(r);
    const result = v.result && !v.result.ok ? { ...v.result, errors: [] } : v.result;
    return { ...v, result };
  });
}
