// Starts the CRM as `npm start` does on a copy of the demo book (built once per run by
// e2e/book.setup.ts) on a free port, and opens Chromium. Each test file gets its own server and
// its own copy of the data folder, so what one file changes no other file sees.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { BANK_TIMEZONE } from '../src/common/business-date.ts';

export const DEMO_PASSWORD = 'Demo#2026';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** A first start builds the book: about a minute on a loaded 2-core machine, so room for three. */
const START_TIMEOUT_MS = 240_000;

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

export interface Server { baseUrl: string; output: () => string; stop: () => Promise<void> }

/**
 * Runs `src/server/main.ts` on the embedded database in `dataDir` until it serves. In this node
 * process (tsx as a loader, no npx or tsx wrapper in between) so that SIGTERM reaches the server
 * itself, which closes the database cleanly — the book's template folder is copied after that.
 */
export async function startServer(dataDir: string, extraEnv: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const { DATABASE_URL: _server, ...env } = process.env; // always the embedded database with the demo bank
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...env, CRM_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout!.on('data', (d) => { output += d; });
  server.stderr!.on('data', (d) => { output += d; });
  const exited = new Promise((r) => server.once('exit', r));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok && output.includes('running at')) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      server.kill('SIGTERM');
      throw new Error(`server did not start: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    baseUrl,
    output: () => output,
    stop: async () => {
      if (server.exitCode === null) server.kill('SIGTERM');
      await exited;
    },
  };
}

export interface E2E {
  baseUrl: string; browser: Browser; newPage: (lang?: 'zh-CN' | 'en-US') => Promise<Page>;
  /** Signs a demo user in on `page` and waits for the workbench. */
  login: (page: Page, username: string) => Promise<void>;
  /** An API session of a demo user from Node (cookie and CSRF token), for reading the server's own figures. */
  session: (username: string) => Promise<Session>;
  stop: () => Promise<void>;
}

export interface Session {
  get: <T = Record<string, unknown>>(path: string) => Promise<{ status: number; body: T }>;
  post: <T = Record<string, unknown>>(path: string, body?: unknown) => Promise<{ status: number; body: T }>;
}

async function signIn(baseUrl: string, username: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`${username} could not sign in: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const call = async <T>(method: string, path: string, body?: unknown) => {
    const r = await fetch(`${baseUrl}${path}`, {
      method, headers: { cookie, 'x-csrf-token': csrfToken, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, body: await r.json() as T };
  };
  return { get: (path) => call('GET', path), post: (path, body) => call('POST', path, body ?? {}) };
}

/** A server on a fresh copy of the demo book. `extraEnv`: more settings for the server (e.g. CRM_FEED_INBOX). */
export async function startCrm(extraEnv: Record<string, string> = {}): Promise<E2E> {
  const book = inject('demoBook');
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-e2e-'));
  cpSync(book, dataDir, { recursive: true });
  if (existsSync(join(dataDir, 'crm.pid'))) throw new Error(`the demo book in ${book} was not closed cleanly`);
  const server = await startServer(dataDir, extraEnv).catch((e: unknown) => { rmSync(dataDir, { recursive: true, force: true }); throw e; });
  const stopServer = async () => { await server.stop(); rmSync(dataDir, { recursive: true, force: true }); };
  // No browser, no test: nor a server left running with its copy of the book.
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
    .catch(async (e: unknown) => { await stopServer(); throw e; });
  const { baseUrl } = server;
  return {
    baseUrl,
    browser,
    newPage: async (lang = 'zh-CN') => {
      // The bank's clock: the date pickers' "today" is the server's business date.
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: lang, timezoneId: BANK_TIMEZONE, baseURL: baseUrl });
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
    session: (username) => signIn(baseUrl, username),
    stop: async () => {
      await browser.close();
      await stopServer();
    },
  };
}

/** Where the browser tests leave their screenshots (kept by CI, ignored by git). */
export const ARTIFACTS = '.e2e-artifacts';
type Annotate = (message: string, attachment: { path: string; contentType: string }) => Promise<unknown>;

/** Takes a screenshot into ARTIFACTS and attaches it to the test's output with what it shows. */
export async function shot(page: Page, name: string, annotate: Annotate, what: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = `${ARTIFACTS}/${name}.png`;
  await page.screenshot({ path });
  await annotate(what, { path, contentType: 'image/png' });
}
