// `npm run crm -- <command>`: operator commands against the configured database.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { verifyAuditChain } from './modules/audit/audit.service.ts';
import { loadConfig } from './server/config.ts';
import { claimDataDir, releaseDataDir } from './server/data-dir-lock.ts';

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

await program.parseAsync(process.argv);
