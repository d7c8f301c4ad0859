// USR-10: sign-in, lockout, initial and expired passwords, password policy, idle timeout, CSRF
// and sign-out, through the real HTTP routes against a real database.
import { businessToday } from '../../common/business-date.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { auditSince, createTestContext, lastAuditId, PASSWORD, type Client, type TestContext } from '../../test/harness.ts';
import { getSetting } from '../settings/settings.service.ts';
import { MLPS_POLICY, type SecurityPolicy } from './password-policy.ts';
import { sha256 } from './session.service.ts';

let ctx: TestContext;
let admin: Client;
let policy: SecurityPolicy;

const CJK = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('login_admin', ctx.bank.ho, ['head_office_admin']);
  admin = await ctx.login('login_admin');
  // These tests follow one account's lockout, which the revealing mode shows step by step; the
  // default (nothing revealed) and the per-address limit are tested in login-probing.test.ts.
  const saved = await admin.put('/api/settings/security-policy', { ...MLPS_POLICY, revealUnknownUsername: true, addressMaxFailures: 1000 });
  if (saved.statusCode !== 200) throw new Error(saved.body);
  policy = await getSetting(ctx.handle.db, 'security.policy');
});
afterAll(() => ctx?.close());

const attempt = (username: string, password: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'crm_session');

/** A request carrying only the session cookie (and optionally a CSRF token), as a browser would send it. */
const withCookie = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, headers: { cookie, ...headers }, ...(payload ? { payload } : {}) });

const userRow = (id: number) => ctx.handle.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('sign-in', () => {
  it('sets an HttpOnly SameSite=Strict session cookie, returns the CSRF token and stores only a hash of the token', async () => {
    const id = await ctx.addUser('signin_ok', ctx.bank.subA1, ['institution_head']);
    const since = await lastAuditId(ctx);
    const res = await attempt('signin_ok', PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.userId).toBe(id);
    expect(body.mustChangePassword).toBe(false);
    expect(typeof body.csrfToken).toBe('string');
    expect(body.csrfToken.length).toBeGreaterThanOrEqual(20);

    const cookie = sessionCookie(res)!;
    expect(cookie).toBeDefined();
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.path).toBe('/');
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/HttpOnly/i);
    expect(raw).toMatch(/SameSite=Strict/i);

    const sessions = await ctx.handle.db.selectFrom('user_session').selectAll().where('user_id', '=', id).execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.id).toBe(sha256(cookie.value));
    expect(JSON.stringify(sessions)).not.toContain(cookie.value);
    expect(sessions[0]!.csrf_token).toBe(body.csrfToken);

    const me = await withCookie(`crm_session=${cookie.value}`, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('signin_ok');
    expect(me.json().csrfToken).toBe(body.csrfToken);

    const rows = await auditSince(ctx, since);
    expect(rows.map((r) => r.action)).toEqual(['auth.login']);
    expect(rows[0]).toMatchObject({ actor_kind: 'user', actor_id: id, actor_name: 'signin_ok', actor_institution_id: ctx.bank.subA1, entity_type: 'user', entity_id: String(id) });
    expect((await userRow(id)).last_login_at).not.toBeNull();
  });

  it('accepts the username in any letter case', async () => {
    const id = await ctx.addUser('CaseUser', ctx.bank.subA1, ['institution_head']);
    const res = await attempt('caseuser', PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().userId).toBe(id);
  });

  it('answers a wrong password with 401 and the number of attempts left, in zh-CN by default and English on request', async () => {
    const id = await ctx.addUser('wrong_pw', ctx.bank.subA1, ['institution_head']);
    const since = await lastAuditId(ctx);

    const zh = await attempt('wrong_pw', 'Nope#Pass1');
    expect(zh.statusCode).toBe(401);
    expect(zh.headers['content-type']).toContain('application/problem+json');
    expect(zh.json().code).toBe('auth.login.invalid_remaining');
    expect(zh.json().title).toMatch(CJK);
    expect(zh.json().title).toContain(String(policy.maxFailures - 1));
    expect(sessionCookie(zh)).toBeUndefined();

    const en = await attempt('wrong_pw', 'Nope#Pass1', { 'accept-language': 'en-US,en;q=0.9' });
    expect(en.statusCode).toBe(401);
    expect(en.json().code).toBe('auth.login.invalid_remaining');
    expect(en.json().title).not.toMatch(CJK);
    expect(en.json().title).toContain(String(policy.maxFailures - 2));

    const ui = await attempt('wrong_pw', 'Nope#Pass1', { 'x-crm-lang': 'en-US', 'accept-language': 'zh-CN' });
    expect(ui.json().title).not.toMatch(CJK);
    expect(ui.json().title).toContain(String(policy.maxFailures - 3));

    const rows = await auditSince(ctx, since);
    expect(rows.map((r) => r.action)).toEqual(['auth.login.failed', 'auth.login.failed', 'auth.login.failed']);
    for (const r of rows) expect(r).toMatchObject({ actor_id: id, entity_type: 'user', entity_id: String(id) });
    expect((await userRow(id)).failed_attempts).toBe(3);
  });

  it('counts only consecutive failures: a successful sign-in resets the counter', async () => {
    await ctx.addUser('resets', ctx.bank.subA1, ['institution_head']);
    for (let i = 0; i < policy.maxFailures - 1; i++) expect((await attempt('resets', 'Nope#Pass1')).statusCode).toBe(401);
    expect((await attempt('resets', PASSWORD)).statusCode).toBe(200);
    const again = await attempt('resets', 'Nope#Pass1');
    expect(again.statusCode).toBe(401);
    expect(again.json().title).toContain(String(policy.maxFailures - 1));
  });

  it('locks the account after the maximum of consecutive failures, refuses even the right password, and an administrator unlock lets the user in', async () => {
    const id = await ctx.addUser('lock_me', ctx.bank.subA1, ['institution_head']);
    const since = await lastAuditId(ctx);
    for (let i = 1; i < policy.maxFailures; i++) {
      const res = await attempt('lock_me', `Wrong#Pass${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('auth.login.invalid_remaining');
      expect(res.json().title).toContain(String(policy.maxFailures - i));
    }
    const locked = await attempt('lock_me', 'Wrong#PassX');
    expect(locked.statusCode).toBe(423);
    expect(locked.headers['content-type']).toContain('application/problem+json');
    expect(locked.json().code).toBe('auth.login.locked');
    expect(locked.json().title).toContain(String(policy.lockMinutes));
    expect((await userRow(id)).locked_until).not.toBeNull();

    const right = await attempt('lock_me', PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('auth.login.locked');
    expect(sessionCookie(right)).toBeUndefined();
    expect(await ctx.handle.db.selectFrom('user_session').select('id').where('user_id', '=', id).execute()).toHaveLength(0);

    const actions = (await auditSince(ctx, since)).filter((r) => r.entity_id === String(id)).map((r) => r.action);
    expect(actions).toEqual([...Array(policy.maxFailures - 1).fill('auth.login.failed'), 'auth.account.locked', 'auth.login.failed']);

    const unlock = await admin.post(`/api/users/${id}/unlock`);
    expect(unlock.statusCode).toBe(200);
    expect((await userRow(id)).locked_until).toBeNull();
    const after = await attempt('lock_me', PASSWORD);
    expect(after.statusCode).toBe(200);
    expect(sessionCookie(after)).toBeDefined();
  });

  it('answers an unknown username with 401 auth.login.invalid and records the attempt', async () => {
    const since = await lastAuditId(ctx);
    const res = await attempt('nobody_here', PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.login.invalid');
    expect(sessionCookie(res)).toBeUndefined();
    const rows = await auditSince(ctx, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.login.failed', actor_kind: 'anonymous', actor_id: null, actor_name: 'nobody_here', client_ip: '127.0.0.1' });
    expect(rows[0]!.request_id).toBe(res.headers['x-request-id']);
  });

  it('refuses a disabled user even with the right password and ends the sessions the user had', async () => {
    const id = await ctx.addUser('to_disable', ctx.bank.subA1, ['institution_head']);
    const before = await ctx.login('to_disable');
    const { version } = (await admin.get(`/api/users/${id}`)).json();
    const today = businessToday();
    const disable = await admin.post(`/api/users/${id}/status`, { version, status: 'disabled', effectiveDate: today, reason: '停用测试' });
    expect(disable.statusCode).toBe(200);

    const since = await lastAuditId(ctx);
    const res = await attempt('to_disable', PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.login.inactive');
    expect(sessionCookie(res)).toBeUndefined();
    const rows = await auditSince(ctx, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'auth.login.failed', actor_id: id, entity_id: String(id) });
    expect(rows[0]!.after).toMatchObject({ reason: 'disabled' });

    expect((await before.get('/api/me')).statusCode).toBe(401);
  });
});

describe('initial password (must change)', () => {
  it('signs in, but every other endpoint answers 403 auth.password.must_change until the password is changed; /api/me works meanwhile', async () => {
    const id = await ctx.addUser('newcomer', ctx.bank.subA1, ['institution_head'], { mustChange: true });
    const res = await attempt('newcomer', PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    const cookie = `crm_session=${sessionCookie(res)!.value}`;
    const csrf = res.json().csrfToken as string;

    for (const url of ['/api/institutions', `/api/institutions/${ctx.bank.subA1}`, '/api/users', '/api/code-tables']) {
      const blocked = await withCookie(cookie, 'GET', url);
      expect(blocked.statusCode, url).toBe(403);
      expect(blocked.json().code, url).toBe('auth.password.must_change');
    }
    const me = await withCookie(cookie, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().mustChangePassword).toBe(true);

    const change = await withCookie(cookie, 'POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Fresh#Start42' }, { 'x-csrf-token': csrf });
    expect(change.statusCode).toBe(204);
    expect((await userRow(id)).must_change_password).toBe(false);

    const open = await withCookie(cookie, 'GET', '/api/institutions');
    expect(open.statusCode).toBe(200);
    expect((await withCookie(cookie, 'GET', '/api/me')).json().mustChangePassword).toBe(false);
  });
});

describe('password policy', () => {
  const change = (c: Client, currentPassword: string, newPassword: string) => c.post('/api/auth/password', { currentPassword, newPassword });

  const expectRefused = async (res: LightMyRequestResponse, code: string) => {
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('auth.password.policy');
    expect(body.errors.length).toBeGreaterThan(0);
    for (const e of body.errors) expect(e.path).toBe('newPassword');
    expect(body.errors.map((e: { code: string }) => e.code)).toContain(code);
  };

  it('refuses a password that is too short, has too few character classes, contains the username or was used before, and changes nothing', async () => {
    const id = await ctx.addUser('policy_user', ctx.bank.subA1, ['institution_head']);
    const c = await ctx.login('policy_user');
    const hashBefore = (await userRow(id)).password_hash;
    const since = await lastAuditId(ctx);

    await expectRefused(await change(c, PASSWORD, 'Ab1#'.repeat(2).slice(0, policy.minLength - 1)), 'auth.password.too_short');
    await expectRefused(await change(c, PASSWORD, 'abcdefghij1234'), 'auth.password.classes');
    await expectRefused(await change(c, PASSWORD, 'x#POLICY_USER#9'), 'auth.password.contains_username');
    await expectRefused(await change(c, PASSWORD, PASSWORD), 'auth.password.reused');

    const zh = (await change(c, PASSWORD, 'abcdefghij1234')).json();
    expect(zh.errors[0].message).toMatch(CJK);
    const en = (await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'abcdefghij1234' }, { 'x-crm-lang': 'en-US' })).json();
    expect(en.errors[0].message).not.toMatch(CJK);
    expect(en.errors[0].message).toContain(String(policy.minClasses));

    expect((await userRow(id)).password_hash).toBe(hashBefore);
    expect(await auditSince(ctx, since)).toHaveLength(0);
    expect((await attempt('policy_user', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a wrong current password with 422 on currentPassword', async () => {
    await ctx.addUser('policy_cur', ctx.bank.subA1, ['institution_head']);
    const c = await ctx.login('policy_cur');
    const res = await change(c, 'Not#The1Current', 'Good#Enough77');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ path: 'currentPassword', code: 'auth.password.current_wrong' })]);
    expect((await attempt('policy_cur', 'Good#Enough77')).statusCode).toBe(401);
  });

  it('accepts a good password: the old one stops working, the new one works, older passwords stay refused', async () => {
    const id = await ctx.addUser('policy_ok', ctx.bank.subA1, ['institution_head']);
    const c = await ctx.login('policy_ok');
    const other = await ctx.login('policy_ok');
    const since = await lastAuditId(ctx);
    const res = await change(c, PASSWORD, 'Better#Pass2024');
    expect(res.statusCode).toBe(204);
    const rows = await auditSince(ctx, since);
    expect(rows.map((r) => r.action)).toEqual(['auth.password.change']);
    expect(rows[0]).toMatchObject({ actor_id: id, entity_id: String(id) });

    expect((await attempt('policy_ok', PASSWORD)).statusCode).toBe(401);
    expect((await attempt('policy_ok', 'Better#Pass2024')).statusCode).toBe(200);
    // The session that changed the password stays; the other one (whoever knew the old password) ends.
    expect((await c.get('/api/me')).statusCode).toBe(200);
    expect((await other.get('/api/me')).statusCode).toBe(401);

    await expectRefused(await change(c, 'Better#Pass2024', PASSWORD), 'auth.password.reused');
  });
});

describe('password expiry', () => {
  it('a password older than the maximum age must be changed at sign-in; a younger one need not', async () => {
    const id = await ctx.addUser('expiring', ctx.bank.subA1, ['institution_head']);
    const day = 86_400_000;
    await ctx.handle.db.updateTable('app_user').set({ password_changed_at: new Date(Date.now() - (policy.maxAgeDays - 1) * day) }).where('id', '=', id).execute();
    const young = await attempt('expiring', PASSWORD);
    expect(young.statusCode).toBe(200);
    expect(young.json().mustChangePassword).toBe(false);

    await ctx.handle.db.updateTable('app_user').set({ password_changed_at: new Date(Date.now() - (policy.maxAgeDays + 1) * day) }).where('id', '=', id).execute();
    const old = await attempt('expiring', PASSWORD);
    expect(old.statusCode).toBe(200);
    expect(old.json().mustChangePassword).toBe(true);
    expect(new Date(old.json().passwordExpiresAt).getTime()).toBeLessThan(Date.now());
    const cookie = `crm_session=${sessionCookie(old)!.value}`;
    const blocked = await withCookie(cookie, 'GET', '/api/institutions');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('auth.password.must_change');
  });
});

describe('idle timeout', () => {
  const backdate = (cookieValue: string, minutes: number) => ctx.handle.db.updateTable('user_session')
    .set({ last_seen_at: new Date(Date.now() - minutes * 60_000) }).where('id', '=', sha256(cookieValue)).execute();

  it('ends a session idle longer than the policy allows: 401 auth.session.expired, cookie cleared, session revoked for good', async () => {
    await ctx.addUser('idler', ctx.bank.subA1, ['institution_head']);
    const c = await ctx.login('idler');
    const value = c.cookie.slice('crm_session='.length);
    await backdate(value, policy.idleMinutes + 1);

    const res = await c.get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('auth.session.expired');
    const cleared = sessionCookie(res);
    expect(cleared).toBeDefined();
    expect(cleared!.value).toBe('');
    const row = await ctx.handle.db.selectFrom('user_session').select('revoked_at').where('id', '=', sha256(value)).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();

    // Even with a fresh last-seen time the revoked session stays dead.
    await backdate(value, 0);
    expect((await c.get('/api/me')).statusCode).toBe(401);
  });

  it('keeps a session that was active within the idle limit and renews its last-seen time', async () => {
    await ctx.addUser('busy', ctx.bank.subA1, ['institution_head']);
    const c = await ctx.login('busy');
    const value = c.cookie.slice('crm_session='.length);
    await backdate(value, policy.idleMinutes - 2);
    expect((await c.get('/api/me')).statusCode).toBe(200);
    const row = await ctx.handle.db.selectFrom('user_session').select('last_seen_at').where('id', '=', sha256(value)).executeTakeFirstOrThrow();
    expect(Date.now() - new Date(row.last_seen_at).getTime()).toBeLessThan(60_000);
  });
  it('with a one-minute limit keeps a session in use: each request restarts the clock (a coarser grain than the limit ended active sessions)', async () => {
    const put = (p: SecurityPolicy) => admin.put('/api/settings/security-policy', p);
    expect((await put({ ...policy, idleMinutes: 1 })).statusCode).toBe(200);
    try {
      await ctx.addUser('brisk', ctx.bank.subA1, ['institution_head']);
      const c = await ctx.login('brisk');
      const value = c.cookie.slice('crm_session='.length);
      const lastSeen = async () => new Date((await ctx.handle.db.selectFrom('user_session').select('last_seen_at')
        .where('id', '=', sha256(value)).executeTakeFirstOrThrow()).last_seen_at).getTime();
      const shift = async (seconds: number) => ctx.handle.db.updateTable('user_session')
        .set({ last_seen_at: new Date((await lastSeen()) - seconds * 1000) }).where('id', '=', sha256(value)).execute();

      await shift(50);
      expect((await c.get('/api/me')).statusCode).toBe(200);
      expect(Date.now() - (await lastSeen())).toBeLessThan(5_000);
      // 20 s after that request: 70 s since sign-in, 20 s idle.
      await shift(20);
      expect((await c.get('/api/me')).statusCode).toBe(200);
      // Idle past the minute, it still ends.
      await shift(61);
      const gone = await c.get('/api/me');
      expect(gone.statusCode).toBe(401);
      expect(gone.json().code).toBe('auth.session.expired');
    } finally {
      expect((await put(policy)).statusCode).toBe(200);
    }
  });
});

describe('CSRF', () => {
  it('refuses a state change with the session cookie but without, or with a wrong, x-csrf-token; nothing changes', async () => {
    const other = await ctx.login('login_admin');
    const body = { code: 'C5RF', name: '跨站请求支行', parentId: ctx.bank.branchA, kind: 'statistical' };
    const since = await lastAuditId(ctx);
    const attempts = [
      await withCookie(admin.cookie, 'POST', '/api/institutions', body),
      await withCookie(admin.cookie, 'POST', '/api/institutions', body, { 'x-csrf-token': 'forged-token' }),
      await withCookie(admin.cookie, 'POST', '/api/institutions', body, { 'x-csrf-token': other.csrf }),
      await withCookie(admin.cookie, 'PATCH', `/api/institutions/${ctx.bank.subA2}`, { version: 1, name: '改名' }),
      await withCookie(admin.cookie, 'POST', '/api/auth/logout'),
    ];
    for (const res of attempts) {
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('common.csrf');
    }
    expect(await ctx.handle.db.selectFrom('institution').select('id').where('code', '=', 'C5RF').executeTakeFirst()).toBeUndefined();
    expect((await ctx.handle.db.selectFrom('institution').select('name').where('id', '=', ctx.bank.subA2).executeTakeFirstOrThrow()).name).toBe('甲二支行');
    expect(await auditSince(ctx, since)).toHaveLength(0);
    // The session survived the refused logout, and a GET needs no token.
    expect((await withCookie(admin.cookie, 'GET', '/api/me')).statusCode).toBe(200);

    const ok = await withCookie(admin.cookie, 'POST', '/api/institutions', body, { 'x-csrf-token': admin.csrf });
    expect(ok.statusCode).toBe(201);
  });
});

describe('sign-out', () => {
  it('revokes the session: the cookie no longer works, other sessions of the user do', async () => {
    const id = await ctx.addUser('leaver', ctx.bank.subA1, ['institution_head']);
    const c = await ctx.login('leaver');
    const second = await ctx.login('leaver');
    const since = await lastAuditId(ctx);
    const res = await c.post('/api/auth/logout');
    expect(res.statusCode).toBe(204);
    expect(sessionCookie(res)?.value).toBe('');

    const after = await c.get('/api/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('auth.session.expired');
    expect((await c.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'After#Logout1' })).statusCode).toBe(401);
    const row = await ctx.handle.db.selectFrom('user_session').select('revoked_at').where('id', '=', sha256(c.cookie.slice('crm_session='.length))).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();

    expect((await second.get('/api/me')).statusCode).toBe(200);
    const rows = await auditSince(ctx, since);
    expect(rows.map((r) => r.action)).toEqual(['auth.logout']);
    expect(rows[0]).toMatchObject({ actor_id: id, entity_id: String(id) });
  });

  it('answers requests without any cookie with 401 common.unauthenticated', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('common.unauthenticated');
  });
});
