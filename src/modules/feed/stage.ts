// Staging tables: a file's checked rows go into a temporary table (dropped with the transaction)
// in chunks, one INSERT … SELECT FROM unnest(…) per chunk with one array parameter per column, so
// millions of rows cost a few hundred statements; the checks against the database and the merge
// are then set-based SQL over the staged rows.
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { Rejection } from './read-file.ts';

export interface StageColumn { name: string; type: 'int4' | 'int8' | 'text' | 'numeric' | 'date' | 'time' }

export class Stage {
  private rows: unknown[][];
  count = 0;
  constructor(private tx: Tx, readonly table: string, private columns: readonly StageColumn[], private chunk = 20_000) {
    this.rows = columns.map(() => []);
  }

  async create() {
    const defs = sql.join(this.columns.map((c) => sql`${sql.ref(c.name)} ${sql.raw(c.type)}`));
    await sql`create temp table if not exists ${sql.table(this.table)} (${defs}) on commit drop`.execute(this.tx);
    await sql`truncate ${sql.table(this.table)}`.execute(this.tx);
    return this;
  }

  async push(values: unknown[]) {
    values.forEach((v, i) => this.rows[i]!.push(v === '' ? null : v));
    this.count++;
    if (this.rows[0]!.length >= this.chunk) await this.flush();
  }

  async flush() {
    if (!this.rows[0]!.length) return;
    const arrays = this.columns.map((c, i) => sql`${this.rows[i]}::${sql.raw(c.type)}[]`);
    await sql`insert into ${sql.table(this.table)} select * from unnest(${sql.join(arrays)})`.execute(this.tx);
    this.rows = this.columns.map(() => []);
  }

  async done() {
    await this.flush();
    await sql`analyze ${sql.table(this.table)}`.execute(this.tx);
  }
}

/** Staged rows (of a table with `line` and `account_no`) naming no known account, reported; true when there are none. */
export async function rejectUnknownAccounts(tx: Tx, table: string, file: string, reject: (r: Rejection) => void): Promise<boolean> {
  const unknown = await sql<{ line: number; account_no: string }>`
    select s.line, s.account_no from ${sql.table(table)} s where not exists (select 1 from account a where a.account_no = s.account_no)
    order by s.line limit 1000`.execute(tx);
  for (const u of unknown.rows) reject({ file, line: u.line, field: 'account_no', code: 'feed.account_unknown', value: u.account_no });
  return unknown.rows.length === 0;
}
