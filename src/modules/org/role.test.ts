// USR-1, USR-3…7: roles are named sets of permission codes with a data scope. The built-in roles
// of the requirements exist with the permissions builtin-roles.ts gives them and cannot be
// changed; custom roles can. A user's permissions are the union of the roles held.
import { businessToday } from '../../common/business-date.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';
import { BUILTIN_ROLES } from './builtin-roles.ts';
import { PERMISSIONS } from './permissions.ts';
import { seedOrgReferenceData } from './reference-data.ts';

let ctx: TestContext;
let admin: Client;

interface RoleView { id: number; code: string; builtin: boolean; category: string; dataScope: string; permissions: string[]; userCount: number; version: number; nameZh: string }

const roles = async (): Promise<RoleView[]> => {
  const res = await admin.get('/api/roles');
  expect(res.statusCode).toBe(200);
  return res.json();
};

const sorted = (xs: Iterable<string>) => [...xs].sort();

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('hq_admin', ctx.bank.ho, ['head_office_admin']);
  admin = await ctx.login('hq_admin');
});
afterAll(() => ctx?.close());

describe('built-in roles', () => {
  // The role codes the requirements name, by section.
  const REQUIRED = {
    'USR-3': ['institution_head', 'branch_admin', 'customer_assignment', 'performance_allocation', 'transfer_approval',
      'transfer_confirmation', 'scale_approval', 'scale_confirmation', 'report_query', 'group_relationship'],
    'USR-4': ['sme_reassign', 'sme_visit', 'sme_collect', 'sme_phone_schedule', 'sme_screen', 'sme_marketing'],
    'USR-5': ['primary_manager', 'assisting_manager', 'manager_assistant'],
    'USR-6': ['product_manager'],
    'USR-7': ['non_corporate_user'],
  };

  it('lists every role of USR-3…USR-7 as built-in, with the permissions and scope the code defines', async () => {
    const list = await roles();
    const byCode = new Map(list.map((r) => [r.code, r]));
    for (const [section, codes] of Object.entries(REQUIRED)) {
      for (const code of codes) expect(byCode.get(code), `${section} ${code}`).toMatchObject({ builtin: true });
    }
    for (const def of BUILTIN_ROLES) {
      const r = byCode.get(def.code);
      expect(r, def.code).toBeDefined();
      expect(sorted(r!.permissions), def.code).toEqual(sorted(new Set(def.permissions)));
      expect(r!.dataScope, def.code).toBe(def.dataScope);
      expect(r!.category, def.code).toBe(def.category);
      expect(r!.nameZh, def.code).toBe(def.zh);
    }
    // Every permission a built-in role holds is in the catalogue /api/permissions serves.
    const catalogue = new Set((await admin.get('/api/permissions')).json().map((p: { code: string }) => p.code));
    expect(catalogue.size).toBe(PERMISSIONS.length);
    for (const r of list) for (const p of r.permissions) expect(catalogue.has(p), `${r.code}: ${p}`).toBe(true);
  });

  it('the product manager and the non-corporate user have what USR-6 and USR-7 describe', async () => {
    const byCode = new Map((await roles()).map((r) => [r.code, r]));
    expect(byCode.get('product_manager')!.permissions).toEqual(expect.arrayContaining(['product.read', 'report.read', 'marketing.task.issue']));
    // USR-7: sign in and see their own performance only.
    expect(byCode.get('non_corporate_user')!.permissions).toEqual(['performance.read.own']);
    expect(byCode.get('non_corporate_user')!.dataScope).toBe('own');
    expect(byCode.get('primary_manager')!.dataScope).toBe('own');
    expect(byCode.get('institution_head')!.dataScope).toBe('institution');
  });

  it('cannot be edited or deleted', async () => {
    const head = (await roles()).find((r) => r.code === 'institution_head')!;
    const edit = await admin.patch(`/api/roles/${head.id}`, { version: head.version, nameZh: '改名', permissions: ['institution.read'] });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().code).toBe('org.role.builtin_readonly');
    const del = await admin.delete(`/api/roles/${head.id}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('org.role.builtin_readonly');
    const after = (await roles()).find((r) => r.code === 'institution_head')!;
    expect(after).toEqual(head);
  });

  it('are re-synchronised at start: a tampered built-in role gets its permissions back', async () => {
    const id = await ctx.roleId('report_query');
    const def = BUILTIN_ROLES.find((r) => r.code === 'report_query')!;
    await ctx.handle.db.deleteFrom('role_permission').where('role_id', '=', id).where('permission_code', '=', 'report.read').execute();
    await ctx.handle.db.insertInto('role_permission').values({ role_id: id, permission_code: 'user.manage' }).execute();
    await seedOrgReferenceData(ctx.handle.db);
    const r = (await roles()).find((x) => x.id === id)!;
    expect(sorted(r.permissions)).toEqual(sorted(def.permissions));
  });
});

describe('custom roles', () => {
  it('are created, changed with the current version, and deleted when unused', async () => {
    const res = await admin.post('/api/roles', {
      code: 'visit_planner', nameZh: '走访计划岗', nameEn: 'Visit planner', dataScope: 'institution', permissions: ['institution.read', 'customer.read', 'customer.read'],
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;
    const created: RoleView = (await admin.get(`/api/roles/${id}`)).json();
    expect(created).toMatchObject({ code: 'visit_planner', builtin: false, category: 'custom', dataScope: 'institution', userCount: 0, version: 1 });
    expect(sorted(created.permissions)).toEqual(['customer.read', 'institution.read']);

    const upd = await admin.patch(`/api/roles/${id}`, { version: 1, nameZh: '走访计划岗（新）', dataScope: 'own', permissions: ['institution.read', 'sme.visit'] });
    expect(upd.statusCode).toBe(200);
    const changed: RoleView = (await admin.get(`/api/roles/${id}`)).json();
    expect(changed).toMatchObject({ nameZh: '走访计划岗（新）', dataScope: 'own', version: 2 });
    expect(sorted(changed.permissions)).toEqual(['institution.read', 'sme.visit']);

    const stale = await admin.patch(`/api/roles/${id}`, { version: 1, nameZh: '过期' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('common.conflict');

    const del = await admin.delete(`/api/roles/${id}`);
    expect(del.statusCode).toBe(204);
    expect((await admin.get(`/api/roles/${id}`)).statusCode).toBe(404);
    expect(await ctx.handle.db.selectFrom('role_permission').select('permission_code').where('role_id', '=', id).execute()).toEqual([]);
  });

  it('refuses a code already taken, including a built-in one', async () => {
    const res = await admin.post('/api/roles', { code: 'primary_manager', nameZh: '冒名', nameEn: 'Impostor', dataScope: 'own', permissions: [] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'code', code: 'org.role.code_taken' });
  });

  it('refuses unknown permission codes, on create and on update', async () => {
    const res = await admin.post('/api/roles', { code: 'ghost_role', nameZh: '幽灵', nameEn: 'Ghost', dataScope: 'own', permissions: ['institution.read', 'vault.open'] });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'permissions', code: 'org.role.unknown_permission' });
    expect(await ctx.handle.db.selectFrom('role').select('id').where('code', '=', 'ghost_role').executeTakeFirst()).toBeUndefined();

    const ok = await admin.post('/api/roles', { code: 'ghost_role2', nameZh: '幽灵二', nameEn: 'Ghost 2', dataScope: 'own', permissions: ['institution.read'] });
    const upd = await admin.patch(`/api/roles/${ok.json().id}`, { version: 1, permissions: ['vault.open'] });
    expect(upd.statusCode).toBe(422);
    expect(upd.json().errors[0].code).toBe('org.role.unknown_permission');
    expect((await admin.get(`/api/roles/${ok.json().id}`)).json().permissions).toEqual(['institution.read']);
  });

  it('cannot be deleted while a user holds it', async () => {
    const res = await admin.post('/api/roles', { code: 'held_role', nameZh: '在用角色', nameEn: 'Held', dataScope: 'own', permissions: ['institution.read'] });
    const roleId = res.json().id;
    const userId = await ctx.addUser('holder', ctx.bank.subA1, []);
    expect((await admin.put(`/api/users/${userId}/roles`, { roleIds: [roleId] })).statusCode).toBe(200);
    expect((await admin.get(`/api/roles/${roleId}`)).json().userCount).toBe(1);

    const del = await admin.delete(`/api/roles/${roleId}`);
    expect(del.statusCode).toBe(409);
    expect(del.json().code).toBe('org.role.in_use');
    expect((await admin.get(`/api/roles/${roleId}`)).statusCode).toBe(200);

    expect((await admin.put(`/api/users/${userId}/roles`, { roleIds: [] })).statusCode).toBe(200);
    expect((await admin.delete(`/api/roles/${roleId}`)).statusCode).toBe(204);
  });

  it('can be deleted once its only holders have left', async () => {
    const res = await admin.post('/api/roles', { code: 'left_behind', nameZh: '离职者角色', nameEn: 'Left behind', dataScope: 'own', permissions: ['institution.read'] });
    const roleId = res.json().id;
    const userId = await ctx.addUser('departed', ctx.bank.subA1, []);
    expect((await admin.put(`/api/users/${userId}/roles`, { roleIds: [roleId] })).statusCode).toBe(200);
    const version = (await admin.get(`/api/users/${userId}`)).json().version;
    const leave = await admin.post(`/api/users/${userId}/status`, { version, status: 'left', effectiveDate: businessToday(), reason: '离职' });
    expect(leave.statusCode).toBe(200);
    // The list says nobody holds it, and deleting agrees.
    expect((await admin.get(`/api/roles/${roleId}`)).json().userCount).toBe(0);
    const del = await admin.delete(`/api/roles/${roleId}`);
    expect(del.statusCode).toBe(204);
    expect((await admin.get(`/api/roles/${roleId}`)).statusCode).toBe(404);
    const audit = await ctx.handle.db.selectFrom('audit_log').select(['before']).where('action', '=', 'role.delete').where('entity_id', '=', String(roleId)).executeTakeFirstOrThrow();
    expect((audit.before as { leftHolders: number[] }).leftHolders).toEqual([userId]);
  });

  it('a role held by an API token is in use until the token is revoked', async () => {
    const res = await admin.post('/api/roles', { code: 'feed_role', nameZh: '接口角色', nameEn: 'Feed', dataScope: 'institution', permissions: ['institution.read'] });
    const roleId = res.json().id;
    const token = await admin.post('/api/api-tokens', { name: 'feed', roleIds: [roleId], managingInstitutionId: ctx.bank.ho });
    expect(token.statusCode).toBe(201);
    const inUse = await admin.delete(`/api/roles/${roleId}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().code).toBe('org.role.in_use');

    expect((await admin.post(`/api/api-tokens/${token.json().id}/revoke`)).statusCode).toBe(204);
    expect((await admin.delete(`/api/roles/${roleId}`)).statusCode).toBe(204);
    expect((await admin.get(`/api/roles/${roleId}`)).statusCode).toBe(404);
  });

  it('need role.manage to define and role.read or role.grant to list', async () => {
    await ctx.addUser('plain_mgr', ctx.bank.teamA1, ['primary_manager']);
    const mgr = await ctx.login('plain_mgr');
    expect((await mgr.get('/api/roles')).statusCode).toBe(403);
    const create = await mgr.post('/api/roles', { code: 'sneaky_role', nameZh: '越权', nameEn: 'Sneaky', dataScope: 'own', permissions: [] });
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('common.forbidden');
  });
});

describe('permissions of a user (/api/me)', () => {
  const me = async (c: Client) => {
    const res = await c.get('/api/me');
    expect(res.statusCode).toBe(200);
    return res.json() as { permissions: string[]; dataScope: string; roles: { code: string }[] };
  };
  const permsOf = (...codes: string[]) => sorted(new Set(codes.flatMap((c) => BUILTIN_ROLES.find((r) => r.code === c)!.permissions)));

  it('are the union of the roles held and follow role changes at once', async () => {
    const id = await ctx.addUser('multi', ctx.bank.subA1, ['report_query', 'product_manager']);
    const client = await ctx.login('multi');
    const first = await me(client);
    expect(first.permissions).toEqual(permsOf('report_query', 'product_manager'));
    expect(sorted(first.roles.map((r) => r.code))).toEqual(['product_manager', 'report_query']);

    const res = await admin.put(`/api/users/${id}/roles`, { roleIds: [await ctx.roleId('primary_manager'), await ctx.roleId('sme_visit')] });
    expect(res.statusCode).toBe(200);
    const second = await me(client);
    expect(second.permissions).toEqual(permsOf('primary_manager', 'sme_visit'));
    expect(second.permissions).not.toContain('marketing.task.issue');
  });

  it('follow a change of a custom role held', async () => {
    const role = await admin.post('/api/roles', { code: 'growing_role', nameZh: '成长角色', nameEn: 'Growing', dataScope: 'own', permissions: ['institution.read'] });
    const roleId = role.json().id;
    await ctx.addUser('grower', ctx.bank.subA1, []);
    const growerId = (await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', 'grower').executeTakeFirstOrThrow()).id;
    expect((await admin.put(`/api/users/${growerId}/roles`, { roleIds: [roleId] })).statusCode).toBe(200);
    const client = await ctx.login('grower');
    expect((await me(client)).permissions).toEqual(['institution.read']);
    expect((await client.get('/api/users')).statusCode).toBe(403);

    expect((await admin.patch(`/api/roles/${roleId}`, { version: 1, permissions: ['institution.read', 'user.read'] })).statusCode).toBe(200);
    expect((await me(client)).permissions).toEqual(['institution.read', 'user.read']);
    expect((await client.get('/api/users')).statusCode).toBe(200);
  });

  it("data scope is 'own' with customer-manager roles only, 'institution' once any role is institution-wide", async () => {
    const id = await ctx.addUser('scoped', ctx.bank.teamA1, ['primary_manager', 'assisting_manager']);
    const client = await ctx.login('scoped');
    expect((await me(client)).dataScope).toBe('own');
    await admin.put(`/api/users/${id}/roles`, { roleIds: [await ctx.roleId('primary_manager'), await ctx.roleId('institution_head')] });
    expect((await me(client)).dataScope).toBe('institution');

    const own = await admin.post('/api/roles', { code: 'own_only', nameZh: '仅本人', nameEn: 'Own only', dataScope: 'own', permissions: ['institution.read'] });
    await admin.put(`/api/users/${id}/roles`, { roleIds: [own.json().id] });
    expect((await me(client)).dataScope).toBe('own');
    await admin.patch(`/api/roles/${own.json().id}`, { version: 1, dataScope: 'institution' });
    expect((await me(client)).dataScope).toBe('institution');
  });
});
