// Daily-feed benchmark (ACC-5 at a million customers). On a fresh PostgreSQL database:
//  1. the bench bank (bankTree of bench/customers.ts) and the product catalogue of the generator;
//  2. day by day, a generated core-banking feed folder (src/demo/generate/feed.ts) loaded through
//     loadFeed, exactly as `npm run crm -- feed load` does: day 1 is the initial load of the whole
//     book (all customers, ~3 accounts each), days 2..N are ordinary days (full balance file);
//  3. beside each day, a raw COPY of the same balances file into a scratch table with a primary
//     key, and of the customers and accounts files into plain tables: the floor any loader of
//     that file pays, printed beside the loader's phase for it (÷ COPY);
//  4. p50/p95 of the customer view's accounts and daily averages for random customers, after
//     day 1 and after the last day.
import { mkdtemp, rm } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, type Database } from '../src/db/database.ts';
import type { Actor } from '../src/modules/auth/actor.ts';
import { businessToday } from '../src/common/business-date.ts';
import { createProduct } from '../src/modules/accounts/products/product.service.ts';
import { listCustomerAccounts } from '../src/modules/accounts/account.service.ts';
import { customerAverages } from '../src/modules/accounts/balances/daily-average.service.ts';
import { loadFeed } from '../src/modules/feed/feed.service.ts';
import { bankTree, freshDatabase } from './customers.ts';
import { feedDays, isoOf, PRODUCT_CATALOGUE, toDayNo, type FeedEncoding, type FeedLayout, type GeneratedDay } from '../src/demo/generate/feed.ts';
import { LAYOUTS } from '../src/demo/generate/feed-files.ts';
import { fmt, sample } from './timing.ts';

export interface FeedBenchOptions {
  customers: number; days: number; layout: FeedLayout; encoding: FeedEncoding;
  keep: boolean; dir?: string; generateOnly: boolean; samples: number; seed: number; start?: string;
}

// Another database name (BENCH_FEED_DATABASE) lets two benches share one server.
const DATABASE = process.env.BENCH_FEED_DATABASE ?? 'crm_bench_feed';
const n = (x: number) => x.toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (rows: number, ms: number) => (ms > 0 ? n(Math.round(rows / (ms / 1000))) : '–');

function startDateOf(o: FeedBenchOptions): string {
  // By default the last generated day is yesterday: no business date in the future.
  return o.start ?? isoOf(toDayNo(businessToday()) - o.days);
}

export async function benchFeed(o: FeedBenchOptions) {
  const feed = { customers: o.customers, days: o.days, layout: o.layout, encoding: o.encoding, seed: o.seed, startDate: startDateOf(o) };
  if (o.generateOnly) {
    if (!o.dir) throw new Error('--generate-only needs --dir');
    for await (const day of feedDays({ ...feed, outDir: o.dir })) console.log(`${day.date}  ${records(day)}  generated in ${s(day.ms)}  → ${day.dir}`);
    return;
  }

  const { handle, url } = await freshDatabase(DATABASE);
  const db = handle.db;
  const { actor, outlets } = await bankTree(handle);
  const institutions = (await db.selectFrom('institution').select('code').where('id', 'in', outlets).orderBy('id').execute()).map((i) => i.code);
  for (const p of PRODUCT_CATALOGUE) {
    await createProduct(db, actor, { id: p.id, nameZh: p.nameZh, nameEn: p.nameEn, category: p.category, subType: p.subType, currency: 'CNY' });
  }
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const copyClient = await pool.connect();
  await copyClient.query(`create schema bench_copy;
    create table bench_copy.balance (account_no varchar(32) primary key, balance numeric(18,2) not null);
    create table bench_copy.balance_line (line text);
    create table bench_copy.customers (${LAYOUTS.customers.map((f) => `${f.name} text`).join(', ')});
    create table bench_copy.accounts (${LAYOUTS.accounts.map((f) => `${f.name} text`).join(', ')});`);
  const version = (await copyClient.query('show server_version')).rows[0].server_version as string;

  const dir = o.dir ?? await mkdtemp(join(tmpdir(), 'crm-feed-'));
  console.log(`Daily feed benchmark on ${new URL(url).host}, PostgreSQL ${version}: ${n(o.customers)} customers, ${o.days} days from ${feed.startDate}, ${o.layout} ${o.encoding}, files in ${dir}`);
  const summary: { date: string; recs: Record<string, number>; genMs: number; loadMs: number; balancesMs: number | null; copyMs: number;
    phases: Record<string, number>; fileCopy: Record<string, number> }[] = [];
  const views: string[] = [];
  let failed = false;
  try {
    let dayNo = 0;
    for await (const day of feedDays({ ...feed, outDir: dir, institutions })) {
      dayNo++;
      const t = performance.now();
      const result = await loadFeed(db, actor, day.dir, day.date);
      const loadMs = performance.now() - t;
      const recs = Object.fromEntries(day.files.map((f) => [f.kind, f.records]));
      console.log(`\nDay ${dayNo}/${o.days} ${day.date}${dayNo === 1 ? ' (initial load of the whole book)' : ''}: ${result.status} in ${s(loadMs)} (generated in ${s(day.ms)})`);
      console.log(`  records   ${records(day)}`);
      if (result.status !== 'loaded') {
        console.log(`  error     ${result.error ?? '-'}; ${n(result.rejectedTotal)} rejected rows, the first:`);
        for (const r of result.rejected.slice(0, 20)) console.log(`    ${r.file}:${r.line} ${r.field ?? ''} ${r.code}`);
        failed = true;
        break;
      }
      console.log(`  phases    ${Object.entries(result.timings).map(([k, ms]) => `${k} ${s(ms)}`).join(' · ')}`);
      console.log(`  counts    ${Object.entries(result.counts).map(([k, v]) => `${k} ${n(v)}`).join(' · ')}`);
      // The balances file's own phases (read, check, apply): the loader's work for that file.
      // Sub-phases (balancesApply.snapshots …) are already inside their phase.
      const balancePhases = Object.entries(result.timings).filter(([k]) => k.startsWith('balances') && !k.includes('.'));
      const balancesMs = balancePhases.length ? balancePhases.reduce((sum, [, ms]) => sum + ms, 0) : null;
      const copyMs = await rawCopy(copyClient, join(day.dir, day.files.find((f) => f.kind === 'balances')!.file), o.layout, o.encoding);
      console.log(`  balances  ${perSecond(recs.balances!, loadMs)} rows/s over the whole load${balancesMs !== null ? `, ${perSecond(recs.balances!, balancesMs)} rows/s in its balances phases (${s(balancesMs)}, ${ratio(balancesMs, copyMs)} raw COPY)` : ''}; raw COPY of the same file ${perSecond(recs.balances!, copyMs)} rows/s (${s(copyMs)})`);
      // The customers and accounts phases beside a COPY of their own file into a plain table.
      const fileCopy: Record<string, number> = {};
      for (const kind of ['customers', 'accounts'] as const) {
        const f = day.files.find((x) => x.kind === kind);
        if (!f || result.timings[kind] === undefined) continue;
        const ms = await rawFileCopy(copyClient, kind, join(day.dir, f.file), o.layout, o.encoding);
        fileCopy[kind] = ms;
        console.log(`  ${kind.padEnd(9)} ${perSecond(f.records, result.timings[kind]!)} rows/s in its phase (${s(result.timings[kind]!)}); raw COPY of the same file ${perSecond(f.records, ms)} rows/s (${s(ms)}): ${ratio(result.timings[kind]!, ms)}`);
      }
      summary.push({ date: day.date, recs, genMs: day.ms, loadMs, balancesMs, copyMs, phases: result.timings, fileCopy });
      if (!o.dir) await rm(day.dir, { recursive: true, force: true }); // a temporary day is not needed once loaded
      if (dayNo === 1 || dayNo === o.days) views.push(...await customerView(db, actor, o.samples, dayNo === 1 ? 'after day 1' : `after day ${dayNo}`));
    }

    if (summary.length) {
      console.log(`\nSummary (${o.layout}, ${o.encoding})`);
      console.log(`  ${'date'.padEnd(10)} ${'customers'.padStart(10)} ${'accounts'.padStart(10)} ${'balances'.padStart(10)} ${'txns'.padStart(9)} ${'load s'.padStart(8)} ${'bal rows/s'.padStart(11)} ${'COPY rows/s'.padStart(12)}`);
      for (const d of summary) {
        console.log(`  ${d.date} ${n(d.recs.customers ?? 0).padStart(10)} ${n(d.recs.accounts ?? 0).padStart(10)} ${n(d.recs.balances ?? 0).padStart(10)} ${n(d.recs.transactions ?? 0).padStart(9)} ${fmt(d.loadMs / 1000, 1)} ${perSecond(d.recs.balances!, d.balancesMs ?? d.loadMs).padStart(11)} ${perSecond(d.recs.balances!, d.copyMs).padStart(12)}`);
      }
      console.log(`\n  ${'date'.padEnd(10)} ${'customers s'.padStart(12)} ${'÷ COPY'.padStart(7)} ${'accounts s'.padStart(11)} ${'÷ COPY'.padStart(7)} ${'balances s'.padStart(11)} ${'÷ COPY'.padStart(7)}`);
      for (const d of summary) {
        const cell = (ms: number | undefined, copy: number | undefined, w: number) => `${(ms === undefined ? '–' : (ms / 1000).toFixed(1)).padStart(w)} ${(ms === undefined || copy === undefined ? '–' : ratio(ms, copy)).padStart(7)}`;
        console.log(`  ${d.date} ${cell(d.phases.customers, d.fileCopy.customers, 12)} ${cell(d.phases.accounts, d.fileCopy.accounts, 11)} ${cell(d.balancesMs ?? undefined, d.copyMs, 11)}`);
      }
      const later = summary.slice(1);
      if (later.length) {
        const avg = later.reduce((a, d) => a + d.loadMs, 0) / later.length;
        console.log(`  days 2..${summary.length}: mean load ${s(avg)}, max ${s(Math.max(...later.map((d) => d.loadMs)))}`);
      }
      console.log('  (bal rows/s: balances records ÷ the loader\'s balances* phases, or ÷ the whole load when it reports none;')
      console.log('   ÷ COPY: the loader\'s phase for that file ÷ a raw COPY of the same file measured in the same run, right after the load)');
      console.log(views.join('\n'));
    }
  } finally {
    copyClient.release();
    await pool.end();
    await handle.close();
    if (!o.dir) await rm(dir, { recursive: true, force: true });
    if (!o.keep) await dropDatabase();
    else console.log(`\nDatabase ${DATABASE} kept.`);
  }
  if (failed) process.exitCode = 1;
}

function records(day: GeneratedDay) {
  return day.files.map((f) => `${f.kind} ${n(f.records)}`).join(' · ');
}

/** COPY of the balances file into bench_copy.balance (fixed width: lines, then cut by position). */
async function rawCopy(client: pg.PoolClient, file: string, layout: FeedLayout, encoding: FeedEncoding): Promise<number> {
  await client.query('truncate bench_copy.balance, bench_copy.balance_line');
  const enc = encoding === 'UTF-8' ? 'UTF8' : 'GB18030';
  const t = performance.now();
  if (layout === 'delimited') {
    await pipeline(createReadStream(file), client.query(copyFrom(`copy bench_copy.balance from stdin with (format text, delimiter '|', encoding '${enc}')`)) as unknown as Writable);
  } else {
    await pipeline(createReadStream(file), client.query(copyFrom(`copy bench_copy.balance_line from stdin with (format text, delimiter E'\\x01', encoding '${enc}')`)) as unknown as Writable);
    // The balances layout is ASCII only, so character positions are byte positions.
    await client.query('insert into bench_copy.balance select rtrim(substr(line, 1, 32)), trim(substr(line, 33, 20))::numeric from bench_copy.balance_line');
  }
  return performance.now() - t;
}

const ratio = (ms: number, copyMs: number) => (copyMs > 0 ? `${(ms / copyMs).toFixed(1)}×` : '–');

/**
 * COPY of a customers or accounts file into a plain table of text columns, one per field: the
 * floor of getting that file into the database at all. A fixed-width file is copied as whole
 * lines (cutting Chinese fields by byte needs the loader's own reader).
 */
async function rawFileCopy(client: pg.PoolClient, kind: 'customers' | 'accounts', file: string, layout: FeedLayout, encoding: FeedEncoding): Promise<number> {
  await client.query(`truncate bench_copy.${kind}, bench_copy.balance_line`);
  const enc = encoding === 'UTF-8' ? 'UTF8' : 'GB18030';
  const statement = layout === 'delimited'
    ? `copy bench_copy.${kind} from stdin with (format text, delimiter '|', encoding '${enc}')`
    : `copy bench_copy.balance_line from stdin with (format text, delimiter E'\\x01', encoding '${enc}')`;
  const t = performance.now();
  await pipeline(createReadStream(file), client.query(copyFrom(statement)) as unknown as Writable);
  return performance.now() - t;
}

/** p50/p95 of the customer view's accounts tab and daily averages, head-office actor, random customers. */
async function customerView(db: Database, actor: Actor, samples: number, label: string) {
  // The tables the view reads, as autovacuum would have them after a load of this size. Not the
  // balance snapshots: their statistics are left to autovacuum, as in production, so the loader
  // is measured with whatever statistics the server happens to have.
  await sql`analyze customer, account, account_average`.execute(db);
  const ids = (await db.selectFrom('customer').select('id').orderBy(db.fn('random', [])).limit(samples).execute()).map((r) => Number(r.id));
  const accounts = await db.selectFrom('account').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const pick = (i: number) => ids[i % ids.length]!;
  const lines = [`\nCustomer view ${label}: ${n(Number(accounts.n))} accounts, ${ids.length} random customers (ms)`, `  ${'query'.padEnd(34)}     p50      p95      max`];
  const timed: [string, (i: number) => Promise<unknown>][] = [
    ['accounts (listCustomerAccounts)', (i) => listCustomerAccounts(db, actor, pick(i))],
    ['daily averages (customerAverages)', (i) => customerAverages(db, actor, pick(i))],
    ['both, one after the other', async (i) => { await listCustomerAccounts(db, actor, pick(i)); await customerAverages(db, actor, pick(i)); }],
  ];
  for (const [name, fn] of timed) {
    await fn(0); // warm the plan cache
    const r = await sample(ids.length, fn);
    lines.push(`  ${name.padEnd(34)}${fmt(r.p50, 2)} ${fmt(r.p95, 2)} ${fmt(r.max, 2)}`);
  }
  console.log(lines.join('\n'));
  return lines;
}

async function dropDatabase() {
  const server = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = await openDatabase({ kind: 'postgres', connectionString: server, poolSize: 1 });
  await admin.exclusive(async (session) => { await session.run(`drop database if exists ${DATABASE} with (force)`); });
  await admin.close();
}
