// Builds the web app when web/dist is missing or older than its sources, so that
// `npm install && npm start` serves the screens with no other step.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'web/dist/index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue;
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = [join(root, 'web'), join(root, 'src/modules')].filter(existsSync);
const stale = !existsSync(dist) || sources.some((s) => newest(s) > statSync(dist).mtimeMs);
if (stale && existsSync(join(root, 'web/index.html'))) {
  console.log('Building the web app (first start or changed sources)…');
  execSync('npx vite build --config web/vite.config.ts', { cwd: root, stdio: 'inherit' });
}
