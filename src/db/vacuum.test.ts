// The nightly vacuum: where no autovacuum launcher runs (PGlite always; this machine's server has
// autovacuum off) a table updated in place stops growing once it is vacuumed between rounds of
// updates, as the feed's daily rewrite of account_average does; where one runs, the job leaves it be.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Database } from './database.ts';
import { openTestDatabase } from '../test/harness.ts';
import { autovacuumRuns, vacuumUnlessAutovacuum } from './vacuum.ts';

let db: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  const t = await openTestDatabase();
  db = t.handle.db;
  drop = async () => { await t.handle.close(); await t.drop(); };
  await sql`create table rewritten (id int primary key, amount numeric(18,2) not null, padding text not null)`.execute(db);
  await sql`insert into rewritten select g, 0, repeat('x', 200) from generate_series(1, 2000) g`.execute(db);
});
afterAll(async () => drop());

const size = async () => (await sql<{ n: number }>`select pg_relation_size('rewritten')::int as n`.execute(db)).rows[0]!.n;
/** Five feed days' worth of in-place rewrites of every row. */
const rewriteFiveTimes = async () => { for (let i = 0; i < 5; i++) await sql`update rewritten set amount = amount + 1`.execute(db); };

describe('vacuumUnlessAutovacuum', () => {
  it('vacuums when nobody else does, and the space of dead rows is then reused', async () => {
    const autovacuum = await autovacuumRuns(db);
    await rewriteFiveTimes();
    const result = await vacuumUnlessAutovacuum(db);
    expect(result.vacuumed).toBe(!autovacuum);
    if (autovacuum) return; // a server with autovacuum: the job's whole contract is to stand aside
    const afterFirstRound = await size();
    await rewriteFiveTimes();
    await vacuumUnlessAutovacuum(db);
    await rewriteFiveTimes();
    // Without the vacuum every round of five rewrites adds five tables' worth of dead rows;
    // with it, later rounds fit in the space the first round's dead rows left.
    expect(await size()).toBeLessThanOrEqual(afterFirstRound * 1.25);
    const { rows } = await sql<{ amount: string }>`select min(amount)::text as amount from rewritten`.execute(db);
    expect(rows[0]!.amount).toBe('15.00');
  });
});
