// What a start does to the database before serving: migrations, reference data, and on an empty
// database either the demo bank with its book (embedded database) or the first administrator (a
// real server).
import type { DatabaseHandle } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedCalendar } from '../modules/calendar/calendar.service.ts';
import { seedCodeTables } from '../modules/codes/code-table.service.ts';
import { seedOrgReferenceData } from '../modules/org/reference-data.ts';
import { createFirstAdministrator } from './first-admin.ts';
import { createDemoBank, type DemoLogin } from '../demo/demo-bank.ts';
import { buildDemoBook, DEMO_BOOK_SIZE, demoBookState, type DemoBookSummary } from '../demo/book.ts';
import { businessToday } from '../common/business-date.ts';
import { isoOf, toDayNo } from '../demo/generate/feed.ts';
import type { Config } from './config.ts';

export type FirstRun =
  | { kind: 'existing' }
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
  if (anyInstitution) return (await demoBookState(handle.db)).status === 'building' ? { kind: 'demo_incomplete' } : { kind: 'existing' };
  if (config.demo) {
    const bank = await createDemoBank(handle.db);
    // The book is for trying the product on one machine: never written into a server's database.
    const book = handle.kind === 'pglite'
      ? await buildDemoBook(handle.db, { ...DEMO_BOOK_SIZE, endDate: isoOf(toDayNo(businessToday()) - 1), log })
      : null;
    return { kind: 'demo', ...bank, book };
  }
  if (!config.adminPassword) {
    throw new Error('The database is empty and CRM_ADMIN_PASSWORD is not set. Set it to the first administrator\'s initial password (it must be changed at first sign-in).');
  }
  await createFirstAdministrator(handle.db, config.adminPassword);
  return { kind: 'admin', username: 'admin' };
}
