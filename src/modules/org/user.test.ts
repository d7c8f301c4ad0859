// USR-1, USR-2, USR-8, USR-10 through the HTTP API: staff join, move, are disabled and leave,
// with history; initial passwords are shown once and must be changed; lists filter and page.
import { businessToday } from '../../common/business-date.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let admin: Client;
let adminId: number;

const today = () => businessToday();

interface UserView {
  id: number; username: string; displayName: string; homeInstitutionId: number; managingInstitutionId: number;
  status: string; mustChangePassword: boolean; leftOn: string | null; version: number;
  roles: { id: number; code: string }[];
  history: { event: string; status: string; homeInstitutionName: string; managingInstitutionName: string; validFrom: string; validTo: string | null; reason: string | null; changedBy: string | null }[];
}

const getUser = async (id: number): Promise<UserView> => {
  const res = await admin.get(`/api/users/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const rawLogin = (username: string, password: string) =>
  ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

const setStatus = async (id: number, status: 'active' | 'disabled' | 'left', reason = '状态变更') =>
  admin.post(`/api/users/${id}/status`, { version: (await getUser(id)).version, status, effectiveDate: today(), reason });

const institutionName = async (id: number) =>
  (await ctx.handle.db.selectFrom('institution').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;

beforeAll(async () => {
  ctx = await createTestContext();
  adminId = await ctx.addUser('hq_admin', ctx.bank.ho, ['head_office_admin']);
  admin = await ctx.login('hq_admin');
});
afterAll(() => ctx?.close());

describe('joining', () => {
  it('creates a user with a generated initial password, returned once, that must be changed', async () => {
    const res = await admin.post('/api/users', {
      username: 'li.lei', displayName: '李雷', employeeNo: 'E1001', homeInstitutionId: ctx.bank.teamA1, managingInstitutionId: ctx.bank.teamA1,
      mobile: '13800138000', email: 'li.lei@example.com', roleIds: [await ctx.roleId('primary_manager')],
    });
    expect(res.statusCode).toBe(201);
    const { id, initialPassword } = res.json();
    expect(typeof initialPassword).toBe('string');
    expect(initialPassword.length).toBeGreaterThanOrEqual(8);

    const row = await ctx.handle.db.selectFrom('app_user').select(['must_change_password', 'password_hash', 'status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(true);
    expect(row.status).toBe('active');
    expect(row.password_hash).not.toContain(initialPassword);

    const user = await getUser(id);
    expect(user).toMatchObject({ username: 'li.lei', displayName: '李雷', homeInstitutionId: ctx.bank.teamA1, mustChangePassword: true });
    expect(user.roles.map((r) => r.code)).toEqual(['primary_manager']);
    expect(user.history).toHaveLength(1);
    expect(user.history[0]).toMatchObject({ event: 'join', status: 'active', validTo: null, changedBy: 'hq_admin' });
    expect(JSON.stringify(user)).not.toContain('password_hash');

    const login = await rawLogin('li.lei', initialPassword);
    expect(login.statusCode).toBe(200);
    expect(login.json().mustChangePassword).toBe(true);
  });

  it('returns no password when the administrator gave one, and still forces a change', async () => {
    const res = await admin.post('/api/users', {
      username: 'han.meimei', displayName: '韩梅梅', homeInstitutionId: ctx.bank.subA1, managingInstitutionId: ctx.bank.subA1, initialPassword: 'Given#Pass9',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).not.toHaveProperty('initialPassword');
    const row = await ctx.handle.db.selectFrom('app_user').select('must_change_password').where('id', '=', res.json().id).executeTakeFirstOrThrow();
    expect(row.must_change_password).toBe(true);
    const login = await rawLogin('han.meimei', 'Given#Pass9');
    expect(login.statusCode).toBe(200);
    expect(login.json().mustChangePassword).toBe(true);
  });

  it('refuses a username already taken, whatever its case', async () => {
    const first = await admin.post('/api/users', { username: 'Wang.Fang', displayName: '王芳', homeInstitutionId: ctx.bank.subB1, managingInstitutionId: ctx.bank.subB1 });
    expect(first.statusCode).toBe(201);
    const res = await admin.post('/api/users', { username: 'wang.FANG', displayName: '王芳二', homeInstitutionId: ctx.bank.subB1, managingInstitutionId: ctx.bank.subB1 });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'username', code: 'org.user.username_taken' });
    const n = await ctx.handle.db.selectFrom('app_user').select('id').where('display_name', '=', '王芳二').execute();
    expect(n).toHaveLength(0);
  });

  it('refuses a badly formed username, mobile or e-mail with 400 naming each field', async () => {
    const base = { displayName: '格式', homeInstitutionId: ctx.bank.subB1, managingInstitutionId: ctx.bank.subB1 };
    const res = await admin.post('/api/users', { ...base, username: '1abc', mobile: '12800138000', email: 'not-an-email' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.username', 'body.mobile', 'body.email']));
    for (const username of ['ab', 'has space', 'x'.repeat(33)]) {
      const r = await admin.post('/api/users', { ...base, username });
      expect(r.statusCode, username).toBe(400);
      expect(r.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.username']);
    }
    const shortMobile = await admin.post('/api/users', { ...base, username: 'mobile.short', mobile: '1380013800' });
    expect(shortMobile.statusCode).toBe(400);
    expect(shortMobile.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.mobile']);
    const badDate = await admin.post('/api/users', { ...base, username: 'bad.date', joinedOn: '2025-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors.map((e: { path: string }) => e.path)).toEqual(['body.joinedOn']);
  });
});

describe('joining: further rules', () => {
  it('refuses an initial password that breaks the password policy, and a duplicate employee number', async () => {
    const base = { displayName: '规则', homeInstitutionId: ctx.bank.subB1, managingInstitutionId: ctx.bank.subB1 };
    const weak = await admin.post('/api/users', { ...base, username: 'weak.pw', initialPassword: 'abc' });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors.map((e: { path: string }) => e.path)).toContain('initialPassword');
    expect(await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', 'weak.pw').executeTakeFirst()).toBeUndefined();

    expect((await admin.post('/api/users', { ...base, username: 'emp.one', employeeNo: 'E9001' })).statusCode).toBe(201);
    const dup = await admin.post('/api/users', { ...base, username: 'emp.two', employeeNo: 'E9001' });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors[0]).toMatchObject({ path: 'employeeNo', code: 'org.user.employee_no_taken' });
  });
});

describe('moving (USR-8)', () => {
  it('changes home and managing institution and closes the previous period', async () => {
    const id = await ctx.addUser('mover', ctx.bank.subA1, ['institution_head']);
    const before = await getUser(id);
    const res = await admin.post(`/api/users/${id}/move`, {
      version: before.version, homeInstitutionId: ctx.bank.subB1, managingInstitutionId: ctx.bank.branchB, effectiveDate: today(), reason: '调往乙分行',
    });
    expect(res.statusCode).toBe(200);
    const after = await getUser(id);
    expect(after).toMatchObject({ homeInstitutionId: ctx.bank.subB1, managingInstitutionId: ctx.bank.branchB, version: before.version + 1 });
    expect(after.history).toHaveLength(2);
    expect(after.history[0]).toMatchObject({
      event: 'move', reason: '调往乙分行', validFrom: today(), validTo: null,
      homeInstitutionName: await institutionName(ctx.bank.subB1), managingInstitutionName: await institutionName(ctx.bank.branchB),
    });
    expect(after.history[1]).toMatchObject({ event: 'join', validTo: today(), homeInstitutionName: await institutionName(ctx.bank.subA1) });

    // The new managing institution is what the user now sees.
    const mover = await ctx.login('mover');
    const seen = (await mover.get('/api/institutions?status=all')).json().map((i: { id: number }) => i.id);
    expect(seen).toEqual(expect.arrayContaining([ctx.bank.branchB, ctx.bank.subB1]));
    for (const outside of [ctx.bank.ho, ctx.bank.branchA, ctx.bank.subA1]) expect(seen).not.toContain(outside);

    const stale = await admin.post(`/api/users/${id}/move`, {
      version: before.version, homeInstitutionId: ctx.bank.subA1, managingInstitutionId: ctx.bank.subA1, effectiveDate: today(), reason: '再调',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('common.conflict');
  });
});

describe('moving: target institutions', () => {
  it('refuses a closed institution as home or managing institution', async () => {
    const opened = await admin.post('/api/institutions', { code: 'Z100', name: '已撤支行', parentId: ctx.bank.branchB, kind: 'statistical' });
    const instId: number = opened.json().id;
    const inst = (await admin.get(`/api/institutions/${instId}`)).json();
    expect((await admin.post(`/api/institutions/${instId}/deactivate`, { version: inst.version, effectiveDate: today(), reason: '撤销' })).statusCode).toBe(200);

    const id = await ctx.addUser('stayer', ctx.bank.subB1, ['primary_manager']);
    const v = (await getUser(id)).version;
    const home = await admin.post(`/api/users/${id}/move`, { version: v, homeInstitutionId: instId, managingInstitutionId: ctx.bank.subB1, effectiveDate: today(), reason: '调动' });
    expect(home.statusCode).toBe(422);
    expect(home.json().errors[0]).toMatchObject({ path: 'homeInstitutionId', code: 'org.user.institution_inactive' });
    const managing = await admin.post(`/api/users/${id}/move`, { version: v, homeInstitutionId: ctx.bank.subB1, managingInstitutionId: instId, effectiveDate: today(), reason: '调动' });
    expect(managing.statusCode).toBe(422);
    expect(managing.json().errors[0]).toMatchObject({ path: 'managingInstitutionId', code: 'org.user.institution_inactive' });
    const created = await admin.post('/api/users', { username: 'closed.home', displayName: '撤销机构', homeInstitutionId: instId, managingInstitutionId: instId });
    expect(created.statusCode).toBe(422);
    expect(created.json().errors[0].code).toBe('org.user.institution_inactive');
    expect((await getUser(id)).history.map((h) => h.event)).toEqual(['join']);
  });
});

describe('effective dates', () => {
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

  it('a move or status change takes effect neither in the future nor before the current period', async () => {
    const res = await admin.post('/api/users', {
      username: 'dated', displayName: '倒签', homeInstitutionId: ctx.bank.subA1, managingInstitutionId: ctx.bank.subA1, joinedOn: daysAgo(10), initialPassword: 'Joined#Pass1',
    });
    expect(res.statusCode).toBe(201);
    const id: number = res.json().id;
    const v = (await getUser(id)).version;
    const move = (effectiveDate: string) => admin.post(`/api/users/${id}/move`, {
      version: v, homeInstitutionId: ctx.bank.subA2, managingInstitutionId: ctx.bank.subA2, effectiveDate, reason: '调动',
    });
    const beforeJoin = await move(daysAgo(11));
    expect(beforeJoin.statusCode).toBe(422);
    expect(beforeJoin.json().errors[0]).toMatchObject({ path: 'effectiveDate', code: 'org.user.before_current_period' });
    const future = await move(daysAgo(-2));
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0]).toMatchObject({ path: 'effectiveDate', code: 'org.user.future_date' });
    expect((await getUser(id)).homeInstitutionId).toBe(ctx.bank.subA1);

    expect((await move(daysAgo(5))).statusCode).toBe(200);
    const leaveEarly = await admin.post(`/api/users/${id}/status`, { version: v + 1, status: 'left', effectiveDate: daysAgo(6), reason: '离职' });
    expect(leaveEarly.statusCode).toBe(422);
    expect(leaveEarly.json().errors[0].code).toBe('org.user.before_current_period');
    const leave = await admin.post(`/api/users/${id}/status`, { version: v + 1, status: 'left', effectiveDate: daysAgo(2), reason: '离职' });
    expect(leave.statusCode).toBe(200);
    const user = await getUser(id);
    expect(user.leftOn).toBe(daysAgo(2));
    expect(user.history.map((h) => [h.event, h.validFrom, h.validTo])).toEqual([
      ['leave', daysAgo(2), null], ['move', daysAgo(5), daysAgo(2)], ['join', daysAgo(10), daysAgo(5)],
    ]);
  });
});

describe('status', () => {
  it('leaving ends every session, blocks sign-in, and freezes the record', async () => {
    const id = await ctx.addUser('leaver', ctx.bank.subA2, ['primary_manager']);
    const leaver = await ctx.login('leaver');
    expect((await leaver.get('/api/me')).statusCode).toBe(200);

    const res = await setStatus(id, 'left', '辞职');
    expect(res.statusCode).toBe(200);
    const user = await getUser(id);
    expect(user).toMatchObject({ status: 'left', leftOn: today() });
    expect(user.history[0]).toMatchObject({ event: 'leave', status: 'left', reason: '辞职' });

    expect((await leaver.get('/api/me')).statusCode).toBe(401);
    const open = await ctx.handle.db.selectFrom('user_session').select('id').where('user_id', '=', id).where('revoked_at', 'is', null).execute();
    expect(open).toHaveLength(0);
    const login = await rawLogin('leaver', 'Test#Pass1');
    expect(login.statusCode).toBe(401);

    const edits = [
      await admin.patch(`/api/users/${id}`, { version: user.version, displayName: '改名' }),
      await admin.post(`/api/users/${id}/move`, { version: user.version, homeInstitutionId: ctx.bank.subA1, managingInstitutionId: ctx.bank.subA1, effectiveDate: today(), reason: '调动' }),
      await admin.post(`/api/users/${id}/reset-password`),
      await admin.put(`/api/users/${id}/roles`, { roleIds: [await ctx.roleId('assisting_manager')] }),
    ];
    for (const e of edits) {
      expect(e.statusCode, e.body).toBe(422);
      expect(e.json().errors[0].code).toBe('org.user.left');
    }
    const unchanged = await getUser(id);
    expect(unchanged).toMatchObject({ displayName: 'leaver', homeInstitutionId: ctx.bank.subA2, version: user.version });
    expect(unchanged.roles.map((r) => r.code)).toEqual(['primary_manager']);
  });

  it('disabling ends sessions and blocks sign-in until the user is enabled again', async () => {
    const id = await ctx.addUser('sleeper', ctx.bank.subA2, ['primary_manager']);
    const client = await ctx.login('sleeper');
    expect((await setStatus(id, 'disabled', '长期休假')).statusCode).toBe(200);
    expect((await getUser(id)).status).toBe('disabled');
    expect((await client.get('/api/me')).statusCode).toBe(401);
    expect((await rawLogin('sleeper', 'Test#Pass1')).statusCode).toBe(401);

    expect((await setStatus(id, 'active', '返岗')).statusCode).toBe(200);
    const user = await getUser(id);
    expect(user.status).toBe('active');
    expect(user.history.map((h) => h.event)).toEqual(['enable', 'disable', 'join']);
    expect((await rawLogin('sleeper', 'Test#Pass1')).statusCode).toBe(200);
  });

  it('nobody can change their own status', async () => {
    const me = await getUser(adminId);
    const res = await admin.post(`/api/users/${adminId}/status`, { version: me.version, status: 'disabled', effectiveDate: today(), reason: '自己停用' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('org.user.self_change');
    expect((await getUser(adminId)).status).toBe('active');
  });
});

describe('changes made by another system (API token)', () => {
  it('are attributed to nobody in the history, never to the user who shares the token’s id', async () => {
    const twin = await ctx.addUser('twin', ctx.bank.subA2, ['primary_manager']);
    // Make the next token's id equal the twin's user id.
    await sql`select setval(pg_get_serial_sequence('api_token', 'id'), ${twin - 1})`.execute(ctx.handle.db);
    const issued = await admin.post('/api/api-tokens', { name: 'hr-feed', roleIds: [await ctx.roleId('head_office_admin')], managingInstitutionId: ctx.bank.ho });
    expect(issued.statusCode).toBe(201);
    expect(issued.json().id).toBe(twin);
    const token = issued.json().token as string;
    const asToken = (method: 'POST' | 'PUT', url: string, payload: object) =>
      ctx.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });

    // Disabling the twin is not a change of "its own" status.
    const disabled = await asToken('POST', `/api/users/${twin}/status`, { version: (await getUser(twin)).version, status: 'disabled', effectiveDate: today(), reason: '人事系统同步' });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect((await getUser(twin)).history[0]).toMatchObject({ event: 'disable', changedBy: null });

    const created = await asToken('POST', '/api/users', {
      username: 'from.feed', displayName: '接口新增', homeInstitutionId: ctx.bank.subA1, managingInstitutionId: ctx.bank.subA1,
      roleIds: [await ctx.roleId('assisting_manager')],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: number = created.json().id;
    expect((await getUser(id)).history[0]).toMatchObject({ event: 'join', changedBy: null });
    expect((await asToken('PUT', `/api/users/${id}/roles`, { roleIds: [await ctx.roleId('primary_manager')] })).statusCode).toBe(200);
    const grants = await ctx.handle.db.selectFrom('user_role').select(['role_id', 'granted_by']).where('user_id', '=', id).execute();
    expect(grants).toEqual([{ role_id: await ctx.roleId('primary_manager'), granted_by: null }]);
  });
});

describe('password reset', () => {
  it('issues a new initial password that works, replaces the old one and forces a change', async () => {
    const id = await ctx.addUser('forgetful', ctx.bank.subA1, ['primary_manager']);
    const oldSession = await ctx.login('forgetful');
    const res = await admin.post(`/api/users/${id}/reset-password`);
    expect(res.statusCode).toBe(200);
    const { initialPassword } = res.json();
    expect(typeof initialPassword).toBe('string');
    expect(initialPassword).not.toBe('Test#Pass1');

    expect((await oldSession.get('/api/me')).statusCode).toBe(401);
    expect((await rawLogin('forgetful', 'Test#Pass1')).statusCode).toBe(401);
    const login = await rawLogin('forgetful', initialPassword);
    expect(login.statusCode).toBe(200);
    expect(login.json().mustChangePassword).toBe(true);

    const client = await ctx.login('forgetful', initialPassword);
    const blocked = await client.get('/api/institutions');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('auth.password.must_change');
    expect((await client.post('/api/auth/password', { currentPassword: initialPassword, newPassword: 'Fresh#Pass42' })).statusCode).toBe(204);
    expect((await client.get('/api/institutions')).statusCode).toBe(200);
  });
});

describe('listing', () => {
  let inst: number;
  beforeAll(async () => {
    const res = await admin.post('/api/institutions', { code: 'L100', name: '列表支行', parentId: ctx.bank.branchB, kind: 'statistical' });
    inst = res.json().id;
    for (const [u, roles] of [['list.alpha', ['primary_manager']], ['list.bravo', ['assisting_manager']], ['list.charlie', ['primary_manager']],
      ['list.delta', ['product_manager']], ['list.echo', ['primary_manager']]] as const) {
      await ctx.addUser(u, inst, [...roles]);
    }
    const charlie = await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', 'list.charlie').executeTakeFirstOrThrow();
    expect((await setStatus(charlie.id, 'disabled')).statusCode).toBe(200);
  });

  const names = (body: { items: { username: string }[] }) => body.items.map((u) => u.username);

  it('filters by institution and pages with a total', async () => {
    const page1 = (await admin.get(`/api/users?institutionId=${inst}&pageSize=2&page=1`)).json();
    const page2 = (await admin.get(`/api/users?institutionId=${inst}&pageSize=2&page=2`)).json();
    const page3 = (await admin.get(`/api/users?institutionId=${inst}&pageSize=2&page=3`)).json();
    expect(page1).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page2).toMatchObject({ total: 5, page: 2 });
    expect(names(page1)).toEqual(['list.alpha', 'list.bravo']);
    expect(names(page2)).toEqual(['list.charlie', 'list.delta']);
    expect(names(page3)).toEqual(['list.echo']);
  });

  it('filters by text, status and role', async () => {
    const byText = (await admin.get('/api/users?q=LIST.E')).json();
    expect(names(byText)).toEqual(['list.echo']);
    expect(byText.total).toBe(1);

    const disabled = (await admin.get(`/api/users?institutionId=${inst}&status=disabled`)).json();
    expect(names(disabled)).toEqual(['list.charlie']);
    const active = (await admin.get(`/api/users?institutionId=${inst}&status=active`)).json();
    expect(names(active)).toEqual(['list.alpha', 'list.bravo', 'list.delta', 'list.echo']);

    const pm = await ctx.roleId('primary_manager');
    const byRole = (await admin.get(`/api/users?institutionId=${inst}&roleId=${pm}`)).json();
    expect(names(byRole)).toEqual(['list.alpha', 'list.charlie', 'list.echo']);
    for (const u of byRole.items) expect(u.roles.map((r: { code: string }) => r.code)).toContain('primary_manager');

    const combined = (await admin.get(`/api/users?institutionId=${inst}&roleId=${pm}&status=active&pageSize=1&page=2`)).json();
    expect(combined.total).toBe(2);
    expect(names(combined)).toEqual(['list.echo']);
  });

  it('refuses malformed filters', async () => {
    expect((await admin.get('/api/users?status=gone')).statusCode).toBe(400);
    expect((await admin.get('/api/users?pageSize=1000')).statusCode).toBe(400);
  });
});
