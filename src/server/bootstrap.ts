// What a start does to the database before serving: migrations, reference data, and on an empty
// database either the demo bank (embedded database) or the first administrator (a real server).
import type { DatabaseHandle } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedCalendar } from '../modules/calendar/calendar.service.ts';
import { seedCodeTables } from '../modules/codes/code-table.service.ts';
import { seedOrgReferenceData } from '../modules/org/reference-data.ts';
import { createFirstAdministrator } from './first-admin.ts';
import { createDemoBank, type DemoLogin } from '../demo/demo-bank.ts';
import type { Config } from './config.ts';

export type FirstRun = { kind: 'existing' } | { kind: 'demo'; logins: DemoLogin[]; password: string } | { kind: 'admin'; username: string };

export async function prepareDatabase(handle: DatabaseHandle): Promise<void> {
  await migrate(handle);
  await seedOrgReferenceData(handle.db);
  await seedCodeTables(handle.db);
  await seedCalendar(handle.db, [2025, 2026]);
}

export async function firstRun(handle: DatabaseHandle, config: Config): Promise<FirstRun> {
  const anyInstitution = await handle.db.selectFrom('institution').select('id').limit(1).executeTakeFirst();
  if (anyInstitution) return { kind: 'existing' };
  if (config.demo) return { kind: 'demo', ...(await createDemoBank(handle.db)) };
  if (!config.adminPassword) {
    throw new Error('The database is empty and CRM_ADMIN_PASSWORD is not set. Set it to the first administrator\'s initial password (it must be changed at first sign-in).');
  }
  await createFirstAdministrator(handle.db, config.adminPassword);
  return { kind: 'admin', username: 'admin' };
}
