// `npm run crm -- <command>`: operator commands against the configured database.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Command } from 'commander';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { verifyAuditChain } from './modules/audit/audit.service.ts';
import { loadConfig } from './server/config.ts';
import { claimDataDir, releaseDataDir } from './server/data-dir-lock.ts';
import { rootSystemActor } from './modules/auth/actor.queries.ts';
import { loadFeed } from './modules/feed/feed.service.ts';
import { t } from './common/i18n/i18n.ts';

async function withDatabase<T>(fn: (h: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const dataDir = config.database.kind === 'pglite' ? resolve(config.database.dataDir) : undefined;
  if (dataDir) claimDataDir(dataDir);
  const handle = await openDatabase(config.database.kind === 'postgres' ? config.database : { kind: 'pglite', dataDir: resolve(dataDir!, 'pg') });
  try {
    await migrate(handle);
    return await fn(handle);
  } finally {
    await handle.close();
    if (dataDir) releaseDataDir(dataDir);
  }
}

const program = new Command('crm').description('Bank CRM operator commands');
const audit = program.command('audit').description('audit log');
audit.command('verify').description('check the hash chain of the audit log; exits 1 at the first broken row')
  .action(async () => {
    const result = await withDatabase((h) => verifyAuditChain(h.db));
    if (result.ok) {
      console.log(`audit log intact: ${result.checked} rows verified`);
    } else {
      console.error(`audit log BROKEN at row ${result.firstBroken!.id} (${result.firstBroken!.reason === 'content' ? 'row content does not match its hash' : 'row does not link to the previous row'}); ${result.checked} rows before it verified`);
      process.exitCode = 1;
    }
  });

const feed = program.command('feed').description('core-banking daily feed (docs/feed-format.md)');
feed.command('load').description('load one business date from a folder, whole or not at all; exits 1 when the day is rejected or fails')
  .argument('<dir>', 'the folder holding CRM_FEED_YYYYMMDD.ctl and its files')
  .requiredOption('--date <YYYY-MM-DD>', 'business date')
  .action(async (dir: string, o: { date: string }) => {
    const result = await withDatabase(async (h) => {
      return loadFeed(h.db, await rootSystemActor(h.db), dir, o.date, 'cli');
    });
    console.log(`feed ${result.businessDate}: ${result.status} (run ${result.runId})`);
    console.log(`  counts  ${JSON.stringify(result.counts)}`);
    console.log(`  timings ${JSON.stringify(result.timings)} ms`);
    if (result.error) console.error(`  error: ${result.error}`);
    for (const r of result.rejected.slice(0, 50)) console.error(`  rejected ${r.file}:${r.line} ${r.field ?? ''} ${t('zh-CN', r.code, { ...r.params, value: r.value ?? '' })} [${r.code}]${r.value ? ` «${r.value}»` : ''}`);
    if (result.rejectedTotal > 50) console.error(`  … ${result.rejectedTotal - 50} more rejected rows (feed history screen / GET /api/feeds/${result.runId}/rejected.csv)`);
    if (result.status !== 'loaded') process.exitCode = 1;
  });

const warnings = program.command('warnings').description('relationship crisis early warning (docs/early-warning.md)');
warnings.command('backtest').description('replay a generated history with injected churners through the daily scoring (in a scratch in-memory database, never the bank\'s) and print precision, recall and lead time per level')
  .option('--customers <n>', 'customers in the generated book', '2000')
  .option('--months <n>', 'months replayed', '15')
  .option('--warmup <n>', 'months of history before alerts are measured (the 6-month baselines need them)', '6')
  .option('--churn <share>', 'share of customers who leave', '0.06')
  .option('--seed <n>', 'seed of the generator', '17')
  .option('--verbose', 'print each replayed day')
  .action(async (o: { customers: string; months: string; warmup: string; churn: string; seed: string; verbose?: boolean }) => {
    const { prepareDatabase } = await import('./server/bootstrap.ts');
    const { runBacktest, formatBacktest } = await import('./modules/warnings/backtest.ts');
    const handle = await openDatabase({ kind: 'pglite' });
    try {
      await prepareDatabase(handle);
      const report = await runBacktest(handle.db, { customers: Number(o.customers), months: Number(o.months), warmupMonths: Number(o.warmup), churnShare: Number(o.churn), seed: Number(o.seed) },
        o.verbose ? (l) => console.log(l) : undefined);
      for (const line of formatBacktest(report)) console.log(line);
    } finally {
      await handle.close();
    }
  });

const demo = program.command('demo').description('the demo bank and its book (embedded database only)');
demo.command('reset').description('drop the embedded database and build the demo bank and its book again; refused with DATABASE_URL and while a server uses the data folder')
  .action(async () => {
    const config = loadConfig();
    if (config.database.kind !== 'pglite') {
      console.error('demo reset works on the embedded database only: DATABASE_URL is set, and a server\'s database is never replaced by the demo.');
      process.exitCode = 1;
      return;
    }
    const dataDir = resolve(config.database.dataDir);
    mkdirSync(dataDir, { recursive: true });
    try {
      claimDataDir(dataDir);
    } catch (err) {
      console.error((err as Error).message);
      process.exitCode = 1;
      return;
    }
    const started = performance.now();
    // Loaded here: the demo book's generator is not needed by the other commands.
    const { firstRunLines, rebuildEmbeddedDemo } = await import('./server/bootstrap.ts');
    try {
      console.log(`Rebuilding the demo database in ${dataDir} …`);
      const { handle, run } = await rebuildEmbeddedDemo(dataDir, config, (line) => console.log(line));
      await handle.close();
      console.log(firstRunLines(run, ((performance.now() - started) / 1000).toFixed(1)).join('\n'));
    } finally {
      releaseDataDir(dataDir);
    }
  });

await program.parseAsync(process.argv);
