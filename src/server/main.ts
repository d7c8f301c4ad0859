// `npm start`: open the database (embedded PGlite in CRM_DATA_DIR, or DATABASE_URL), migrate,
// seed, serve the API and the web app.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from '../db/database.ts';
import { buildApp } from './app.ts';
import { endInterruptedRunsAtStart } from '../modules/feed/interrupted-runs.ts';
import { embeddedDatabaseDir, firstRun, firstRunLines, prepareDatabase, rebuildEmbeddedDemo } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { claimDataDir, releaseDataDir } from './data-dir-lock.ts';
import { startScheduler } from './jobs.ts';

const config = loadConfig();
let dataDir: string | undefined;
if (config.database.kind === 'pglite') {
  dataDir = resolve(config.database.dataDir);
  mkdirSync(dataDir, { recursive: true });
  claimDataDir(dataDir);
}
const started = performance.now();
const progress = (line: string) => console.log(line);
let handle = await openDatabase(config.database.kind === 'postgres' ? config.database : { kind: 'pglite', dataDir: embeddedDatabaseDir(dataDir!) });
await prepareDatabase(handle);
let run = await firstRun(handle, config, progress);
if (run.kind === 'demo_incomplete') {
  // A first start stopped while building the demo book: serving half a book would show wrong
  // figures, so the embedded database is made again from nothing.
  console.log(`\n  The demo book in ${dataDir} was left incomplete by an interrupted first start: rebuilding the demo database.`);
  await handle.close();
  ({ handle, run } = await rebuildEmbeddedDemo(dataDir!, config, progress));
}
// A load killed with the previous process left its run "running" in the feed history.
const interrupted = await endInterruptedRunsAtStart(handle.db);
if (interrupted) console.log(`  ${interrupted} feed load(s) cut off by the previous stop marked failed.`);
const startSeconds = ((performance.now() - started) / 1000).toFixed(1);
const app = await buildApp(handle.db, config);
await app.listen({ port: config.port, host: config.host });
// PLAT-5: scheduled jobs run in this process; an advisory lock per job keeps several instances from running one twice.
const scheduler = startScheduler(handle.db, app.log);

const url = `http://localhost:${config.port}`;
const lines = [
  '',
  `  银行客户关系管理系统 / Bank CRM is running at ${url}`,
  `  Database: ${config.database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${dataDir}`}`,
  `  API docs: ${url}/api/docs`,
];
lines.push(...firstRunLines(run, startSeconds));
console.log(lines.join('\n') + '\n');

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  app.log.info({ signal }, 'shutting down');
  scheduler.stop();
  await app.close();
  await handle.close();
  if (dataDir) releaseDataDir(dataDir);
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
