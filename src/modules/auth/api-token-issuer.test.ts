// A token acts for the person who issued it and never beyond what he may do today (issue 12,
// item 10): a disabled, departed or locked-out issuer suspends it; roles and institutions he
// loses narrow it; it cannot see wider data than he does; and it cannot do for him what his own
// session may not (grant himself roles, reset his own password, change his own status).
import { businessToday } from '../../common/business-date.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, expectProblem, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let admin: Client;
let adminId: number;
const role: Record<string, number> = {};
const CJK = /[\u4e00-\u9fff]/;
// The bank's business date (Asia/Shanghai), which the server compares effective dates with.
const today = () => businessToday();

beforeAll(async () => {
  ctx = await createTestContext();
  adminId = await ctx.addUser('issuer_admin', ctx.bank.ho, ['head_office_admin']);
  admin = await ctx.login('issuer_admin');
  const roles: [string, 'institution' | 'own', string[]][] = [
    ['issuer', 'institution', ['apitoken.manage', 'institution.read', 'institution.manage', 'user.read', 'report.read']],
    ['own_issuer', 'own', ['apitoken.manage', 'institution.read', 'report.read']],
    ['inst_manage', 'institution', ['institution.read', 'institution.manage']],
    ['inst_read', 'institution', ['institution.read']],
    ['report_inst', 'institution', ['institution.read', 'report.read']],
    ['report_own', 'own', ['institution.read', 'report.read']],
    ['user_admin', 'institution', ['institution.read', 'user.read', 'user.manage', 'role.grant', 'role.manage']],
  ];
  for (const [code, dataScope, permissions] of roles) {
    const res = await admin.post('/api/roles', { code, nameZh: code, nameEn: code, dataScope, permissions });
    if (res.statusCode !== 201) throw new Error(`role ${code}: ${res.body}`);
    role[code] = res.json().id;
  }
});
afterAll(() => ctx?.close());

async function issue(by: Client, name: string, roleCodes: string[], managingInstitutionId: number) {
  const res = await by.post('/api/api-tokens', { name, roleIds: roleCodes.map((c) => role[c]), managingInstitutionId });
  if (res.statusCode !== 201) throw new Error(`token ${name}: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; token: string };
}

const bearer = (token: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...headers }, ...(payload ? { payload } : {}) });


async function setStatus(userId: number, status: 'active' | 'disabled' | 'left') {
  const { version } = (await admin.get(`/api/users/${userId}`)).json();
  const res = await admin.post(`/api/users/${userId}/status`, { version, status, effectiveDate: today(), reason: '令牌测试' });
  expect(res.statusCode, res.body).toBe(200);
}

async function setRoles(userId: number, codes: string[]) {
  const res = await admin.put(`/api/users/${userId}/roles`, { roleIds: codes.map((c) => role[c]) });
  expect(res.statusCode, res.body).toBe(200);
}

async function moveManaging(userId: number, managingInstitutionId: number) {
  const u = (await admin.get(`/api/users/${userId}`)).json();
  const res = await admin.post(`/api/users/${userId}/move`, {
    version: u.version, homeInstitutionId: u.homeInstitutionId, managingInstitutionId, effectiveDate: today(), reason: '调岗',
  });
  expect(res.statusCode, res.body).toBe(200);
}

const institutionIds = async (token: string) =>
  (await bearer(token, 'GET', '/api/institutions?status=all')).json().map((i: { id: number }) => i.id).sort((a: number, b: number) => a - b);

describe("the issuer's standing", () => {
  it('a locked-out, disabled or departed issuer suspends his tokens with 401 auth.token.issuer_inactive; back in post, they work again', async () => {
    const issuerId = await ctx.addUser('issuer_status', ctx.bank.branchA, ['issuer']);
    const t = await issue(await ctx.login('issuer_status'), 'status-feed', ['inst_read'], ctx.bank.branchA);
    expect((await bearer(t.token, 'GET', '/api/institutions')).statusCode).toBe(200);
    const issuerActive = async () => (await admin.get('/api/api-tokens')).json().find((x: { id: number }) => x.id === t.id).issuerActive;
    expect(await issuerActive()).toBe(true);

    await ctx.handle.db.updateTable('app_user').set({ locked_until: new Date(Date.now() + 600_000) }).where('id', '=', issuerId).execute();
    const locked = expectProblem(await bearer(t.token, 'GET', '/api/institutions'), 401, 'auth.token.issuer_inactive');
    expect(await issuerActive()).toBe(false);
    expect(locked.title).toMatch(CJK);
    expect(locked.params).toEqual({ reason: 'locked' });
    expect((await admin.post(`/api/users/${issuerId}/unlock`)).statusCode).toBe(200);
    expect((await bearer(t.token, 'GET', '/api/institutions')).statusCode).toBe(200);

    await setStatus(issuerId, 'disabled');
    // The token screen shows why: the list says the issuer is not in post.
    expect(await issuerActive()).toBe(false);
    const disabled = expectProblem(await bearer(t.token, 'GET', '/api/institutions', undefined, { 'x-crm-lang': 'en-US' }), 401, 'auth.token.issuer_inactive');
    expect(disabled.title).not.toMatch(CJK);
    expect(disabled.params).toEqual({ reason: 'disabled' });
    // A suspended token changes nothing either.
    const since = await lastAuditId(ctx);
    expectProblem(await bearer(t.token, 'POST', '/api/institutions', { code: 'S001', name: '停用后新建', parentId: ctx.bank.branchA, kind: 'statistical' }), 401, 'auth.token.issuer_inactive');
    expect(await auditSince(ctx, since)).toHaveLength(0);

    await setStatus(issuerId, 'active');
    expect((await bearer(t.token, 'GET', '/api/institutions')).statusCode).toBe(200);
    await setStatus(issuerId, 'left');
    expect(expectProblem(await bearer(t.token, 'GET', '/api/institutions'), 401, 'auth.token.issuer_inactive').params).toEqual({ reason: 'left' });
  });
});

describe("the issuer's current rights bound the token", () => {
  it('permissions the issuer has lost are lost to his token too', async () => {
    const issuerId = await ctx.addUser('issuer_roles', ctx.bank.branchA, ['issuer']);
    const t = await issue(await ctx.login('issuer_roles'), 'roles-feed', ['inst_manage'], ctx.bank.branchA);
    const create = (code: string) => bearer(t.token, 'POST', '/api/institutions', { code, name: `令牌支行${code}`, parentId: ctx.bank.branchA, kind: 'statistical' });
    expect((await create('R001')).statusCode).toBe(201);

    await setRoles(issuerId, ['inst_read']);
    const refused = expectProblem(await create('R002'), 403, 'common.forbidden');
    expect(refused.title).toContain('institution.manage');
    expect(await ctx.handle.db.selectFrom('institution').select('id').where('code', '=', 'R002').executeTakeFirst()).toBeUndefined();
    // What both still hold keeps working.
    expect((await bearer(t.token, 'GET', '/api/institutions')).statusCode).toBe(200);

    await setRoles(issuerId, ['issuer']);
    expect((await create('R003')).statusCode).toBe(201);
  });

  it("an issuer moved deeper narrows the token to his new subtree; moved out of the token's branch, suspends it (401 auth.token.out_of_charge)", async () => {
    const issuerId = await ctx.addUser('issuer_moves', ctx.bank.branchA, ['issuer']);
    const t = await issue(await ctx.login('issuer_moves'), 'moves-feed', ['inst_read'], ctx.bank.branchA);
    expect(await institutionIds(t.token)).toContain(ctx.bank.subA2);

    await moveManaging(issuerId, ctx.bank.subA1);
    const narrowed = await institutionIds(t.token);
    expect(narrowed).toContain(ctx.bank.subA1);
    expect(narrowed).toContain(ctx.bank.teamA1);
    expect(narrowed).not.toContain(ctx.bank.subA2);
    expect(narrowed).not.toContain(ctx.bank.branchA);
    expect((await bearer(t.token, 'GET', `/api/institutions/${ctx.bank.subA2}`)).statusCode).toBe(404);

    await moveManaging(issuerId, ctx.bank.branchB);
    expectProblem(await bearer(t.token, 'GET', '/api/institutions'), 401, 'auth.token.out_of_charge');
  });

  it("an issuer reduced to his own customers reduces his token to them: the institution's figures are refused", async () => {
    const issuerId = await ctx.addUser('issuer_scope', ctx.bank.branchA, ['issuer']);
    const t = await issue(await ctx.login('issuer_scope'), 'scope-feed', ['report_inst'], ctx.bank.branchA);
    expect((await bearer(t.token, 'GET', `/api/institutions/${ctx.bank.branchA}/averages`)).statusCode).toBe(200);

    await setRoles(issuerId, ['own_issuer']);
    expectProblem(await bearer(t.token, 'GET', `/api/institutions/${ctx.bank.branchA}/averages`), 403, 'common.forbidden');
  });

  it('an issuer who sees only his own customers cannot issue a token that sees a whole institution (403 auth.token.scope_escalation), and nothing is stored', async () => {
    await ctx.addUser('issuer_own', ctx.bank.branchA, ['own_issuer']);
    const issuer = await ctx.login('issuer_own');
    const since = await lastAuditId(ctx);
    const refused = await issuer.post('/api/api-tokens', { name: 'wide-feed', roleIds: [role.report_inst], managingInstitutionId: ctx.bank.branchA });
    expect(expectProblem(refused, 403, 'auth.token.scope_escalation').title).toContain('report_inst');
    const en = await issuer.post('/api/api-tokens', { name: 'wide-feed', roleIds: [role.report_inst], managingInstitutionId: ctx.bank.branchA }, { 'x-crm-lang': 'en-US' });
    expect(expectProblem(en, 403, 'auth.token.scope_escalation').title).not.toMatch(CJK);
    expect(await ctx.handle.db.selectFrom('api_token').select('id').where('name', '=', 'wide-feed').executeTakeFirst()).toBeUndefined();
    expect(await auditSince(ctx, since)).toHaveLength(0);

    const same = await issuer.post('/api/api-tokens', { name: 'own-feed', roleIds: [role.report_own], managingInstitutionId: ctx.bank.branchA });
    expect(same.statusCode, same.body).toBe(201);
  });
});

describe('no self-service for the issuer through his token', () => {
  it('refuses a token granting its issuer roles, resetting his password or changing his status, exactly as his session would; changes nothing', async () => {
    const t = await issue(admin, 'user-admin-feed', ['user_admin'], ctx.bank.ho);
    const rolesBefore = (await ctx.handle.db.selectFrom('user_role').select('role_id').where('user_id', '=', adminId).orderBy('role_id').execute()).map((r) => r.role_id);
    const { password_hash: hashBefore, version } = await ctx.handle.db.selectFrom('app_user').select(['password_hash', 'version']).where('id', '=', adminId).executeTakeFirstOrThrow();
    const since = await lastAuditId(ctx);

    expectProblem(await bearer(t.token, 'PUT', `/api/users/${adminId}/roles`, { roleIds: [...rolesBefore, role.inst_read] }), 403, 'org.role.self_grant');
    expectProblem(await bearer(t.token, 'PUT', `/api/users/${adminId}/roles`, { roleIds: [] }), 403, 'org.role.self_grant');
    expectProblem(await bearer(t.token, 'POST', `/api/users/${adminId}/reset-password`), 403, 'org.user.self_change');
    expectProblem(await bearer(t.token, 'POST', `/api/users/${adminId}/status`, { version, status: 'disabled', effectiveDate: today(), reason: '自停' }), 403, 'org.user.self_change');
    // The same refusals as through his own session.
    expectProblem(await admin.put(`/api/users/${adminId}/roles`, { roleIds: rolesBefore }), 403, 'org.role.self_grant');
    expectProblem(await admin.post(`/api/users/${adminId}/reset-password`), 403, 'org.user.self_change');

    const after = await ctx.handle.db.selectFrom('app_user').select(['password_hash', 'status']).where('id', '=', adminId).executeTakeFirstOrThrow();
    expect(after).toEqual({ password_hash: hashBefore, status: 'active' });
    expect((await ctx.handle.db.selectFrom('user_role').select('role_id').where('user_id', '=', adminId).orderBy('role_id').execute()).map((r) => r.role_id)).toEqual(rolesBefore);
    expect(await auditSince(ctx, since)).toHaveLength(0);

    // The token is otherwise able to: for someone else it grants and resets, audited as the token.
    const otherId = await ctx.addUser('token_target', ctx.bank.branchA, []);
    expect((await bearer(t.token, 'PUT', `/api/users/${otherId}/roles`, { roleIds: [role.inst_read] })).statusCode).toBe(200);
    const reset = await bearer(t.token, 'POST', `/api/users/${otherId}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect(typeof reset.json().initialPassword).toBe('string');
    const rows = await auditSince(ctx, since);
    expect(rows.map((r) => [r.action, r.actor_kind, r.actor_id])).toEqual([
      ['user.create', 'system', null], ['user.roles.set', 'token', t.id], ['user.password.reset', 'token', t.id],
    ]);
  });
});
