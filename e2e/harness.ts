// Starts the CRM as `npm start` does (fresh embedded database → demo bank) on a free port and
// opens Chromium. Each test file gets its own server and data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const DEMO_PASSWORD = 'Demo#2026';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface E2E {
  baseUrl: string; browser: Browser; newPage: (lang?: 'zh-CN' | 'en-US') => Promise<Page>;
  /** Signs a demo user in on `page` and waits for the workbench. */
  login: (page: Page, username: string) => Promise<void>;
  stop: () => Promise<void>;
}

/** `extraEnv`: more settings for the server (e.g. CRM_FEED_INBOX). */
export async function startCrm(extraEnv: Record<string, string> = {}): Promise<E2E> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-e2e-'));
  const port = await freePort();
  const { DATABASE_URL: _server, ...env } = process.env; // always the embedded database with the demo bank
  const server: ChildProcess = spawn('npx', ['tsx', 'src/server/main.ts'], {
    env: { ...env, CRM_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (d) => { output += d; });
  server.stderr!.on('data', (d) => { output += d; });
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok && output.includes('running at')) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) throw new Error(`server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  return {
    baseUrl,
    browser,
    newPage: async (lang = 'zh-CN') => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: lang, baseURL: baseUrl });
      await context.addInitScript((l) => window.localStorage.setItem('crm.lang', l), lang);
      return context.newPage();
    },
    login: async (page, username) => {
      await page.goto('/login');
      await page.fill('[data-testid=login-username]', username);
      await page.fill('[data-testid=login-password]', DEMO_PASSWORD);
      await page.click('[data-testid=login-submit]');
      await page.waitForURL(`${baseUrl}/`);
    },
    stop: async () => {
      await browser.close();
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
