// Sign-in against probing (issue 12, item 10): by default an unknown username, a wrong password
// and a locked account answer alike, in status, code, message and time (setting
// revealUnknownUsername); and one network address may fail only so often per window (429 with
// Retry-After), counted in the database so every app instance agrees, behind a proxy only when
// CRM_TRUST_PROXY says so.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { auditSince, createTestContext, expectProblem, lastAuditId, PASSWORD, testConfig, type Client, type TestContext } from '../../test/harness.ts';
import { MLPS_POLICY, type SecurityPolicy } from './password-policy.ts';

let ctx: TestContext;
let admin: Client;
const CJK = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('probe_admin', ctx.bank.ho, ['head_office_admin']);
  admin = await ctx.login('probe_admin');
});
afterAll(() => ctx?.close());
afterEach(async () => { await setPolicy({}); });

async function setPolicy(over: Partial<SecurityPolicy>) {
  const res = await admin.put('/api/settings/security-policy', { ...MLPS_POLICY, ...over });
  expect(res.statusCode, res.body).toBe(200);
}

const attempt = (ip: string, username: string, password: string, headers: Record<string, string> = {}, app = ctx.app) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers, remoteAddress: ip });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('unknown and known usernames answer alike (default)', () => {
  it('an unknown name, a wrong password and a locked account get the same status, code, message and parameters', async () => {
    const id = await ctx.addUser('probe_known', ctx.bank.subA1, ['institution_head']);
    const ip = '10.20.0.1';
    const unknown = await attempt(ip, 'probe_nobody', 'Wrong#Pass1');
    const wrong = await attempt(ip, 'probe_known', 'Wrong#Pass1');
    await ctx.handle.db.updateTable('app_user').set({ locked_until: new Date(Date.now() + 600_000) }).where('id', '=', id).execute();
    const locked = await attempt(ip, 'probe_known', PASSWORD);
    const answers = [unknown, wrong, locked].map((res) => {
      const { title, code, status, params, errors } = expectProblem(res, 401, 'auth.login.invalid') as ReturnType<typeof expectProblem> & { status: number };
      return { title, code, status, params, errors, cookie: res.cookies.length };
    });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[0]!.title).toMatch(CJK);
    expect(answers[0]!.title).toContain(String(MLPS_POLICY.maxFailures));
    const en = expectProblem(await attempt(ip, 'probe_nobody', 'Wrong#Pass1', { 'x-crm-lang': 'en-US' }), 401, 'auth.login.invalid');
    expect(en.title).not.toMatch(CJK);
    // Still counted and locked behind the scenes, and audited with the real reason.
    const reasons = await ctx.handle.db.selectFrom('audit_log').select('after').where('action', '=', 'auth.login.failed')
      .where('actor_name', 'in', ['probe_nobody', 'probe_known']).orderBy('id').execute();
    expect(reasons.map((r) => (r.after as { reason: string }).reason)).toEqual(['unknown_user', 'bad_password', 'locked', 'unknown_user']);
  });

  it('takes comparable time for an unknown name and a wrong password (the same argon2 work)', async () => {
    await setPolicy({ maxFailures: 20, addressMaxFailures: 1000 });
    await ctx.addUser('probe_timed', ctx.bank.subA1, ['institution_head']);
    const ip = '10.20.0.2';
    const time = async (username: string) => {
      const started = performance.now();
      expectProblem(await attempt(ip, username, 'Wrong#Pass1'), 401, 'auth.login.invalid');
      return performance.now() - started;
    };
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 7; i++) {
      unknown.push(await time(`probe_ghost${i}`));
      known.push(await time('probe_timed'));
    }
    // Without the dummy verification an unknown name answers in a few milliseconds, a tenth of the other.
    const ratio = median(unknown) / median(known);
    expect(ratio, `unknown ${median(unknown).toFixed(1)} ms, known ${median(known).toFixed(1)} ms`).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('with revealUnknownUsername on, a wrong password shows the attempts left and a locked account says so (423)', async () => {
    await setPolicy({ revealUnknownUsername: true });
    const id = await ctx.addUser('probe_reveal', ctx.bank.subA1, ['institution_head']);
    const ip = '10.20.0.3';
    expectProblem(await attempt(ip, 'probe_nobody', 'Wrong#Pass1'), 401, 'auth.login.invalid');
    const wrong = expectProblem(await attempt(ip, 'probe_reveal', 'Wrong#Pass1'), 401, 'auth.login.invalid_remaining');
    expect(wrong.title).toContain(String(MLPS_POLICY.maxFailures - 1));
    await ctx.handle.db.updateTable('app_user').set({ locked_until: new Date(Date.now() + 600_000) }).where('id', '=', id).execute();
    expectProblem(await attempt(ip, 'probe_reveal', PASSWORD), 423, 'auth.login.locked');
  });
});

describe('failed sign-ins per address', () => {
  const failuresOf = async (ip: string) =>
    (await ctx.handle.db.selectFrom('login_throttle').select('failures').where('client_ip', '=', ip).executeTakeFirst())?.failures ?? 0;

  it('after the allowance, the address waits (429 auth.login.throttled, Retry-After) even with the right password; audited once; other addresses sign in', async () => {
    await setPolicy({ addressMaxFailures: 3, addressWindowMinutes: 15 });
    const id = await ctx.addUser('probe_victim', ctx.bank.subA1, ['institution_head']);
    const ip = '10.30.0.1';
    const since = await lastAuditId(ctx);
    for (const name of ['probe_a', 'probe_b', 'probe_victim']) expectProblem(await attempt(ip, name, 'Spray#Pass1'), 401, 'auth.login.invalid');
    expect(await failuresOf(ip)).toBe(3);

    const throttled = await attempt(ip, 'probe_victim', PASSWORD);
    const body = expectProblem(throttled, 429, 'auth.login.throttled');
    const retryAfter = Number(throttled.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(body.title).toMatch(CJK);
    expect(body.title).toContain('15');
    expect(throttled.cookies).toHaveLength(0);
    const en = expectProblem(await attempt(ip, 'probe_c', 'Spray#Pass1', { 'accept-language': 'en-US' }), 429, 'auth.login.throttled');
    expect(en.title).not.toMatch(CJK);

    const rows = await auditSince(ctx, since);
    expect(rows.map((r) => r.action)).toEqual(['auth.login.failed', 'auth.login.failed', 'auth.login.failed', 'auth.address.throttled']);
    expect(rows[3]).toMatchObject({ actor_kind: 'anonymous', client_ip: ip, after: { failures: 3, windowMinutes: 15 } });
    // The refused attempts checked no password: the victim's own counter did not move.
    expect((await ctx.handle.db.selectFrom('app_user').select('failed_attempts').where('id', '=', id).executeTakeFirstOrThrow()).failed_attempts).toBe(1);
    expect(await failuresOf(ip)).toBe(3);

    expect((await attempt('10.30.0.2', 'probe_victim', PASSWORD)).statusCode).toBe(200);

    // Once the window is over the address may try again.
    await ctx.handle.db.updateTable('login_throttle').set({ window_started_at: new Date(Date.now() - 16 * 60_000) }).where('client_ip', '=', ip).execute();
    expect((await attempt(ip, 'probe_victim', PASSWORD)).statusCode).toBe(200);
  });

  it('is shared by every app instance on the database, and follows X-Forwarded-For only behind a trusted proxy', async () => {
    await setPolicy({ addressMaxFailures: 2 });
    const proxied = await buildApp(ctx.handle.db, { ...testConfig, trustProxy: true }, { logger: false });
    try {
      // The trusted proxy's header names the client; each instance counts into the same row.
      const viaProxy = { 'x-forwarded-for': '203.0.113.7' };
      expectProblem(await attempt('10.40.0.1', 'probe_x', 'Spray#Pass1', viaProxy, proxied), 401, 'auth.login.invalid');
      expect(await failuresOf('203.0.113.7')).toBe(1);
      expect(await failuresOf('10.40.0.1')).toBe(0);
      expectProblem(await attempt('10.40.0.2', 'probe_y', 'Spray#Pass1', viaProxy, proxied), 401, 'auth.login.invalid');
      expectProblem(await attempt('10.40.0.3', 'probe_admin', PASSWORD, viaProxy, proxied), 429, 'auth.login.throttled');
      expectProblem(await attempt('203.0.113.7', 'probe_admin', PASSWORD), 429, 'auth.login.throttled');

      // Without CRM_TRUST_PROXY the header is the client's own word: ignored.
      expectProblem(await attempt('10.40.0.4', 'probe_z', 'Spray#Pass1', viaProxy), 401, 'auth.login.invalid');
      expect(await failuresOf('10.40.0.4')).toBe(1);
      expect((await attempt('10.40.0.4', 'probe_admin', PASSWORD, viaProxy)).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});
