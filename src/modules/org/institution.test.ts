// ORG-1…6 through the HTTP API, as a head-office administrator: opening institutions under the
// right parents, unique 4-character codes, edits with optimistic locking, moves and closures that
// keep history, and level names as configuration.
import { businessToday } from '../../common/business-date.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let admin: Client;

const isoDay = (offsetDays: number) => businessToday(new Date(Date.now() + offsetDays * 86_400_000));

interface Inst {
  id: number; code: string; name: string; fullName: string; parentId: number | null; level: number; levelName: string;
  kind: string; status: string; closedOn: string | null; version: number;
  history: { event: string; parentId: number | null; name: string; status: string; validFrom: string; validTo: string | null; reason: string | null; changedBy: string | null }[];
}

const get = async (id: number): Promise<Inst> => {
  const res = await admin.get(`/api/institutions/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};

const create = async (code: string, name: string, parentId: number, kind: 'statistical' | 'marketing' = 'statistical'): Promise<number> => {
  const res = await admin.post('/api/institutions', { code, name, parentId, kind });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
};

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('hq_admin', ctx.bank.ho, ['head_office_admin']);
  await ctx.addUser('admin_a', ctx.bank.branchA, ['branch_admin']);
  admin = await ctx.login('hq_admin');
});
afterAll(() => ctx?.close());

describe('opening an institution', () => {
  it('opens one level below a statistical parent, upper-cases the code and derives the full name', async () => {
    const parent = await get(ctx.bank.branchA);
    const since = await lastAuditId(ctx);
    const res = await admin.post('/api/institutions', { code: 'a1b3', name: '甲三支行', parentId: parent.id, kind: 'statistical', category: 'sme' });
    expect(res.statusCode).toBe(201);
    const inst = await get(res.json().id);
    expect(inst.code).toBe('A1B3');
    expect(inst.level).toBe(parent.level + 1);
    expect(inst.parentId).toBe(parent.id);
    expect(inst.fullName).toBe(`${parent.fullName}甲三支行`);
    expect(inst.status).toBe('active');
    expect(inst.history.map((h) => h.event)).toEqual(['open']);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => [a.action, a.entity_id])).toEqual([['institution.create', String(inst.id)]]);
  });

  it('refuses a code already in use, whatever its case', async () => {
    const existing = await get(ctx.bank.subA1);
    const res = await admin.post('/api/institutions', { code: existing.code.toLowerCase(), name: '重复支行', parentId: ctx.bank.branchA, kind: 'statistical' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'code', code: 'org.institution.code_taken' });
    const all = (await admin.get('/api/institutions?status=all&q=重复')).json();
    expect(all).toEqual([]);
  });

  it.each(['12', '12345', '12-4'])('refuses the badly formed code %s with 400', async (code) => {
    const res = await admin.post('/api/institutions', { code, name: '格式支行', parentId: ctx.bank.branchA, kind: 'statistical' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain('body.code');
  });

  it('refuses a parent that is a marketing institution (it holds people, not institutions)', async () => {
    const res = await admin.post('/api/institutions', { code: 'M001', name: '团队下级', parentId: ctx.bank.teamA1, kind: 'marketing' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'parentId', code: 'org.institution.parent_is_marketing' });
  });

  it('cannot go deeper than the configured levels', async () => {
    const levels: { level: number }[] = (await admin.get('/api/institution-levels')).json();
    const deepest = Math.max(...levels.map((l) => l.level));
    // A statistical institution on the deepest level, then one more below it.
    const sub = await get(ctx.bank.subA2);
    expect(sub.level).toBe(deepest - 1);
    const leaf = await create('A12S', '甲二统计组', sub.id, 'statistical');
    expect((await get(leaf)).level).toBe(deepest);
    const res = await admin.post('/api/institutions', { code: 'A12T', name: '过深机构', parentId: leaf, kind: 'marketing' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'parentId', code: 'org.institution.too_deep' });
    expect(await ctx.handle.db.selectFrom('institution').select('id').where('code', '=', 'A12T').executeTakeFirst()).toBeUndefined();
  });
});

describe('editing', () => {
  it('renames with the current version, records a rename period, and refuses a stale version', async () => {
    const branch = await create('R100', '旧名分行', ctx.bank.ho);
    const sub = await create('R110', '某支行', branch);
    const before = await get(branch);
    const res = await admin.patch(`/api/institutions/${branch}`, { version: before.version, name: '新名分行' });
    expect(res.statusCode).toBe(200);
    const after = await get(branch);
    expect(after.name).toBe('新名分行');
    expect(after.version).toBe(before.version + 1);
    expect(after.history[0]).toMatchObject({ event: 'rename', name: '新名分行', validTo: null, changedBy: 'hq_admin' });
    expect(after.history[1]).toMatchObject({ event: 'open', name: '旧名分行', validTo: after.history[0]!.validFrom });
    // ORG-4: the descendants' full names follow the rename.
    expect((await get(sub)).fullName).toBe('新名分行某支行');

    const stale = await admin.patch(`/api/institutions/${branch}`, { version: before.version, name: '又一名分行' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('common.conflict');
    expect((await get(branch)).name).toBe('新名分行');
  });

  it('an edit that keeps the name writes no rename period', async () => {
    const id = await create('R200', '电话分行', ctx.bank.ho);
    const before = await get(id);
    expect((await admin.patch(`/api/institutions/${id}`, { version: before.version, phone: '0532-1234567' })).statusCode).toBe(200);
    const after = await get(id);
    expect(after.version).toBe(before.version + 1);
    expect(after.history.map((h) => h.event)).toEqual(['open']);
  });
});

describe('moving (ORG-6)', () => {
  let branchC: number; let branchD: number; let subC1: number; let teamC1: number;

  beforeAll(async () => {
    branchC = await create('C100', '丙分行', ctx.bank.ho);
    branchD = await create('D100', '丁分行', ctx.bank.ho);
    subC1 = await create('C110', '丙一支行', branchC);
    teamC1 = await create('C111', '丙一营销队', subC1, 'marketing');
  });

  it('moves a sub-branch with its subtree to another branch and keeps the history', async () => {
    const before = await get(subC1);
    const d = await get(branchD);
    const today = isoDay(0);
    const since = await lastAuditId(ctx);
    const res = await admin.post(`/api/institutions/${subC1}/move`, { version: before.version, parentId: branchD, effectiveDate: today, reason: '机构调整' });
    expect(res.statusCode).toBe(200);

    const after = await get(subC1);
    expect(after.parentId).toBe(branchD);
    expect(after.level).toBe(before.level);
    expect(after.version).toBe(before.version + 1);
    expect(after.fullName).toBe(`${d.fullName}丙一支行`);
    expect((await get(teamC1)).fullName).toBe(`${d.fullName}丙一支行丙一营销队`);
    expect(after.history[0]).toMatchObject({ event: 'move', parentId: branchD, reason: '机构调整', validFrom: today, validTo: null });
    expect(after.history[1]).toMatchObject({ event: 'open', parentId: branchC, validTo: today });

    // The materialised paths of the whole subtree moved, so data scope follows at once.
    const rows = await ctx.handle.db.selectFrom('institution').select(['id', 'path']).where('id', 'in', [branchD, subC1, teamC1]).execute();
    const path = new Map(rows.map((r) => [r.id, r.path]));
    expect(path.get(subC1)).toBe(`${path.get(branchD)}${subC1}/`);
    expect(path.get(teamC1)).toBe(`${path.get(branchD)}${subC1}/${teamC1}/`);
    const branchCSubtree = (await admin.get('/api/institutions?status=all')).json()
      .filter((i: Inst) => i.fullName.startsWith('丙分行')).map((i: Inst) => i.id);
    expect(branchCSubtree).toEqual([branchC]);

    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['institution.move']);
  });

  it('refuses to move an institution under itself or its own descendant', async () => {
    const c = await get(branchC);
    const sub = await create('C120', '丙二支行', branchC);
    for (const parentId of [sub, branchC]) {
      const res = await admin.post(`/api/institutions/${branchC}/move`, { version: c.version, parentId, effectiveDate: isoDay(0), reason: '错误迁移' });
      expect(res.statusCode).toBe(422);
      expect(res.json().errors[0]).toMatchObject({ path: 'parentId', code: 'org.institution.move_into_self' });
    }
    expect((await get(branchC)).parentId).toBe(ctx.bank.ho);
  });

  it('keeps strict levels: a sub-branch cannot move under a sub-branch', async () => {
    const sub = await create('C130', '丙三支行', branchC);
    const s = await get(sub);
    const res = await admin.post(`/api/institutions/${sub}/move`, { version: s.version, parentId: ctx.bank.subA2, effectiveDate: isoDay(0), reason: '层级不符' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'parentId', code: 'org.institution.level_mismatch' });
    expect((await get(sub)).parentId).toBe(branchC);
  });

  it('refuses an effective date before the institution’s current period began', async () => {
    const sub = await create('C160', '丙六支行', branchC);
    const s = await get(sub);
    const res = await admin.post(`/api/institutions/${sub}/move`, { version: s.version, parentId: branchD, effectiveDate: isoDay(-400), reason: '倒签迁移' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'effectiveDate', code: 'org.institution.before_current_period' });
    expect((await get(sub)).parentId).toBe(branchC);
  });

  it('refuses a future effective date', async () => {
    const sub = await create('C140', '丙四支行', branchC);
    const s = await get(sub);
    const res = await admin.post(`/api/institutions/${sub}/move`, { version: s.version, parentId: branchD, effectiveDate: isoDay(3), reason: '提前迁移' });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ path: 'effectiveDate', code: 'org.institution.future_date' });
    expect((await get(sub)).parentId).toBe(branchC);
  });

  it('refuses a stale version and a date that does not exist', async () => {
    const sub = await create('C150', '丙五支行', branchC);
    const s = await get(sub);
    const stale = await admin.post(`/api/institutions/${sub}/move`, { version: s.version + 1, parentId: branchD, effectiveDate: isoDay(0), reason: '迁移' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('common.conflict');
    const bad = await admin.post(`/api/institutions/${sub}/move`, { version: s.version, parentId: branchD, effectiveDate: '2025-02-30', reason: '迁移' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toContain('body.effectiveDate');
    expect((await get(sub)).parentId).toBe(branchC);
  });
});

describe('closing and reopening', () => {
  const close = (id: number, version: number, effectiveDate = isoDay(0)) =>
    admin.post(`/api/institutions/${id}/deactivate`, { version, effectiveDate, reason: '撤并' });

  it('refuses to close an institution with active children', async () => {
    const branch = await create('E100', '戊分行', ctx.bank.ho);
    await create('E110', '戊一支行', branch);
    const res = await close(branch, (await get(branch)).version);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('org.institution.has_children');
    expect((await get(branch)).status).toBe('active');
  });

  it('refuses to close an institution where staff belong or are managed, until they leave', async () => {
    const sub = await create('E120', '戊二支行', ctx.bank.branchB);
    const other = await create('E130', '戊三支行', ctx.bank.branchB);
    const homeUser = await ctx.addUser('staff_home', sub, ['primary_manager']);
    const res = await close(sub, (await get(sub)).version);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('org.institution.has_users');

    // A user managed from the institution (home elsewhere) holds it open too.
    const managedUser = await ctx.addUser('staff_managed', other, ['institution_head'], { managingInstitutionId: sub });
    const version = async (id: number) => (await admin.get(`/api/users/${id}`)).json().version as number;
    const leave = (id: number, v: number) => admin.post(`/api/users/${id}/status`, { version: v, status: 'left', effectiveDate: isoDay(0), reason: '离职' });
    expect((await leave(homeUser, await version(homeUser))).statusCode).toBe(200);
    const stillManaged = await close(sub, (await get(sub)).version);
    expect(stillManaged.statusCode).toBe(409);
    expect(stillManaged.json().code).toBe('org.institution.has_users');

    expect((await leave(managedUser, await version(managedUser))).statusCode).toBe(200);
    expect((await close(sub, (await get(sub)).version)).statusCode).toBe(200);
    expect((await get(sub)).status).toBe('inactive');
  });

  it('closes an empty institution (never deletes it) and reopens it, both kept in history', async () => {
    const opened = await admin.post('/api/institutions', { code: 'E140', name: '戊四支行', parentId: ctx.bank.branchB, kind: 'statistical', openedOn: isoDay(-30) });
    expect(opened.statusCode).toBe(201);
    const sub: number = opened.json().id;
    const day = isoDay(-1);
    const before = await get(sub);
    const since = await lastAuditId(ctx);
    const res = await close(sub, before.version, day);
    expect(res.statusCode).toBe(200);
    const closed = await get(sub);
    expect(closed).toMatchObject({ status: 'inactive', closedOn: day, version: before.version + 1 });
    expect(closed.history[0]).toMatchObject({ event: 'deactivate', status: 'inactive', validFrom: day, reason: '撤并' });
    // Closed institutions leave the default (active) list but stay readable.
    const active = (await admin.get('/api/institutions')).json().map((i: Inst) => i.id);
    expect(active).not.toContain(sub);
    const inactive = (await admin.get('/api/institutions?status=inactive')).json().map((i: Inst) => i.id);
    expect(inactive).toContain(sub);
    // Nothing can be opened under a closed institution.
    const under = await admin.post('/api/institutions', { code: 'E141', name: '撤销下级', parentId: sub, kind: 'marketing' });
    expect(under.statusCode).toBe(422);
    expect(under.json().errors[0].code).toBe('org.institution.parent_inactive');

    const reopen = await admin.post(`/api/institutions/${sub}/reactivate`, { version: closed.version, effectiveDate: isoDay(0), reason: '恢复营业' });
    expect(reopen.statusCode).toBe(200);
    const reopened = await get(sub);
    expect(reopened).toMatchObject({ status: 'active', closedOn: null });
    expect(reopened.history.map((h) => h.event)).toEqual(['reactivate', 'deactivate', 'open']);
    expect(reopened.history[0]).toMatchObject({ reason: '恢复营业', validTo: null });
    expect((await auditSince(ctx, since)).map((a) => a.action)).toEqual(['institution.deactivate', 'institution.reactivate']);
  });

  it('takes effect neither in the future nor before the current period began', async () => {
    const opened = isoDay(-5);
    const res = await admin.post('/api/institutions', { code: 'E160', name: '戊六支行', parentId: ctx.bank.branchB, kind: 'statistical', openedOn: opened });
    const id: number = res.json().id;
    const v = (await get(id)).version;
    const early = await close(id, v, isoDay(-6));
    expect(early.statusCode).toBe(422);
    expect(early.json().errors[0]).toMatchObject({ path: 'effectiveDate', code: 'org.institution.before_current_period' });
    const future = await close(id, v, isoDay(2));
    expect(future.statusCode).toBe(422);
    expect(future.json().errors[0]).toMatchObject({ path: 'effectiveDate', code: 'org.institution.future_date' });
    expect((await get(id)).status).toBe('active');

    // Closed on the day it opened is fine; reopening must then be neither earlier nor later than allowed.
    expect((await close(id, v, opened)).statusCode).toBe(200);
    const closed = await get(id);
    const reopenEarly = await admin.post(`/api/institutions/${id}/reactivate`, { version: closed.version, effectiveDate: isoDay(-6), reason: '恢复' });
    expect(reopenEarly.statusCode).toBe(422);
    expect(reopenEarly.json().errors[0].code).toBe('org.institution.before_current_period');
    const reopenLater = await admin.post(`/api/institutions/${id}/reactivate`, { version: closed.version, effectiveDate: isoDay(2), reason: '恢复' });
    expect(reopenLater.statusCode).toBe(422);
    expect(reopenLater.json().errors[0].code).toBe('org.institution.future_date');
    expect((await get(id)).status).toBe('inactive');

    // Every period of the history ends no earlier than it began.
    for (const h of (await get(id)).history) if (h.validTo) expect(h.validTo >= h.validFrom, JSON.stringify(h)).toBe(true);
  });

  it('the head office can be neither moved nor closed', async () => {
    const ho = await get(ctx.bank.ho);
    const move = await admin.post(`/api/institutions/${ho.id}/move`, { version: ho.version, parentId: ctx.bank.branchA, effectiveDate: isoDay(0), reason: '迁移总行' });
    expect(move.statusCode).toBe(422);
    expect(move.json().errors[0].code).toBe('org.institution.root_fixed');
    const closeRes = await close(ho.id, ho.version);
    expect(closeRes.statusCode).toBe(422);
    expect(closeRes.json().errors[0].code).toBe('org.institution.root_fixed');
    const after = await get(ho.id);
    expect(after).toMatchObject({ status: 'active', parentId: null, version: ho.version });
  });

  it('has no delete endpoint', async () => {
    const id = await create('E150', '戊五支行', ctx.bank.branchB);
    const res = await admin.delete(`/api/institutions/${id}`);
    expect(res.statusCode).toBe(404);
    expect((await get(id)).status).toBe('active');
  });
});

describe('changes made by another system (API token)', () => {
  it('are attributed to nobody in the history, never to the user who shares the token’s id', async () => {
    const bystander = await ctx.addUser('bystander', ctx.bank.subB1, ['primary_manager']);
    await sql`select setval(pg_get_serial_sequence('api_token', 'id'), ${bystander - 1})`.execute(ctx.handle.db);
    const issued = await admin.post('/api/api-tokens', { name: 'core-feed', roleIds: [await ctx.roleId('head_office_admin')], managingInstitutionId: ctx.bank.ho });
    expect(issued.json().id).toBe(bystander);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/institutions', headers: { authorization: `Bearer ${issued.json().token}` },
      payload: { code: 'F100', name: '接口分行', parentId: ctx.bank.ho, kind: 'statistical' } });
    expect(res.statusCode, res.body).toBe(201);
    expect((await get(res.json().id)).history[0]).toMatchObject({ event: 'open', changedBy: null });
  });
});

describe('level names (ORG-1)', () => {
  it('lists the four default level names', async () => {
    const res = await admin.get('/api/institution-levels');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual([
      { level: 1, nameZh: '总行', nameEn: 'Head office' },
      { level: 2, nameZh: '分行', nameEn: 'Branch' },
      { level: 3, nameZh: '支行', nameEn: 'Sub-branch' },
      { level: 4, nameZh: '营销团队', nameEn: 'Marketing team' },
    ]);
  });

  it('the head office renames levels for a rural credit union; a branch administrator may not', async () => {
    const defaults = (await admin.get('/api/institution-levels')).json();
    const branchAdmin = await ctx.login('admin_a');
    try {
      const rural = [
        { level: 1, nameZh: '联社', nameEn: 'Union' },
        { level: 2, nameZh: '信用社', nameEn: 'Credit cooperative' },
        { level: 3, nameZh: '网点', nameEn: 'Outlet' },
      ];
      const denied = await branchAdmin.put('/api/institution-levels', { levels: rural });
      expect(denied.statusCode).toBe(403);
      expect(denied.json().code).toBe('org.level.head_office_only');
      expect((await admin.get('/api/institution-levels')).json()).toEqual(defaults);

      const res = await admin.put('/api/institution-levels', { levels: rural });
      expect(res.statusCode).toBe(204);
      const after = (await admin.get('/api/institution-levels')).json();
      expect(after).toEqual([...rural, defaults[3]]);
      expect((await get(ctx.bank.ho)).levelName).toBe('联社');
      expect((await get(ctx.bank.subA1)).levelName).toBe('网点');
    } finally {
      await admin.put('/api/institution-levels', { levels: defaults });
    }
  });
});
