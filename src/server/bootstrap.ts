// What a start does to the database before serving: migrations, reference data, and on an empty
// database either the demo bank with its book (embedded database) or the first administrator (a
// real server).
import { rmSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedCalendar } from '../modules/calendar/calendar.service.ts';
import { seedCodeTables } from '../modules/codes/code-table.service.ts';
import { seedOrgReferenceData } from '../modules/org/reference-data.ts';
import { createFirstAdministrator } from './first-admin.ts';
import { createImageStore } from '../modules/images/image-store.ts';
import { createDemoBank, type DemoLogin } from '../demo/demo-bank.ts';
import { buildDemoBook, DEMO_BOOK_SIZE, demoBookState, type DemoBookSummary } from '../demo/book.ts';
import { businessToday } from '../common/business-date.ts';
import { isoOf, toDayNo } from '../demo/generate/feed.ts';
import type { Config } from './config.ts';

export type FirstRun =
  /** bookMissing: an embedded demo database made before the demo book existed. */
  | { kind: 'existing'; bookMissing: boolean }
  /** The demo book's build was interrupted (setting 'demo.book' still 'building'): the database must be rebuilt. */
  | { kind: 'demo_incomplete' }
  | { kind: 'demo'; logins: DemoLogin[]; password: string; book: DemoBookSummary | null }
  | { kind: 'admin'; username: string };

export async function prepareDatabase(handle: DatabaseHandle): Promise<void> {
  await migrate(handle);
  await seedOrgReferenceData(handle.db);
  await seedCodeTables(handle.db);
  await seedCalendar(handle.db, [2025, 2026]);
}

export async function firstRun(handle: DatabaseHandle, config: Config, log: (line: string) => void = () => {}): Promise<FirstRun> {
  const anyInstitution = await handle.db.selectFrom('institution').select('id').limit(1).executeTakeFirst();
  if (anyInstitution) {
    const book = (await demoBookState(handle.db)).status;
    if (book === 'building') return { kind: 'demo_incomplete' };
    return { kind: 'existing', bookMissing: book === 'none' && config.demo && handle.kind === 'pglite' };
  }
  if (config.demo) {
    const bank = await createDemoBank(handle.db);
    // The book is for trying the product on one machine: never written into a server's database.
    const book = handle.kind === 'pglite'
      ? await buildDemoBook(handle.db, { ...DEMO_BOOK_SIZE, endDate: isoOf(toDayNo(businessToday()) - 1), log, imageStore: config.images && createImageStore(config.images) })
      : null;
    return { kind: 'demo', ...bank, book };
  }
  if (!config.adminPassword) {
    throw new Error('The database is empty and CRM_ADMIN_PASSWORD is not set. Set it to the first administrator\'s initial password (it must be changed at first sign-in).');
  }
  await createFirstAdministrator(handle.db, config.adminPassword);
  return { kind: 'admin', username: 'admin' };
}

/** The embedded database's own folder inside CRM_DATA_DIR (which also holds the pid file). */
export const embeddedDatabaseDir = (dataDir: string) => resolve(dataDir, 'pg');

/**
 * Makes the embedded database again from nothing — migrations, reference data, the demo bank and
 * its book. The caller holds the data folder (claimDataDir) and has closed any handle on it.
 */
export async function rebuildEmbeddedDemo(dataDir: string, config: Config, log: (line: string) => void): Promise<{ handle: DatabaseHandle; run: FirstRun }> {
  rmSync(embeddedDatabaseDir(dataDir), { recursive: true, force: true });
  // The demo's scans went with its database: a file-system image store inside the data folder is emptied too.
  if (config.images?.kind === 'fs' && resolve(config.images.dir).startsWith(resolve(dataDir) + sep)) rmSync(config.images.dir, { recursive: true, force: true });
  const handle = await openDatabase({ kind: 'pglite', dataDir: embeddedDatabaseDir(dataDir) });
  await prepareDatabase(handle);
  return { handle, run: await firstRun(handle, { ...config, demo: true }, log) };
}

/** The console lines that tell what a first start made: the demo book, the demo logins, or the first administrator. */
export function firstRunLines(run: FirstRun, seconds: string): string[] {
  const lines: string[] = [];
  if (run.kind === 'demo') {
    if (run.book) {
      const b = run.book;
      lines.push('', `  Demo book built: ${b.customers.toLocaleString('en-US')} customers, ${b.accounts.toLocaleString('en-US')} accounts, ${b.days} business days of balances up to ${b.endDate}.`,
        `  That took ${seconds} s in all (the book ${(b.ms / 1000).toFixed(1)} s). Later starts reuse it; \`npm run crm -- demo reset\` rebuilds it.`);
    }
    lines.push('', `  Demo bank created. Every demo login uses the password ${run.password}`);
    for (const l of run.logins) lines.push(`    ${l.username.padEnd(12)} ${l.displayName}  ${l.institution}  ${l.roles.join('、')}`);
  } else if (run.kind === 'admin') {
    lines.push('', '  First start: user "admin" created with the password in CRM_ADMIN_PASSWORD; it must be changed at first sign-in.');
  } else if (run.kind === 'existing' && run.bookMissing) {
    lines.push('', '  This demo database has no demo book (it was made before there was one): `npm run crm -- demo reset` builds it.');
  }
  return lines;
}
