// API tokens for other systems: bound to roles and a managing institution, sent as a Bearer
// header without CSRF, stored only as a hash, revocable, never wider than their creator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let admin: Client;
let adminId: number;
let feedRole: number;
let branchAUsers: string[];

beforeAll(async () => {
  ctx = await createTestContext();
  adminId = await ctx.addUser('token_admin', ctx.bank.ho, ['head_office_admin']);
  await ctx.addUser('mgr_a1', ctx.bank.teamA1, ['primary_manager']);
  await ctx.addUser('head_a2', ctx.bank.subA2, ['institution_head']);
  await ctx.addUser('mgr_b1', ctx.bank.subB1, ['primary_manager']);
  admin = await ctx.login('token_admin');
  const role = await admin.post('/api/roles', {
    code: 'core_feed', nameZh: '核心系统接口', nameEn: 'Core-banking feed', dataScope: 'institution',
    permissions: ['institution.read', 'institution.manage', 'user.read'],
  });
  if (role.statusCode !== 201) throw new Error(`role: ${role.body}`);
  feedRole = role.json().id;
  const homes = await ctx.handle.db.selectFrom('app_user').innerJoin('institution', 'institution.id', 'app_user.home_institution_id')
    .select('app_user.username').where('institution.path', 'like', `%/${ctx.bank.branchA}/%`).execute();
  branchAUsers = homes.map((u) => u.username).sort();
});
afterAll(() => ctx?.close());

async function issue(name: string, roleIds = [feedRole], managingInstitutionId = ctx.bank.branchA, by = admin) {
  const res = await by.post('/api/api-tokens', { name, roleIds, managingInstitutionId });
  if (res.statusCode !== 201) throw new Error(`token ${name}: ${res.statusCode} ${res.body}`);
  return res.json() as { id: number; name: string; prefix: string; token: string };
}

const bearer = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  ctx.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

describe('issuing and using a token', () => {
  it('is shown once at creation and then works as a Bearer token with its role and the subtree of its managing institution', async () => {
    const t = await issue('core-feed-read');
    expect(t.token).toMatch(/^crm_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(t.token).toContain(t.prefix);

    const list = await bearer(t.token, 'GET', '/api/institutions?status=all');
    expect(list.statusCode).toBe(200);
    const ids = list.json().map((i: { id: number }) => i.id).sort((a: number, b: number) => a - b);
    expect(ids).toEqual([ctx.bank.branchA, ctx.bank.subA1, ctx.bank.subA2, ctx.bank.teamA1].sort((a, b) => a - b));
    expect((await bearer(t.token, 'GET', `/api/institutions/${ctx.bank.subB1}`)).statusCode).toBe(404);
    expect((await bearer(t.token, 'GET', `/api/institutions/${ctx.bank.ho}`)).statusCode).toBe(404);

    const users = await bearer(t.token, 'GET', '/api/users?pageSize=200');
    expect(users.statusCode).toBe(200);
    expect(users.json().items.map((u: { username: string }) => u.username).sort()).toEqual(branchAUsers);
    expect(branchAUsers).toContain('mgr_a1');
    expect(branchAUsers).not.toContain('mgr_b1');

    // Permissions the role does not carry are refused before any handler runs.
    for (const [method, url] of [['GET', '/api/audit'], ['GET', '/api/roles'], ['GET', '/api/api-tokens'], ['POST', '/api/roles']] as const) {
      const res = await bearer(t.token, method, url, method === 'POST' ? {} : undefined);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code, url).toBe('common.forbidden');
    }
    const row = await ctx.handle.db.selectFrom('api_token').select('last_used_at').where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(row.last_used_at).not.toBeNull();
  });

  it('changes data without a CSRF token, inside its scope only, audited as the token', async () => {
    const t = await issue('core-feed-write');
    const since = await lastAuditId(ctx);
    const ok = await bearer(t.token, 'POST', '/api/institutions', { code: 'T001', name: '令牌新建支行', parentId: ctx.bank.branchA, kind: 'statistical' });
    expect(ok.statusCode).toBe(201);
    const rows = await auditSince(ctx, since);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'institution.create', actor_kind: 'token', actor_id: t.id, actor_name: 'token:core-feed-write',
      actor_institution_id: ctx.bank.branchA, entity_id: String(ok.json().id),
    });

    const outside = await bearer(t.token, 'POST', '/api/institutions', { code: 'T002', name: '越权支行', parentId: ctx.bank.branchB, kind: 'statistical' });
    expect(outside.statusCode).toBe(404);
    expect(await ctx.handle.db.selectFrom('institution').select('id').where('code', '=', 'T002').executeTakeFirst()).toBeUndefined();
  });

  it('keeps only a hash in the database: the token text appears nowhere in api_token, the audit log or the token list', async () => {
    const t = await issue('hash-only');
    const secret = t.token.split('_').slice(2).join('_');
    const row = await ctx.handle.db.selectFrom('api_token').selectAll().where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const allTokens = JSON.stringify(await ctx.handle.db.selectFrom('api_token').selectAll().execute());
    expect(allTokens).not.toContain(t.token);
    expect(allTokens).not.toContain(secret);
    const audit = JSON.stringify(await ctx.handle.db.selectFrom('audit_log').selectAll().where('entity_type', '=', 'api_token').execute());
    expect(audit).toContain(t.prefix);
    expect(audit).not.toContain(secret);

    const list = await admin.get('/api/api-tokens');
    expect(list.statusCode).toBe(200);
    expect(list.json().some((x: { id: number }) => x.id === t.id)).toBe(true);
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain(row.token_hash);
  });

  it('rejects unknown, malformed and forged tokens with 401', async () => {
    const t = await issue('forgery-base');
    const forged = t.token.slice(0, -4) + (t.token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const token of [forged, 'crm_000000000000_' + 'A'.repeat(43), 'not-a-token', `${t.token}x`]) {
      const res = await bearer(token, 'GET', '/api/institutions');
      expect(res.statusCode, token).toBe(401);
      expect(res.json().code).toBe('common.unauthenticated');
    }
  });
});

describe('revoking and expiry', () => {
  it('a revoked token answers 401 from then on', async () => {
    const t = await issue('to-revoke');
    expect((await bearer(t.token, 'GET', '/api/institutions')).statusCode).toBe(200);
    const since = await lastAuditId(ctx);
    const res = await admin.post(`/api/api-tokens/${t.id}/revoke`);
    expect(res.statusCode).toBe(204);
    const after = await bearer(t.token, 'GET', '/api/institutions');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('common.unauthenticated');
    const row = await ctx.handle.db.selectFrom('api_token').select(['revoked_at', 'revoked_by']).where('id', '=', t.id).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
    expect(row.revoked_by).toBe(adminId);
    expect((await auditSince(ctx, since)).map((r) => r.action)).toEqual(['apitoken.revoke']);
  });

  it('an expired token answers 401', async () => {
    const res = await admin.post('/api/api-tokens', { name: 'short-lived', roleIds: [feedRole], managingInstitutionId: ctx.bank.branchA, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(res.statusCode).toBe(201);
    const t = res.json();
    expect((await bearer(t.token, 'GET', '/api/institutions')).statusCode).toBe(200);
    await ctx.handle.db.updateTable('api_token').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', t.id).execute();
    expect((await bearer(t.token, 'GET', '/api/institutions')).statusCode).toBe(401);
  });
});

describe('no escalation', () => {
  it('refuses a token with permissions its creator lacks (403 auth.token.escalation) and stores nothing', async () => {
    const since = await lastAuditId(ctx);
    for (const code of ['auditor', 'branch_admin']) {
      const res = await admin.post('/api/api-tokens', { name: `escalate-${code}`, roleIds: [await ctx.roleId(code)], managingInstitutionId: ctx.bank.ho });
      expect(res.statusCode, code).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('auth.token.escalation');
    }
    const audit = await admin.post('/api/api-tokens', { name: 'escalate-audit', roleIds: [await ctx.roleId('auditor')], managingInstitutionId: ctx.bank.ho });
    expect(audit.json().title).toContain('audit.read');
    expect(await ctx.handle.db.selectFrom('api_token').select('id').where('name', 'like', 'escalate-%').execute()).toHaveLength(0);
    expect(await auditSince(ctx, since)).toHaveLength(0);
  });

  it('a creator in a branch cannot bind a token to an institution outside the branch', async () => {
    const role = await admin.post('/api/roles', { code: 'branch_tokens', nameZh: '分行令牌管理', nameEn: 'Branch token admin', dataScope: 'institution', permissions: ['apitoken.manage', 'institution.read'] });
    expect(role.statusCode).toBe(201);
    await ctx.addUser('branch_tokener', ctx.bank.branchA, ['branch_tokens']);
    const branch = await ctx.login('branch_tokener');
    const readOnly = await admin.post('/api/roles', { code: 'inst_reader', nameZh: '机构查询', nameEn: 'Institution reader', dataScope: 'institution', permissions: ['institution.read'] });
    const outside = await branch.post('/api/api-tokens', { name: 'other-branch', roleIds: [readOnly.json().id], managingInstitutionId: ctx.bank.branchB });
    expect(outside.statusCode).toBe(404);
    const inside = await branch.post('/api/api-tokens', { name: 'own-branch', roleIds: [readOnly.json().id], managingInstitutionId: ctx.bank.subA1 });
    expect(inside.statusCode).toBe(201);
    // The list shows the branch's tokens only.
    const elsewhere = await issue('branch-b-feed', [readOnly.json().id], ctx.bank.branchB);
    const names = (await branch.get('/api/api-tokens')).json().map((x: { name: string }) => x.name);
    expect(names).toContain('own-branch');
    expect(names).not.toContain('branch-b-feed');
    expect((await branch.post(`/api/api-tokens/${elsewhere.id}/revoke`)).statusCode).toBe(404);
    expect((await ctx.handle.db.selectFrom('api_token').select('revoked_at').where('id', '=', elsewhere.id).executeTakeFirstOrThrow()).revoked_at).toBeNull();
  });

  it('a token cannot issue further tokens: every token is traceable to the person who issued it', async () => {
    const role = await admin.post('/api/roles', { code: 'token_minter', nameZh: '令牌签发', nameEn: 'Token minter', dataScope: 'institution', permissions: ['apitoken.manage', 'institution.read'] });
    expect(role.statusCode).toBe(201);
    const t = await issue('minter', [role.json().id], ctx.bank.ho);
    const res = await bearer(t.token, 'POST', '/api/api-tokens', { name: 'minted', roleIds: [], managingInstitutionId: ctx.bank.ho });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('common.forbidden');
    expect(await ctx.handle.db.selectFrom('api_token').select('id').where('name', '=', 'minted').executeTakeFirst()).toBeUndefined();

    // Revoking through a token is recorded as the token's act, never as some person's.
    const victim = await issue('revoked-by-token', [], ctx.bank.ho);
    expect((await bearer(t.token, 'POST', `/api/api-tokens/${victim.id}/revoke`)).statusCode).toBe(204);
    const row = await ctx.handle.db.selectFrom('api_token').select(['revoked_at', 'revoked_by']).where('id', '=', victim.id).executeTakeFirstOrThrow();
    expect(row.revoked_at).not.toBeNull();
    expect(row.revoked_by).toBeNull();
    const audit = await ctx.handle.db.selectFrom('audit_log').selectAll().where('action', '=', 'apitoken.revoke').where('entity_id', '=', String(victim.id)).execute();
    expect(audit).toEqual([expect.objectContaining({ actor_kind: 'token', actor_id: t.id })]);
  });
});
