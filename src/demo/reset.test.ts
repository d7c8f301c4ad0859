// `npm run crm -- demo reset` refuses what it must not touch: a server's database, and an
// embedded database another process is using. (Building the book itself is book.test.ts.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'crm-reset-test-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function reset(env: Record<string, string>) {
  const { DATABASE_URL: _unset, ...rest } = process.env;
  return spawnSync('npx', ['tsx', 'src/cli.ts', 'demo', 'reset'], { env: { ...rest, CRM_DATA_DIR: dataDir, ...env }, encoding: 'utf8', timeout: 60_000 });
}

describe('crm demo reset', () => {
  it('refuses with DATABASE_URL: a server database is never replaced by the demo', () => {
    const r = reset({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('embedded database only');
  });

  it('refuses while a running process holds the data folder, and leaves its lock alone', () => {
    // This test's own process stands in for the running server.
    writeFileSync(join(dataDir, 'crm.pid'), String(process.pid));
    const r = reset({});
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`in use by process ${process.pid}`);
    expect(readFileSync(join(dataDir, 'crm.pid'), 'utf8')).toBe(String(process.pid));
  });
});
