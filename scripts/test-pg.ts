// `npm run test:pg`: the whole Vitest suite against a real PostgreSQL server. TEST_DATABASE_URL
// names a maintenance database on that server (default: the local server's `postgres`); every
// test file creates its own throwaway database there and drops it when done. Leftovers of a
// crashed test file are dropped at the end (only this run's: several runs may share a server).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../src/db/database.ts';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = await openDatabase({ kind: 'postgres', connectionString: url, poolSize: 1 });
try {
  const [row] = (await admin.exclusive((s) => s.run('show server_version'))) as { server_version: string }[];
  console.log(`Running the suite against PostgreSQL ${row!.server_version} (${new URL(url).host})`);
} catch (err) {
  console.error(`Cannot reach PostgreSQL at ${url}: ${(err as Error).message}`);
  process.exit(2);
}

// Every database of this run carries its id, so the clean-up below never drops a database of
// another run going on at the same time on the same server.
const run = randomBytes(4).toString('hex');
const result = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], {
  stdio: 'inherit', env: { ...process.env, TEST_DATABASE_URL: url, CRM_TEST_RUN: run },
});

const leftovers = (await admin.exclusive((s) => s.run(`select datname from pg_database where datname like 'crm\\_test\\_${run}\\_%'`))) as { datname: string }[];
for (const { datname } of leftovers) await admin.exclusive((s) => s.run(`drop database if exists "${datname}" with (force)`));
await admin.close();
process.exit(result.status ?? 1);
