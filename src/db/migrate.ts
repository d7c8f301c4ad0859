// Applies the numbered .sql files of ./migrations in order, each in its own transaction, and
// records them. A file already applied whose text has since changed is refused: migrations are
// history, a change goes into a new file.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle } from './database.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATION_LOCK = 7301001; // advisory lock id: two instances starting together migrate once

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

export async function migrate(handle: DatabaseHandle): Promise<string[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  await handle.exclusive(async (session) => {
    await session.run(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await session.run(`create table if not exists schema_migration (
        version varchar(4) primary key, name text not null, checksum varchar(64) not null,
        applied_at timestamptz not null default now())`);
      const done = (await session.run('select version, checksum from schema_migration')) as { version: string; checksum: string }[];
      const known = new Map(done.map((r) => [r.version, r.checksum]));
      for (const file of files) {
        const version = file.slice(0, 4);
        const text = await readFile(MIGRATIONS_DIR + file, 'utf8');
        const checksum = createHash('sha256').update(text).digest('hex');
        const previous = known.get(version);
        if (previous !== undefined) {
          if (previous !== checksum) throw new Error(`migration ${file} was changed after it was applied; add a new migration instead`);
          continue;
        }
        try {
          await session.run(`begin;\n${text}\n;insert into schema_migration (version, name, checksum) values (${quote(version)}, ${quote(file)}, ${quote(checksum)});\ncommit;`);
        } catch (err) {
          await session.run('rollback');
          throw new Error(`migration ${file} failed: ${(err as Error).message}`);
        }
        applied.push(file);
      }
    } finally {
      await session.run(`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  });
  return applied;
}
