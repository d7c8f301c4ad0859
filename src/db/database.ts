// One Kysely instance over either embedded PGlite (a data folder, or memory for tests) or a
// PostgreSQL server. The rest of the code never knows which.
import { Kysely, PGliteDialect, PostgresDialect, type Transaction } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import pg from 'pg';
import type { DB } from './schema.ts';
import { registerCopyIn } from './copy-in.ts';

export type Database = Kysely<DB>;
export type Tx = Transaction<DB>;
/** Either the database or a running transaction: services accept both so callers can compose them. */
export type Executor = Kysely<DB> | Transaction<DB>;

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

// Dates stay 'YYYY-MM-DD' strings: a business date has no time zone and must not drift through
// JS Date. int8 ids and counts fit in a double here (ids < 2^53); money columns use numeric.
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);

export type DatabaseTarget =
  | { kind: 'pglite'; dataDir?: string }          // dataDir undefined = in memory
  | { kind: 'postgres'; connectionString: string; poolSize?: number };

/**
 * Kysely runs parameterised single statements; migrations are multi-statement scripts (functions,
 * triggers), which both drivers run only through their simple-query path. `exclusive` hands out
 * one session for such scripts.
 */
export interface ScriptSession { run(text: string): Promise<unknown[]> }

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseTarget['kind'];
  exclusive<T>(fn: (session: ScriptSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.connectionString, max: target.poolSize ?? 10 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    registerCopyIn(db, pool);
    return {
      db,
      kind: 'postgres',
      async exclusive(fn) {
        const client = await pool.connect();
        try {
          return await fn({ run: async (text) => {
            const res = await client.query(text);
            return Array.isArray(res) ? res.flatMap((r) => r.rows) : res.rows;
          } });
        } finally {
          client.release();
        }
      },
      close: () => db.destroy(),
    };
  }
  const pglite = await PGlite.create({
    dataDir: target.dataDir,
    extensions: { pg_trgm, btree_gist },
    parsers: { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v, [NUMERIC]: (v: string) => v },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    kind: 'pglite',
    // PGlite is one session already; Kysely serialises its own use of it.
    async exclusive(fn) {
      return fn({ run: async (text) => (await pglite.exec(text)).flatMap((r) => r.rows) });
    },
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
