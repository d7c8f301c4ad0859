// The embedded database is a folder that only one process may open: a second server or the CLI
// on the same folder would corrupt it. A pid file guards it.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const alive = (pid: number) => {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
};

export function claimDataDir(dir: string): void {
  const file = join(dir, 'crm.pid');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid && alive(pid)) {
      throw new Error(`The embedded database in ${dir} is in use by process ${pid}. Stop it first (or use the HTTP API).`);
    }
  }
  writeFileSync(file, String(process.pid));
}

export function releaseDataDir(dir: string): void {
  rmSync(join(dir, 'crm.pid'), { force: true });
}
