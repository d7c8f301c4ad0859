// Staging tables: a file's checked rows go into a temporary table (dropped with the transaction)
// in chunks; the checks against the database and the merge are then set-based SQL over the staged
// rows. On a PostgreSQL server each chunk is one COPY FROM STDIN in the load's own session, sent
// while the next chunk is being read (at 3,000,000 balances: a few seconds, against about 12 s for
// INSERT … SELECT FROM unnest(…) of the same chunks). PGlite has no COPY through the transaction:
// there each chunk is one INSERT … SELECT FROM unnest(…) with one array parameter per column.
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import { copyText, type CopyIn } from '../../db/copy-in.ts';
import { ANALYZE_FROM_ROWS } from '../../db/statistics.ts';
import type { Rejection } from './read-file.ts';

export interface StageColumn { name: string; type: 'int4' | 'int8' | 'text' | 'numeric' | 'date' | 'time' }

export class Stage {
  private rows: unknown[][] = [];
  private lines: string[] = [];
  private buffered = 0;
  /** The COPY of the previous chunk, still running while the next one is read. */
  private inFlight: Promise<void> | null = null;
  count = 0;
  constructor(private tx: Tx, readonly table: string, private columns: readonly StageColumn[], private chunk = 20_000, private copyIn: CopyIn | null = null) {
    this.rows = columns.map(() => []);
  }

  async create() {
    const defs = sql.join(this.columns.map((c) => sql`${sql.ref(c.name)} ${sql.raw(c.type)}`));
    await sql`create temp table if not exists ${sql.table(this.table)} (${defs}) on commit drop`.execute(this.tx);
    await sql`truncate ${sql.table(this.table)}`.execute(this.tx);
    return this;
  }

  /** One row; '' is stored as null (no value). */
  async push(values: unknown[]) {
    if (this.copyIn) this.lines.push(values.map((v) => copyText(v === '' ? null : v)).join('\t'));
    else values.forEach((v, i) => this.rows[i]!.push(v === '' ? null : v));
    this.count++;
    if (++this.buffered >= this.chunk) await this.flush();
  }

  async flush() {
    if (!this.buffered) return;
    this.buffered = 0;
    if (this.copyIn) {
      const text = `${this.lines.join('\n')}\n`;
      this.lines = [];
      await this.inFlight; // one chunk in flight at a time: its error surfaces here or in done()
      const copy = this.copyIn(this.tx, `copy ${this.table} (${this.columns.map((c) => c.name).join(', ')}) from stdin`, text);
      copy.catch(() => {}); // awaited (and thrown) by the next flush or done()
      this.inFlight = copy;
      return;
    }
    const arrays = this.columns.map((c, i) => sql`${this.rows[i]}::${sql.raw(c.type)}[]`);
    await sql`insert into ${sql.table(this.table)} select * from unnest(${sql.join(arrays)})`.execute(this.tx);
    this.rows = this.columns.map(() => []);
  }

  async done() {
    await this.flush();
    const last = this.inFlight;
    this.inFlight = null;
    await last;
    if (this.count >= ANALYZE_FROM_ROWS) await sql`analyze ${sql.table(this.table)}`.execute(this.tx);
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
