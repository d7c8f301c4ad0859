// USR-11 separation of duties: nobody grants himself, audit reading never sits with user or role
// administration, system roles come only from head office, and the auditor only reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, expectProblem, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let hqAdmin: Client;
let hqAdminId: number;
let branchAdmin: Client;
let branchAdminId: number;

beforeAll(async () => {
  ctx = await createTestContext();
  hqAdminId = await ctx.addUser('sod_hq_admin', ctx.bank.ho, ['head_office_admin']);
  branchAdminId = await ctx.addUser('sod_branch_admin', ctx.bank.branchA, ['branch_admin']);
  hqAdmin = await ctx.login('sod_hq_admin');
  branchAdmin = await ctx.login('sod_branch_admin');
});
afterAll(() => ctx?.close());

const rolesOf = async (userId: number) =>
  (await ctx.handle.db.selectFrom('user_role').select('role_id').where('user_id', '=', userId).orderBy('role_id').execute()).map((r) => r.role_id);

const permissionsOf = async (roleId: number) =>
  (await ctx.handle.db.selectFrom('role_permission').select('permission_code').where('role_id', '=', roleId).orderBy('permission_code').execute()).map((r) => r.permission_code);

/** The error entry a 422 carries for a field, as the screens show it. */
const fieldCodes = (res: LightMyRequestResponse) => res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);

describe('no self-grant', () => {
  it('a head-office administrator cannot change his own roles, neither adding nor removing', async () => {
    const before = await rolesOf(hqAdminId);
    const since = await lastAuditId(ctx);
    for (const roleIds of [[...before, await ctx.roleId('institution_head')], [], [await ctx.roleId('auditor')]]) {
      expectProblem(await hqAdmin.put(`/api/users/${hqAdminId}/roles`, { roleIds }), 403, 'org.role.self_grant');
    }
    expect(await rolesOf(hqAdminId)).toEqual(before);
    expect(await lastAuditId(ctx)).toBe(since);
  });

  it('a branch administrator cannot change his own roles either', async () => {
    const before = await rolesOf(branchAdminId);
    expectProblem(await branchAdmin.put(`/api/users/${branchAdminId}/roles`, { roleIds: [...before, await ctx.roleId('customer_assignment')] }), 403, 'org.role.self_grant');
    expect(await rolesOf(branchAdminId)).toEqual(before);
  });
});

describe('audit reading never combined with administration', () => {
  it('refuses to grant the auditor role together with a role that manages users or roles', async () => {
    const target = await ctx.addUser('sod_target1', ctx.bank.subA1, ['institution_head']);
    const before = await rolesOf(target);
    const auditor = await ctx.roleId('auditor');
    for (const admin of ['branch_admin', 'head_office_admin']) {
      const res = await hqAdmin.put(`/api/users/${target}/roles`, { roleIds: [auditor, await ctx.roleId(admin)] });
      expectProblem(res, 422, 'common.validation');
      expect(fieldCodes(res)).toEqual(['roleIds:org.role.sod_conflict']);
    }
    expect(await rolesOf(target)).toEqual(before);
    // The auditor role on its own is fine.
    expect((await hqAdmin.put(`/api/users/${target}/roles`, { roleIds: [auditor] })).statusCode).toBe(200);
    expect(await rolesOf(target)).toEqual([auditor]);
  });

  it('refuses to create a user holding both', async () => {
    const res = await hqAdmin.post('/api/users', {
      username: 'sod_new_user', displayName: '冲突用户', homeInstitutionId: ctx.bank.subA1, managingInstitutionId: ctx.bank.subA1,
      roleIds: [await ctx.roleId('auditor'), await ctx.roleId('branch_admin')],
    });
    expectProblem(res, 422, 'common.validation');
    expect(fieldCodes(res)).toEqual(['roleIds:org.role.sod_conflict']);
    expect(await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', 'sod_new_user').executeTakeFirst()).toBeUndefined();
  });

  it('refuses a custom role that contains audit.read with user.manage, role.manage or role.grant', async () => {
    for (const admin of ['user.manage', 'role.manage', 'role.grant']) {
      const code = `sod_mix_${admin.replace('.', '_')}`;
      const res = await hqAdmin.post('/api/roles', { code, nameZh: '冲突角色', nameEn: 'Conflicting role', dataScope: 'institution', permissions: ['institution.read', 'audit.read', admin] });
      expectProblem(res, 422, 'common.validation');
      expect(fieldCodes(res)).toEqual(['permissions:org.role.sod_conflict']);
      expect(res.json().errors[0].message).toContain(admin);
      expect(await ctx.handle.db.selectFrom('role').select('id').where('code', '=', code).executeTakeFirst()).toBeUndefined();
    }
  });

  it('refuses to widen a custom role into the conflict, for the role itself and for its holders', async () => {
    const create = async (code: string, permissions: string[]) => {
      const res = await hqAdmin.post('/api/roles', { code, nameZh: code, nameEn: code, dataScope: 'institution', permissions });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    const reader = await create('sod_log_reader', ['institution.read', 'audit.read']);
    const helper = await create('sod_helper', ['institution.read', 'user.read']);

    const self = await hqAdmin.patch(`/api/roles/${reader}`, { version: 1, permissions: ['institution.read', 'audit.read', 'role.grant'] });
    expectProblem(self, 422, 'common.validation');
    expect(fieldCodes(self)).toEqual(['permissions:org.role.sod_conflict']);
    expect(await permissionsOf(reader)).toEqual(['audit.read', 'institution.read']);

    // Two roles that are each harmless cannot be held together when they add up to the conflict.
    const holder = await ctx.addUser('sod_holder', ctx.bank.subA1, []);
    expect((await hqAdmin.put(`/api/users/${holder}/roles`, { roleIds: [reader, helper] })).statusCode).toBe(200);
    const widen = await hqAdmin.patch(`/api/roles/${helper}`, { version: 1, permissions: ['institution.read', 'user.read', 'user.manage'] });
    expectProblem(widen, 422, 'common.validation');
    expect(fieldCodes(widen)).toEqual(['roleIds:org.role.sod_conflict']);
    expect(await permissionsOf(helper)).toEqual(['institution.read', 'user.read']);
    expect((await ctx.handle.db.selectFrom('role').select('version').where('id', '=', helper).executeTakeFirstOrThrow()).version).toBe(1);

    const manager = await create('sod_user_manager', ['institution.read', 'user.read', 'user.manage']);
    const both = await hqAdmin.put(`/api/users/${holder}/roles`, { roleIds: [reader, manager] });
    expectProblem(both, 422, 'common.validation');
    expect(await rolesOf(holder)).toEqual([reader, helper].sort((a, b) => a - b));
  });
});

describe('system roles only from head office', () => {
  it('a branch administrator (role.grant without role.manage) cannot grant a system role nor one beyond his own permissions, but can grant a branch role within them', async () => {
    const target = await ctx.addUser('sod_target2', ctx.bank.subA1, []);
    const since = await lastAuditId(ctx);
    for (const code of ['auditor', 'head_office_admin']) {
      expectProblem(await branchAdmin.put(`/api/users/${target}/roles`, { roleIds: [await ctx.roleId(code)] }), 403, 'org.role.system_role_grant');
    }
    expect(await rolesOf(target)).toEqual([]);
    expect(await lastAuditId(ctx)).toBe(since);

    const created = await branchAdmin.post('/api/users', {
      username: 'sod_branch_auditor', displayName: '分行审计', homeInstitutionId: ctx.bank.subA1, managingInstitutionId: ctx.bank.subA1,
      roleIds: [await ctx.roleId('auditor')],
    });
    expectProblem(created, 403, 'org.role.system_role_grant');
    expect(await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', 'sod_branch_auditor').executeTakeFirst()).toBeUndefined();

    // No escalation: a role with permissions the branch administrator lacks is head office's to grant.
    expectProblem(await branchAdmin.put(`/api/users/${target}/roles`, { roleIds: [await ctx.roleId('data_review_clerk')] }), 403, 'org.role.escalation');
    expect(await rolesOf(target)).toEqual([]);

    const ok = await branchAdmin.put(`/api/users/${target}/roles`, { roleIds: [await ctx.roleId('transfer_confirmation')] });
    expect(ok.statusCode).toBe(200);
    expect(await rolesOf(target)).toEqual([await ctx.roleId('transfer_confirmation')]);
  });

  it('a branch administrator cannot define roles at all', async () => {
    expectProblem(await branchAdmin.post('/api/roles', { code: 'sod_branch_role', nameZh: 'x', nameEn: 'x', dataScope: 'institution', permissions: ['institution.read'] }), 403, 'common.forbidden');
  });
});

describe('the auditor only reads', () => {
  it('reads the audit log and verifies the chain', async () => {
    await ctx.addUser('sod_auditor_r', ctx.bank.ho, ['auditor']);
    const auditor = await ctx.login('sod_auditor_r');
    const list = await auditor.get('/api/audit?pageSize=200');
    expect(list.statusCode).toBe(200);
    const actions = list.json().items.map((i: { action: string }) => i.action);
    expect(actions).toContain('auth.login');
    expect(list.json().total).toBeGreaterThan(0);
    const verify = await auditor.get('/api/audit/verify');
    expect(verify.statusCode).toBe(200);
    expect(verify.json().ok).toBe(true);
  });

  it('gets 403 from every mutation endpoint the API has, and nothing is written', async () => {
    const auditorId = await ctx.addUser('sod_auditor_w', ctx.bank.ho, ['auditor']);
    const auditor = await ctx.login('sod_auditor_w');
    const victim = await ctx.addUser('sod_victim', ctx.bank.subA1, ['institution_head']);
    const paths = (ctx.app as unknown as { swagger: () => { paths: Record<string, Record<string, unknown>> } }).swagger().paths;
    const values: Record<string, string> = { id: String(victim), code: 'industry', item: 'A', day: '2027-03-03' };
    const mutations: [string, string][] = [];
    for (const [path, ops] of Object.entries(paths)) {
      // Signing out, changing one's own password and one's own notifications (read marks, channel
      // preferences: rows keyed by the caller) are every user's own business.
      if (path.startsWith('/api/auth/') || /^\/api\/notifications\/(\{id\}\/read|read-all|preferences)$/.test(path)) continue;
      for (const method of Object.keys(ops)) {
        if (['post', 'put', 'patch', 'delete'].includes(method)) mutations.push([method.toUpperCase(), path.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '1')]);
      }
    }
    // The API as it stands has well over twenty mutation endpoints; a drop means the listing broke.
    expect(mutations.length).toBeGreaterThan(20);
    expect(mutations).toContainEqual(['PUT', `/api/users/${victim}/roles`]);
    expect(mutations).toContainEqual(['PUT', '/api/settings/security-policy']);

    const since = await lastAuditId(ctx);
    const rolesBefore = await rolesOf(auditorId);
    for (const [method, url] of mutations) {
      const res = await ctx.app.inject({
        method: method as 'POST', url, headers: { cookie: auditor.cookie, 'x-csrf-token': auditor.csrf },
        ...(method === 'DELETE' ? {} : { payload: { version: 1, roleIds: [], name: 'x', status: 'disabled', effectiveDate: '2025-01-02', reason: 'x' } }),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().code, `${method} ${url}`).toBe('common.forbidden');
    }
    expect(await lastAuditId(ctx)).toBe(since);
    expect(await rolesOf(auditorId)).toEqual(rolesBefore);
    expect((await ctx.handle.db.selectFrom('app_user').select(['status', 'version']).where('id', '=', victim).executeTakeFirstOrThrow())).toEqual({ status: 'active', version: 1 });
  });
});

describe('no take-over of a wider account', () => {
  it('a branch administrator cannot reset the password or roles of someone managing head office, nor of a holder of permissions he lacks', async () => {
    // Belongs to a sub-branch of branch A but sees the whole bank.
    const wide = await ctx.addUser('sod_wide_head', ctx.bank.subA1, ['institution_head'], { managingInstitutionId: ctx.bank.ho });
    expectProblem(await branchAdmin.post(`/api/users/${wide}/reset-password`), 404, 'common.not_found');
    expectProblem(await branchAdmin.put(`/api/users/${wide}/roles`, { roleIds: [] }), 404, 'common.not_found');
    // Same branch, but holds customer.sensitive.read, which the branch administrator does not.
    const reviewer = await ctx.addUser('sod_reviewer', ctx.bank.subA1, ['data_review_clerk']);
    const since = await lastAuditId(ctx);
    expectProblem(await branchAdmin.post(`/api/users/${reviewer}/reset-password`), 403, 'org.role.escalation');
    expect(await lastAuditId(ctx)).toBe(since);
  });
});
