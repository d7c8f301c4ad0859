// Lines a set-based check in SQL did not pass, handed back one by one, in line order, to the JS
// rules that report them with their exact messages (or normalise what those rules accept in
// another spelling): the SQL decides only which lines are certainly good, the messages live in
// one place. See customer-rows.ts and account-rows.ts.
import { sql } from 'kysely';
import type { Tx } from '../../db/database.ts';
import type { StageColumn } from './stage.ts';

/** Lines handed back per round trip. */
const BATCH = 5000;

/** A line handed back to JS. */
export interface HandedBackRow {
  line: number; terms: string | null;
  /** The file's fields in order (LAYOUTS), null when empty. */
  values: (string | null)[];
  /** An earlier line claimed the same key (customers: passing the first checks, customer_no … birth_date): twice in the file. */
  repeated: boolean;
}

export interface HandBack {
  /** The checked lines, with the booleans `passed` and (when claimedBy names it) `first_passed`. */
  table: string;
  /** The lines as staged, in RAW columns: `line`, optionally `terms`, then the file's fields. */
  raw: string; rawColumns: readonly StageColumn[];
  /** The field sent once per file (customer or account number). */
  key: string;
  /** Which lines claim their key: those passing the first checks, or only those passing all. */
  claimedBy: 'first_passed' | 'passed';
}

/**
 * Takes out of `table` the lines that did not pass and those whose key an earlier claiming line
 * already has, and hands each, read again from `raw`, to `recheck` in line order.
 */
export async function handBack(tx: Tx, { table, raw, rawColumns, key, claimedBy }: HandBack, recheck: (row: HandedBackRow) => Promise<void>) {
  const t = sql.table(table);
  const k = sql.ref(key);
  // A key sent twice is rare: the lines of those keys only, found by a hash aggregate, not a sort of the file.
  await sql`create temp table feed_recheck on commit drop as
    with twice as (select ${k} from ${sql.table(raw)} where ${k} is not null group by ${k} having count(*) > 1),
    claimed as (select ${k}, min(line) filter (where ${sql.ref(claimedBy)}) as line from ${t} where ${k} in (select ${k} from twice) group by ${k})
    select f.line, coalesce(f.line > c.line, false) as repeated from ${t} f left join claimed c on c.${k} = f.${k}
    where not f.passed or f.line > c.line`.execute(tx);
  const n = Number((await sql<{ n: string }>`select count(*) as n from feed_recheck`.execute(tx)).rows[0]!.n);
  if (n) await sql`delete from ${t} f using feed_recheck x where x.line = f.line`.execute(tx);
  // The table keeps the staged columns only: the lines accepted on recheck are staged into it.
  await sql`alter table ${t} drop column if exists first_passed, drop column passed`.execute(tx);
  if (!n) { await sql`drop table feed_recheck`.execute(tx); return; }
  await sql`create temp table feed_recheck_row on commit drop as select r.*, x.repeated from ${sql.table(raw)} r join feed_recheck x on x.line = r.line`.execute(tx);
  await sql`create index on feed_recheck_row (line)`.execute(tx);
  const fields = rawColumns.filter((c) => c.name !== 'line' && c.name !== 'terms').map((c) => c.name);
  let after = 0;
  for (;;) {
    const rows = await sql<Record<string, string | null> & { line: number; repeated: boolean }>`
      select * from feed_recheck_row where line > ${after} order by line limit ${BATCH}`.execute(tx);
    for (const r of rows.rows) await recheck({ line: r.line, terms: r.terms ?? null, values: fields.map((f) => r[f] ?? null), repeated: r.repeated });
    if (rows.rows.length < BATCH) break;
    after = rows.rows[rows.rows.length - 1]!.line;
  }
  await sql`drop table feed_recheck, feed_recheck_row`.execute(tx);
}

/**
 * Runs a row check with JIT compilation off: the check is one large expression per line that
 * PostgreSQL would compile for seconds (4.8 s measured at 600,000 accounts) to run once.
 */
export async function withoutJit<T>(tx: Tx, check: () => Promise<T>): Promise<T> {
  const was = (await sql<{ jit: string }>`select current_setting('jit') as jit`.execute(tx)).rows[0]!.jit;
  await sql`select set_config('jit', 'off', true)`.execute(tx);
  try { return await check(); } finally { await sql`select set_config('jit', ${was}, true)`.execute(tx); }
}
