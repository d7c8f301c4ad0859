// Integration-test harness: a real database per test file (embedded PGlite in memory, or a
// fresh database on the server of TEST_DATABASE_URL), migrated and seeded like production, the
// real Fastify app, and a small bank to test against. Each test file builds its own.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { prepareDatabase } from '../server/bootstrap.ts';
import { buildApp } from '../server/app.ts';
import type { Config } from '../server/config.ts';
import { systemActor, type Actor } from '../modules/auth/actor.ts';
import { createInstitution } from '../modules/org/institution.service.ts';
import { createUser } from '../modules/org/user.service.ts';
import { writeAudit } from '../modules/audit/audit.service.ts';
import { getSetting } from '../modules/settings/settings.service.ts';
import { DEFAULT_INFORMATION_REVIEW, type InformationReviewSettings } from '../modules/customers/information-review/review-settings.ts';

export const PASSWORD = 'Test#Pass1';

export const testConfig: Config = {
  port: 0, host: '127.0.0.1', database: { kind: 'pglite', dataDir: '' }, cookieSecure: false,
  trustProxy: false, demo: false, logLevel: 'silent',
};

/** A database of its own for one test file: PGlite in memory, or a throwaway database on TEST_DATABASE_URL. */
export async function openTestDatabase(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) {
    const handle = await openDatabase({ kind: 'pglite' });
    return { handle, drop: async () => {} };
  }
  // The run's own prefix (set by scripts/test-pg.ts) lets a run drop its own leftovers without
  // touching the databases of another run on the same server.
  const name = `crm_test_${process.env.CRM_TEST_RUN ?? 'x'}_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ kind: 'postgres', connectionString: server, poolSize: 1 });
  await admin.exclusive((s) => s.run(`create database ${name}`));
  const url = new URL(server);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ kind: 'postgres', connectionString: url.toString(), poolSize: 5 });
  return {
    handle,
    drop: async () => {
      // pg's Pool.end() resolves before its connections have closed; a forced drop racing them
      // kills a closing connection, whose FATAL 57P01 then surfaces as an unhandled error.
      for (let i = 0; i < 250; i++) {
        const [row] = (await admin.exclusive((s) => s.run(`select count(*)::int as n from pg_stat_activity where datname = '${name}'`))) as { n: number }[];
        if (!row || row.n === 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      await admin.exclusive((s) => s.run(`drop database if exists ${name} with (force)`));
      await admin.close();
    },
  };
}

/**
 * The test bank:           HO (0001)
 *                   ┌─────────┴─────────┐
 *              Branch A (A100)      Branch B (B100)
 *           ┌───────┴───────┐            │
 *   Sub-branch A1 (A110)  A2 (A120)   B1 (B110)
 *          │
 *     Team A1 (A111, marketing)
 */
export interface TestBank {
  ho: number; branchA: number; branchB: number; subA1: number; subA2: number; subB1: number; teamA1: number;
}

export interface TestContext {
  handle: DatabaseHandle;
  app: FastifyInstance;
  bank: TestBank;
  system: Actor;
  roleId: (code: string) => Promise<number>;
  /** Creates a user with these roles (password PASSWORD, no forced change) and returns its id. */
  addUser: (username: string, institutionId: number, roles: string[], opts?: { managingInstitutionId?: number; mustChange?: boolean }) => Promise<number>;
  /** Signs in through the API and returns a client that sends the cookie and CSRF token. */
  login: (username: string, password?: string) => Promise<Client>;
  close: () => Promise<void>;
}

export interface Client {
  get: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  delete: (url: string, headers?: Record<string, string>) => Promise<LightMyRequestResponse>;
  csrf: string;
  cookie: string;
}

export async function createTestContext(): Promise<TestContext> {
  const { handle, drop } = await openTestDatabase();
  await prepareDatabase(handle);
  const db = handle.db;
  const root = await db.transaction().execute(async (tx) => {
    const r = await tx.insertInto('institution').values({ code: '0001', name: '测试银行', parent_id: null, level: 1, kind: 'statistical', path: '' }).returningAll().executeTakeFirstOrThrow();
    await tx.updateTable('institution').set({ path: `/${r.id}/` }).where('id', '=', r.id).execute();
    await writeAudit(tx, systemActor(r.id, `/${r.id}/`), { action: 'institution.create', entityType: 'institution', entityId: r.id });
    return r;
  });
  const system = systemActor(root.id, `/${root.id}/`);
  const inst = async (code: string, name: string, parentId: number, kind: 'statistical' | 'marketing' = 'statistical') =>
    (await createInstitution(db, system, { code, name, parentId, kind })).id;
  const branchA = await inst('A100', '甲分行', root.id);
  const branchB = await inst('B100', '乙分行', root.id);
  const subA1 = await inst('A110', '甲一支行', branchA);
  const subA2 = await inst('A120', '甲二支行', branchA);
  const subB1 = await inst('B110', '乙一支行', branchB);
  const teamA1 = await inst('A111', '营销一队', subA1, 'marketing');
  const bank = { ho: root.id, branchA, branchB, subA1, subA2, subB1, teamA1 };
  // Tests open companies to test everything else; opening under review (by default a corporate
  // opening is a request) is tested with the bank's default in opening-review.test.ts.
  const reviewSetting = JSON.stringify({ ...DEFAULT_INFORMATION_REVIEW, opening: 'off' });
  await db.insertInto('setting').values({ key: 'customers.information_review', value: reviewSetting }).execute();

  const roleId = async (code: string) => (await db.selectFrom('role').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const app = await buildApp(db, testConfig, { logger: false });
  await app.ready();

  const addUser: TestContext['addUser'] = async (username, institutionId, roles, opts = {}) => {
    const roleIds = await Promise.all(roles.map(roleId));
    const { id } = await createUser(db, system, {
      username, displayName: username, homeInstitutionId: institutionId, managingInstitutionId: opts.managingInstitutionId ?? institutionId,
      roleIds, initialPassword: PASSWORD,
    });
    if (!opts.mustChange) await db.updateTable('app_user').set({ must_change_password: false }).where('id', '=', id).execute();
    return id;
  };

  const login: TestContext['login'] = async (username, password = PASSWORD) => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
    const cookie = res.cookies.find((c) => c.name === 'crm_session')!;
    const csrf = res.json().csrfToken as string;
    const cookieHeader = `crm_session=${cookie.value}`;
    const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE') => (url: string, body?: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method, url, headers: { cookie: cookieHeader, 'x-csrf-token': csrf, ...headers }, ...(body === undefined ? {} : { payload: body as object }) });
    return {
      get: (url, headers) => send('GET')(url, undefined, headers),
      post: send('POST'), put: send('PUT'), patch: send('PATCH'),
      delete: (url, headers) => send('DELETE')(url, undefined, headers),
      csrf, cookie: cookieHeader,
    };
  };

  return {
    handle, app, bank, system, roleId, addUser, login,
    close: async () => { await app.close(); await handle.close(); await drop(); },
  };
}

/** Audit rows written since `sinceId`, oldest first. */
export async function auditSince(ctx: TestContext, sinceId: number) {
  return ctx.handle.db.selectFrom('audit_log').selectAll().where('id', '>', sinceId).orderBy('id').execute();
}

export async function lastAuditId(ctx: TestContext): Promise<number> {
  const r = await ctx.handle.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r?.id ?? 0;
}

/** Asserts the RFC 9457 shape every error of this API has, and returns the body. */
export function expectProblem(res: LightMyRequestResponse, status: number, code?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body.type).toMatch(/^urn:bank-crm:problem:/);
  expect(typeof body.title).toBe('string');
  expect(body.title.length).toBeGreaterThan(0);
  expect(body.status).toBe(status);
  expect(typeof body.code).toBe('string');
  expect(body.type).toBe(`urn:bank-crm:problem:${body.code}`);
  expect(body.requestId).toBe(res.headers['x-request-id']);
  if (code) expect(body.code).toBe(code);
  return body as { title: string; code: string; errors?: { path: string; code: string; message: string }[]; params?: Record<string, unknown> };
}

/**
 * Sets some kinds of the setting customers.information_review as the head-office administrator's
 * screen would (the others kept as they are): a test of the change itself turns its review off.
 */
export async function setInformationReview(ctx: TestContext, kinds: Partial<InformationReviewSettings>) {
  const value = JSON.stringify({ ...(await getSetting(ctx.handle.db, 'customers.information_review')), ...kinds });
  await ctx.handle.db.insertInto('setting').values({ key: 'customers.information_review', value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}
