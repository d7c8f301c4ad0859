// Round trips of a service call, counted on the wire: a Kysely over its own pool whose clients
// record every query they send (BEGIN and COMMIT included) with its time, per phase of the
// caller's choosing. Answers "how many statements does one decision cost, and which are slow".
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { DB } from '../src/db/schema.ts';

interface Tally { count: number; ms: number }

export function countingDatabase(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const phases = new Map<string, { runs: number; statements: Map<string, Tally> }>();
  const samples = new Map<string, { text: string; values: unknown[] }>();
  let phase: string | null = null;
  pool.on('connect', (client) => {
    const send = client.query.bind(client) as (...a: unknown[]) => Promise<unknown>;
    (client as unknown as { query: (...a: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
      const t = process.hrtime.bigint();
      try {
        return await send(...args);
      } finally {
        if (phase) {
          const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text: string }).text;
          const key = text.replace(/\s+/g, ' ').trim().slice(0, 110);
          const statements = phases.get(phase)!.statements;
          const tally = statements.get(key) ?? { count: 0, ms: 0 };
          tally.count++;
          tally.ms += Number(process.hrtime.bigint() - t) / 1e6;
          statements.set(key, tally);
          if (!samples.has(key) && Array.isArray(args[1])) samples.set(key, { text, values: args[1] as unknown[] });
        }
      }
    };
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    /** Counts the queries `fn` sends under `name`. */
    async measure<T>(name: string, fn: () => Promise<T>): Promise<T> {
      if (!phases.has(name)) phases.set(name, { runs: 0, statements: new Map() });
      phases.get(name)!.runs++;
      phase = name;
      try { return await fn(); } finally { phase = null; }
    },
    report(detail = true) {
      for (const [name, { runs, statements }] of phases) {
        const all = [...statements.values()];
        const trips = all.reduce((s, t) => s + t.count, 0) / runs;
        const ms = all.reduce((s, t) => s + t.ms, 0) / runs;
        console.log(`  ${name.padEnd(28)} ${trips.toFixed(1).padStart(5)} round trips, ${ms.toFixed(2).padStart(6)} ms in the database per call (${runs} calls)`);
        if (!detail) continue;
        for (const [text, t] of [...statements].sort((a, b) => b[1].ms - a[1].ms)) {
          console.log(`      ${(t.count / runs).toFixed(1).padStart(4)} × ${(t.ms / t.count).toFixed(3).padStart(6)} ms  ${text}`);
        }
      }
    },
    /**
     * Planning and execution time of each statement seen (the last sample of its parameters), by
     * EXPLAIN ANALYZE in a transaction rolled back: most of a short statement's cost is its plan.
     */
    async explain() {
      const client = await pool.connect();
      try {
        for (const [key, { text, values }] of samples) {
          const times: string[] = [];
          for (let i = 0; i < 3; i++) {
            await client.query('begin');
            try {
              const r = await client.query(`explain (analyze, summary, costs off, timing off) ${text}`, values);
              const lines = (r.rows as { 'QUERY PLAN': string }[]).map((x) => x['QUERY PLAN']);
              times.push(['Planning', 'Execution'].map((w) => lines.find((l) => l.startsWith(w))?.replace(/.*: /, '') ?? '?').join(' + '));
            } catch (err) {
              times.push(`(${(err as Error).message.slice(0, 40)})`);
            } finally {
              await client.query('rollback');
            }
          }
          console.log(`  ${times.at(-1)!.padEnd(24)} ${key}`);
        }
      } finally {
        client.release();
      }
    },
    close: () => db.destroy(),
  };
}
