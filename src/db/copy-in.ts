// COPY FROM STDIN inside a running transaction, for bulk staging (the daily feed's millions of
// rows). Kysely hands out no driver session, so the PostgreSQL handle keeps its pool's sessions by
// backend pid and finds the transaction's own session by asking the transaction for
// pg_backend_pid(): the COPY then runs in that transaction, rolled back with it. PGlite offers no
// COPY FROM STDIN through Kysely's transaction: there is no CopyIn, and callers insert instead.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Executor } from './database.ts';

/** Runs `statement` (a COPY … FROM STDIN) in `tx`'s session with `text` (COPY text format) as its input. */
export type CopyIn = (tx: Executor, statement: string, text: string) => Promise<void>;

const copyIns = new WeakMap<Database, CopyIn>();

/** The database's CopyIn, or null where COPY FROM STDIN is not available (PGlite). */
export const copyInOf = (db: Database): CopyIn | null => copyIns.get(db) ?? null;

/** Called by openDatabase for a PostgreSQL pool. */
export function registerCopyIn(db: Database, pool: pg.Pool) {
  const sessions = new Map<number, pg.PoolClient>();
  const pid = (c: pg.PoolClient) => (c as pg.PoolClient & { processID?: number }).processID;
  pool.on('connect', (c) => { const p = pid(c); if (p) sessions.set(p, c); });
  pool.on('remove', (c) => { const p = pid(c); if (p) sessions.delete(p); });
  copyIns.set(db, async (tx, statement, text) => {
    const backend = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx)).rows[0]!.pid;
    const session = sessions.get(backend);
    if (!session) throw new Error(`COPY: no pool session for backend ${backend}`);
    // A single chunk: the COPY ends before control returns, so the session is never left in COPY
    // mode for a later statement (or the rollback) to queue behind.
    await pipeline(Readable.from([text]), session.query(copyFrom(statement)));
  });
}

/** A value in COPY text format: \N for null, backslash, tab, newline and CR escaped. */
export function copyText(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}
