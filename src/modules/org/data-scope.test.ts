// USR-2: a user sees the subtree of the managing institution and nothing else, on every list
// and read endpoint; records outside it answer 404, exactly as if they did not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let headA1: Client;
let admin: Client;
let userB1: number;
let userA1: number;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('hq_admin', ctx.bank.ho, ['head_office_admin']);
  await ctx.addUser('head_a1', ctx.bank.subA1, ['institution_head']);
  userA1 = await ctx.addUser('mgr_a1', ctx.bank.teamA1, ['primary_manager']);
  userB1 = await ctx.addUser('mgr_b1', ctx.bank.subB1, ['primary_manager']);
  await ctx.addUser('admin_a', ctx.bank.branchA, ['branch_admin']);
  headA1 = await ctx.login('head_a1');
  admin = await ctx.login('hq_admin');
});
afterAll(() => ctx?.close());

describe('institutions', () => {
  it('lists only the subtree of the managing institution', async () => {
    const res = await headA1.get('/api/institutions?status=all');
    expect(res.statusCode).toBe(200);
    const ids = res.json().map((i: { id: number }) => i.id).sort();
    expect(ids).toEqual([ctx.bank.subA1, ctx.bank.teamA1].sort());
  });

  it('answers 404 for an institution of another sub-branch, and for its parent', async () => {
    for (const id of [ctx.bank.subA2, ctx.bank.subB1, ctx.bank.branchA, ctx.bank.ho]) {
      const res = await headA1.get(`/api/institutions/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('common.not_found');
    }
    expect((await headA1.get(`/api/institutions/${ctx.bank.teamA1}`)).statusCode).toBe(200);
  });

  it('shows the full name with every ancestor below the head office (ORG-4)', async () => {
    const res = await admin.get(`/api/institutions/${ctx.bank.teamA1}`);
    expect(res.json().fullName).toBe('甲分行甲一支行营销一队');
  });

  it('a head-office user sees the whole bank', async () => {
    const res = await admin.get('/api/institutions?status=all');
    expect(res.json()).toHaveLength(7);
  });
});

describe('users', () => {
  it('lists only users whose home institution is in scope', async () => {
    const branchAdmin = await ctx.login('admin_a');
    const res = await branchAdmin.get('/api/users?pageSize=200');
    const names = res.json().items.map((u: { username: string }) => u.username).sort();
    expect(names).toEqual(['admin_a', 'head_a1', 'mgr_a1']);
  });

  it('answers 404 for a user of another branch on read and on every change', async () => {
    const branchAdmin = await ctx.login('admin_a');
    expect((await branchAdmin.get(`/api/users/${userB1}`)).statusCode).toBe(404);
    expect((await branchAdmin.get(`/api/users/${userA1}`)).statusCode).toBe(200);
    expect((await branchAdmin.patch(`/api/users/${userB1}`, { version: 1, displayName: 'x' })).statusCode).toBe(404);
    expect((await branchAdmin.post(`/api/users/${userB1}/unlock`)).statusCode).toBe(404);
    expect((await branchAdmin.post(`/api/users/${userB1}/reset-password`)).statusCode).toBe(404);
    expect((await branchAdmin.put(`/api/users/${userB1}/roles`, { roleIds: [] })).statusCode).toBe(404);
  });

  it('cannot place a user in an institution outside scope', async () => {
    const branchAdmin = await ctx.login('admin_a');
    const res = await branchAdmin.post('/api/users', {
      username: 'sneaky', displayName: 'x', homeInstitutionId: ctx.bank.subB1, managingInstitutionId: ctx.bank.subB1,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe('homeInstitutionId');
    expect(await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', 'sneaky').executeTakeFirst()).toBeUndefined();
  });

  it('cannot create an institution under a parent outside scope', async () => {
    const branchAdmin = await ctx.login('admin_a');
    const res = await branchAdmin.post('/api/institutions', { code: 'X999', name: '越权支行', parentId: ctx.bank.branchB, kind: 'statistical' });
    expect(res.statusCode).toBe(404);
    const ok = await branchAdmin.post('/api/institutions', { code: 'A130', name: '甲三支行', parentId: ctx.bank.branchA, kind: 'statistical' });
    expect(ok.statusCode).toBe(201);
  });
});

describe('permissions', () => {
  it('refuses a route without its permission, before the handler runs', async () => {
    const mgr = await ctx.login('mgr_a1');
    const res = await mgr.post('/api/institutions', { code: 'Z001', name: 'x', parentId: ctx.bank.subA1, kind: 'marketing' });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('common.forbidden');
    expect((await mgr.get('/api/audit')).statusCode).toBe(403);
    expect((await mgr.get('/api/users')).statusCode).toBe(403);
  });

  it('refuses unauthenticated requests', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/institutions' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
