// PLAT-1: every change writes one audit row in its own transaction; failures write none; the log
// is append-only and hash-chained, and `crm audit verify` finds the first tampered row.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import { prepareDatabase } from '../../server/bootstrap.ts';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';
import { systemActor } from '../auth/actor.ts';
import { auditInsert, verifyAuditChain, writeAudit } from './audit.service.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let ctx: TestContext;
let admin: Client;
let adminId: number;
let branchAdminA: Client;
let auditorHo: Client;
let userA: number;
let userB: number;

beforeAll(async () => {
  ctx = await createTestContext();
  adminId = await ctx.addUser('audit_admin', ctx.bank.ho, ['head_office_admin']);
  await ctx.addUser('audit_branch_a', ctx.bank.branchA, ['branch_admin']);
  await ctx.addUser('audit_branch_b', ctx.bank.branchB, ['branch_admin']);
  await ctx.addUser('audit_reader_ho', ctx.bank.ho, ['auditor']);
  await ctx.addUser('audit_reader_a', ctx.bank.branchA, ['auditor']);
  userA = await ctx.addUser('audit_user_a', ctx.bank.subA1, ['institution_head']);
  userB = await ctx.addUser('audit_user_b', ctx.bank.subB1, ['institution_head']);
  admin = await ctx.login('audit_admin');
  branchAdminA = await ctx.login('audit_branch_a');
  auditorHo = await ctx.login('audit_reader_ho');
});
afterAll(() => ctx?.close());

const userRow = (id: number) => ctx.handle.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const run = (text: string) => sql.raw(text).execute(ctx.handle.db);

/** Runs one request and returns it with the audit rows it wrote. */
async function audited(fn: () => Promise<LightMyRequestResponse>) {
  const since = await lastAuditId(ctx);
  const res = await fn();
  return { res, rows: await auditSince(ctx, since) };
}

function expectOneRow(res: LightMyRequestResponse, rows: Awaited<ReturnType<typeof auditSince>>, expected: Record<string, unknown>) {
  expect(rows).toHaveLength(1);
  const row = rows[0]!;
  expect(row).toMatchObject({
    actor_kind: 'user', actor_id: adminId, actor_name: 'audit_admin', actor_institution_id: ctx.bank.ho, client_ip: '127.0.0.1', ...expected,
  });
  expect(row.request_id).toBeTruthy();
  expect(row.request_id).toBe(res.headers['x-request-id']);
  expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
  return row;
}

describe('each change writes exactly one audit row', () => {
  it('creating an institution: actor, institution, action, entity, after, client IP and the caller\'s request id', async () => {
    const { res, rows } = await audited(() => admin.post('/api/institutions', { code: 'AU01', name: '审计测试支行', parentId: ctx.bank.branchA, kind: 'statistical' },
      { 'x-request-id': 'audit-test-request-0001' }));
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-request-id']).toBe('audit-test-request-0001');
    const row = expectOneRow(res, rows, { action: 'institution.create', entity_type: 'institution', entity_id: String(res.json().id), request_id: 'audit-test-request-0001' });
    expect(row.before).toBeNull();
    expect(row.after).toMatchObject({ id: res.json().id, code: 'AU01', name: '审计测试支行', parent_id: ctx.bank.branchA });
  });

  it('updating a user: before and after, without the password hash', async () => {
    const u = await ctx.addUser('audit_upd', ctx.bank.subA1, ['institution_head']);
    const { res, rows } = await audited(() => admin.patch(`/api/users/${u}`, { version: 1, displayName: '新名字' }));
    expect(res.statusCode).toBe(200);
    const row = expectOneRow(res, rows, { action: 'user.update', entity_type: 'user', entity_id: String(u) });
    expect(row.before).toMatchObject({ display_name: 'audit_upd', version: 1 });
    expect(row.after).toMatchObject({ display_name: '新名字', version: 2 });
    expect(JSON.stringify([row.before, row.after])).not.toContain('password_hash');
    expect(JSON.stringify([row.before, row.after])).not.toContain((await userRow(u)).password_hash);
  });

  it('setting roles: the role ids before and after', async () => {
    const u = await ctx.addUser('audit_roles', ctx.bank.subA1, ['institution_head']);
    const head = await ctx.roleId('institution_head');
    const assign = await ctx.roleId('customer_assignment');
    const { res, rows } = await audited(() => admin.put(`/api/users/${u}/roles`, { roleIds: [assign, head] }));
    expect(res.statusCode).toBe(200);
    const row = expectOneRow(res, rows, { action: 'user.roles.set', entity_type: 'user', entity_id: String(u) });
    expect(row.before).toEqual({ roleIds: [head] });
    expect(row.after).toEqual({ roleIds: [head, assign].sort((a, b) => a - b) });
  });

  it('marking a calendar day', async () => {
    const day = '2027-03-03'; // a Wednesday outside the seeded years
    expect(new Date(day + 'T00:00:00Z').getUTCDay()).toBe(3);
    const { res, rows } = await audited(() => admin.put(`/api/calendar/${day}`, { kind: 'holiday', name: '审计测试假日' }));
    expect(res.statusCode).toBe(200);
    const row = expectOneRow(res, rows, { action: 'calendar.set', entity_type: 'calendar_day', entity_id: day });
    expect(row.before).toBeNull();
    expect(row.after).toEqual({ day, kind: 'holiday', name: '审计测试假日' });
  });

  it('creating a code item', async () => {
    expect((await admin.post('/api/code-tables', { code: 'audit_codes', nameZh: '审计测试代码', nameEn: 'Audit test codes' })).statusCode).toBe(201);
    const { res, rows } = await audited(() => admin.post('/api/code-tables/audit_codes/items', { code: 'X1', nameZh: '甲', nameEn: 'A' }));
    expect(res.statusCode).toBe(201);
    const row = expectOneRow(res, rows, { action: 'codetable.item.create', entity_type: 'code_item', entity_id: 'audit_codes:X1' });
    expect(row.after).toMatchObject({ table_code: 'audit_codes', code: 'X1', name_zh: '甲', name_en: 'A' });
  });

  it('records the socket address, not a client-supplied X-Forwarded-For, and replaces an unusable request id', async () => {
    const { res, rows } = await audited(() => admin.put('/api/calendar/2027-03-04', { kind: 'holiday', name: '伪造来源' },
      { 'x-forwarded-for': '203.0.113.9', 'x-request-id': 'bad id <script>' }));
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-request-id']).not.toBe('bad id <script>');
    const row = expectOneRow(res, rows, { action: 'calendar.set' });
    expect(row.client_ip).toBe('127.0.0.1');
  });
});

describe('a failed request writes nothing and changes nothing', () => {
  it('validation error (400)', async () => {
    const { res, rows } = await audited(() => admin.post('/api/institutions', { code: 'AU02', name: '长'.repeat(61), parentId: ctx.bank.branchA, kind: 'statistical' }));
    expect(res.statusCode).toBe(400);
    expect(rows).toHaveLength(0);
    expect(await ctx.handle.db.selectFrom('institution').select('id').where('code', '=', 'AU02').executeTakeFirst()).toBeUndefined();
  });

  it('rule violation found by the service (422)', async () => {
    const { res, rows } = await audited(() => admin.post('/api/institutions', { code: 'A100', name: '重复机构号', parentId: ctx.bank.branchA, kind: 'statistical' }));
    expect(res.statusCode).toBe(422);
    expect(rows).toHaveLength(0);
    expect(await ctx.handle.db.selectFrom('institution').select('id').where('name', '=', '重复机构号').executeTakeFirst()).toBeUndefined();
  });

  it('record outside the caller\'s scope (404)', async () => {
    const before = await userRow(userB);
    const { res, rows } = await audited(() => branchAdminA.patch(`/api/users/${userB}`, { version: before.version, displayName: '越权修改' }));
    expect(res.statusCode).toBe(404);
    expect(rows).toHaveLength(0);
    expect(await userRow(userB)).toEqual(before);
  });

  it('stale version (409)', async () => {
    const u = await ctx.addUser('audit_stale', ctx.bank.subA1, ['institution_head']);
    expect((await admin.patch(`/api/users/${u}`, { version: 1, displayName: '第一次' })).statusCode).toBe(200);
    const before = await userRow(u);
    const { res, rows } = await audited(() => admin.patch(`/api/users/${u}`, { version: 1, displayName: '过期的修改' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('common.conflict');
    expect(rows).toHaveLength(0);
    expect(await userRow(u)).toEqual(before);
  });

  it('a database failure in the middle of the change (500): the change is rolled back with its audit row', async () => {
    await run(`create function audit_test_fail() returns trigger language plpgsql as $$ begin raise exception 'simulated failure'; end $$`);
    await run('create trigger audit_test_fail_history before insert on institution_history for each row execute function audit_test_fail()');
    try {
      const { res, rows } = await audited(() => admin.post('/api/institutions', { code: 'AU03', name: '失败的支行', parentId: ctx.bank.branchA, kind: 'statistical' }));
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe('common.internal');
      expect(res.json().title).toContain(res.headers['x-request-id']);
      expect(res.body).not.toContain('simulated failure');
      expect(rows).toHaveLength(0);
      expect(await ctx.handle.db.selectFrom('institution').select('id').where('code', '=', 'AU03').executeTakeFirst()).toBeUndefined();
    } finally {
      await run('drop trigger audit_test_fail_history on institution_history');
      await run('drop function audit_test_fail()');
    }
  });

  it('a failure to write the audit row undoes the change it records', async () => {
    const before = await userRow(userA);
    await run(`create function audit_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'audit write failed'; end $$`);
    await run(`create trigger audit_test_refuse_user before insert on audit_log for each row when (new.action = 'user.update') execute function audit_test_refuse()`);
    try {
      const { res, rows } = await audited(() => admin.patch(`/api/users/${userA}`, { version: before.version, displayName: '无审计的修改' }));
      expect(res.statusCode).toBe(500);
      expect(rows).toHaveLength(0);
      expect(await userRow(userA)).toEqual(before);
    } finally {
      await run('drop trigger audit_test_refuse_user on audit_log');
      await run('drop function audit_test_refuse()');
    }
  });
});

describe('append-only, hash-chained', () => {
  it('refuses UPDATE, DELETE and TRUNCATE on audit_log', async () => {
    const id = await lastAuditId(ctx);
    const before = await ctx.handle.db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await expect(ctx.handle.db.updateTable('audit_log').set({ action: 'tampered' }).where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(ctx.handle.db.deleteFrom('audit_log').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(run('truncate audit_log')).rejects.toThrow(/append-only/);
    expect(await ctx.handle.db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('writers in concurrent transactions each link to the row committed before them (one chain, no fork)', async () => {
    // On PostgreSQL these run on separate sessions and queue on the chain's lock; a writer that read
    // the head under a snapshot taken before its wait would link to the same row as its predecessor.
    const since = await lastAuditId(ctx);
    await Promise.all(Array.from({ length: 12 }, (_, i) => ctx.handle.db.transaction().execute(async (tx) => {
      await sql`select pg_sleep(0.01)`.execute(tx);
      await writeAudit(tx, systemActor(1, '/1/'), { action: 'test.concurrent', entityType: 'test', entityId: i });
    })));
    const rows = await ctx.handle.db.selectFrom('audit_log').select(['id', 'hash', 'prev_hash']).where('id', '>', since).orderBy('id').execute();
    expect(rows).toHaveLength(12);
    const prevs = new Set(rows.map((r) => r.prev_hash));
    expect(prevs.size).toBe(12);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
  });

  it('the hash the insert computes is the one the verifier recomputes, whatever the content holds', async () => {
    // The row's hash is computed by the database around the chain's head (one round trip): Chinese
    // text, an emoji, quotes, a nested prev_hash key and the marker text itself must not move the cut.
    const since = await lastAuditId(ctx);
    await ctx.handle.db.transaction().execute((tx) => writeAudit(tx, { ...systemActor(1, '/1/'), name: '系统"管理"', requestId: '"prev_hash":null,"request_id":' }, {
      action: 'test.hash', entityType: 'test', entityId: '客户/1',
      before: { prev_hash: null, request_id: 'x', note: '"prev_hash":null,"request_id":"y"' }, after: { 名称: '测试😀\n\\', n: 1.5, list: [null, true] },
    }));
    // An entity id the statement itself computes (an id it inserts) is cut out of the hashed text too.
    await ctx.handle.db.transaction().execute((tx) => auditInsert(systemActor(1, '/1/'), { action: 'test.hash_sql_id', entityType: 'test', entityId: sql`'客户' || '/' || (40 + 2)`, after: { x: '"' } }).execute(tx));
    const rows = await ctx.handle.db.selectFrom('audit_log').selectAll().where('id', '>', since).orderBy('id').execute();
    expect(rows.map((r) => [r.action, r.entity_id])).toEqual([['test.hash', '客户/1'], ['test.hash_sql_id', '客户/42']]);
    for (const row of rows) expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verifyAuditChain(ctx.handle.db)).ok).toBe(true);
  });

  it('verifies an intact chain', async () => {
    const result = await verifyAuditChain(ctx.handle.db);
    const { n } = await ctx.handle.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(result).toEqual({ ok: true, checked: Number(n) });
    expect(Number(n)).toBeGreaterThan(5);
    // Small batches walk the same chain.
    expect(await verifyAuditChain(ctx.handle.db, 3)).toEqual({ ok: true, checked: Number(n) });
  });

  const middleRow = async () => {
    const ids = (await ctx.handle.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(4);
    const i = Math.floor(ids.length / 2);
    return { id: ids[i]!, next: ids[i + 1]!, before: i };
  };
  const unguarded = async (fn: () => Promise<unknown>) => {
    await run('alter table audit_log disable trigger audit_log_no_update');
    try { await fn(); } finally { await run('alter table audit_log enable trigger audit_log_no_update'); }
  };

  it('reports an edited row as the first broken one (content)', async () => {
    const { id, before } = await middleRow();
    const original = await ctx.handle.db.selectFrom('audit_log').select('after').where('id', '=', id).executeTakeFirstOrThrow();
    await unguarded(() => ctx.handle.db.updateTable('audit_log').set({ after: JSON.stringify({ tampered: true }) }).where('id', '=', id).execute());
    try {
      expect(await verifyAuditChain(ctx.handle.db)).toEqual({ ok: false, checked: before, firstBroken: { id, reason: 'content' } });
      expect(await verifyAuditChain(ctx.handle.db, 2)).toEqual({ ok: false, checked: before, firstBroken: { id, reason: 'content' } });
      const api = await auditorHo.get('/api/audit/verify');
      expect(api.json()).toEqual({ ok: false, checked: before, firstBroken: { id, reason: 'content' } });
    } finally {
      await unguarded(() => ctx.handle.db.updateTable('audit_log').set({ after: original.after === null ? null : JSON.stringify(original.after) }).where('id', '=', id).execute());
    }
    expect((await verifyAuditChain(ctx.handle.db)).ok).toBe(true);
  });

  it('reports a deleted row as a broken link at the next row', async () => {
    const { id, next, before } = await middleRow();
    const saved = await ctx.handle.db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    await unguarded(() => ctx.handle.db.deleteFrom('audit_log').where('id', '=', id).execute());
    try {
      expect(await verifyAuditChain(ctx.handle.db)).toEqual({ ok: false, checked: before, firstBroken: { id: next, reason: 'link' } });
    } finally {
      const json = (v: unknown) => (v === null ? null : JSON.stringify(v));
      await run(`insert into audit_log (id, occurred_at, actor_kind, actor_id, actor_name, actor_institution_id, action, entity_type, entity_id, before, after, client_ip, request_id, prev_hash, hash)
        overriding system value values (${[saved.id, new Date(saved.occurred_at).toISOString(), saved.actor_kind, saved.actor_id, saved.actor_name, saved.actor_institution_id,
          saved.action, saved.entity_type, saved.entity_id, json(saved.before), json(saved.after), saved.client_ip, saved.request_id, saved.prev_hash, saved.hash]
          .map((v) => (v === null ? 'null' : `'${String(v).replace(/'/g, "''")}'`)).join(', ')})`);
    }
    expect((await verifyAuditChain(ctx.handle.db)).ok).toBe(true);
  });
});

describe('crm audit verify (CLI)', () => {
  const cli = (dataDir: string) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CRM_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    const child = spawn('npx', ['tsx', 'src/cli.ts', 'audit', 'verify'], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

  it('exits 0 with "intact" on a good chain, and 1 naming the tampered row after an edit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-audit-cli-'));
    const open = () => openDatabase({ kind: 'pglite', dataDir: join(dir, 'pg') });
    try {
      let h: DatabaseHandle = await open();
      await prepareDatabase(h);
      await h.db.transaction().execute(async (tx) => {
        for (let i = 1; i <= 5; i++) await writeAudit(tx, systemActor(1, '/1/'), { action: 'cli.test', entityType: 'test', entityId: i, after: { i } });
      });
      const ids = (await h.db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
      await h.close();

      const good = await cli(dir);
      expect(good.code, good.stderr).toBe(0);
      expect(good.stdout).toContain('intact');
      expect(good.stdout).toContain(String(ids.length));

      const target = ids[2]!;
      h = await open();
      await h.exclusive(async (s) => {
        await s.run('alter table audit_log disable trigger audit_log_no_update');
        await s.run(`update audit_log set after = '{"i": 99}' where id = ${target}`);
        await s.run('alter table audit_log enable trigger audit_log_no_update');
      });
      await h.close();

      const bad = await cli(dir);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(new RegExp(`BROKEN at row ${target}\\b`));
      expect(bad.stdout).not.toContain('intact');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reading the log (GET /api/audit)', () => {
  const count = async (where: (q: ReturnType<typeof base>) => ReturnType<typeof base>) =>
    Number((await where(base()).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const base = () => ctx.handle.db.selectFrom('audit_log');

  it('filters by actor, action prefix and entity', async () => {
    const u = await ctx.addUser('audit_filter', ctx.bank.subA1, ['institution_head']);
    expect((await admin.patch(`/api/users/${u}`, { version: 1, displayName: '筛选' })).statusCode).toBe(200);
    expect((await admin.put(`/api/users/${u}/roles`, { roleIds: [await ctx.roleId('customer_assignment')] })).statusCode).toBe(200);

    const byActor = (await auditorHo.get('/api/audit?actor=audit_admin&pageSize=200')).json();
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((i: { actorName: string }) => i.actorName === 'audit_admin')).toBe(true);
    expect(byActor.total).toBe(await count((q) => q.where('actor_name', '=', 'audit_admin')));

    const byAction = (await auditorHo.get('/api/audit?action=user.&pageSize=200')).json();
    const actions = new Set(byAction.items.map((i: { action: string }) => i.action));
    expect(actions).toContain('user.update');
    expect(actions).toContain('user.roles.set');
    expect([...actions].every((a) => (a as string).startsWith('user.'))).toBe(true);
    expect(byAction.total).toBe(await count((q) => q.where('action', 'like', 'user.%')));

    const byEntity = (await auditorHo.get(`/api/audit?entityType=user&entityId=${u}`)).json();
    expect(byEntity.items.map((i: { action: string }) => i.action)).toEqual(['user.roles.set', 'user.update', 'user.create']);
    expect(byEntity.items.every((i: { entityType: string; entityId: string }) => i.entityType === 'user' && i.entityId === String(u))).toBe(true);

    const page = (await auditorHo.get(`/api/audit?entityType=user&entityId=${u}&pageSize=1&page=2`)).json();
    expect(page.total).toBe(3);
    expect(page.items.map((i: { action: string }) => i.action)).toEqual(['user.update']);
  });

  it('names the objects of the rows it returns: users, roles, institutions; a removed one keeps its number only', async () => {
    const u = await ctx.addUser('audit_named', ctx.bank.subA1, ['institution_head']);
    expect((await admin.patch(`/api/users/${u}`, { version: 1, displayName: '名字𠮷<b>' })).statusCode).toBe(200);
    const rows = (await auditorHo.get(`/api/audit?entityType=user&entityId=${u}`)).json().items;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((i: { entityName: string }) => i.entityName === '名字𠮷<b> (audit_named)')).toBe(true);
    const role = await ctx.roleId('customer_assignment');
    const inst = await ctx.handle.db.selectFrom('institution').select(['code', 'name']).where('id', '=', ctx.bank.subA1).executeTakeFirstOrThrow();
    await ctx.handle.db.transaction().execute((tx) => writeAudit(tx, ctx.system, { action: 'test.names', entityType: 'role', entityId: role }));
    await ctx.handle.db.transaction().execute((tx) => writeAudit(tx, ctx.system, { action: 'test.names', entityType: 'institution', entityId: ctx.bank.subA1 }));
    await ctx.handle.db.transaction().execute((tx) => writeAudit(tx, ctx.system, { action: 'test.names', entityType: 'user', entityId: 999_999_999 }));
    await ctx.handle.db.transaction().execute((tx) => writeAudit(tx, ctx.system, { action: 'test.names', entityType: 'user', entityId: 'not-a-number' }));
    const named = (await auditorHo.get('/api/audit?action=test.names&pageSize=10')).json().items
      .map((i: { entityType: string; entityId: string; entityName: string | null }) => [i.entityType, i.entityId, i.entityName]);
    expect(named).toEqual([
      ['user', 'not-a-number', null],
      ['user', '999999999', null],
      ['institution', String(ctx.bank.subA1), `${inst.code} ${inst.name}`],
      ['role', String(role), '客户分配岗 / Customer assignment'],
    ]);
  });

  it('treats LIKE wildcards in the action filter as plain characters', async () => {
    expect((await auditorHo.get('/api/audit?action=%25')).json().total).toBe(0);
    expect((await auditorHo.get('/api/audit?action=user_')).json().total).toBe(0);
    expect((await auditorHo.get('/api/audit?action=_ser.')).json().total).toBe(0);
  });

  it('filters by time', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect((await auditorHo.get(`/api/audit?from=${encodeURIComponent(future)}`)).json().total).toBe(0);
    const past = new Date(Date.now() - 86_400_000).toISOString();
    expect((await auditorHo.get(`/api/audit?to=${encodeURIComponent(past)}`)).json().total).toBe(0);
  });

  it('shows a branch auditor only the rows of actors whose home institution is in the branch', async () => {
    const branchAdminB = await ctx.login('audit_branch_b');
    const a = await branchAdminA.patch(`/api/users/${userA}`, { version: (await userRow(userA)).version, displayName: '甲行修改' });
    expect(a.statusCode).toBe(200);
    const b = await branchAdminB.patch(`/api/users/${userB}`, { version: (await userRow(userB)).version, displayName: '乙行修改' });
    expect(b.statusCode).toBe(200);

    const auditorA = await ctx.login('audit_reader_a');
    const seen = (await auditorA.get('/api/audit?pageSize=200')).json();
    const subtree = (await ctx.handle.db.selectFrom('institution').select('id').where('path', 'like', `%/${ctx.bank.branchA}/%`).execute()).map((r) => r.id);
    expect(seen.items.length).toBeGreaterThan(0);
    for (const item of seen.items) expect(subtree).toContain(item.actorInstitutionId);
    const requestIds = seen.items.map((i: { requestId: string }) => i.requestId);
    expect(requestIds).toContain(a.headers['x-request-id']);
    expect(requestIds).not.toContain(b.headers['x-request-id']);
    expect(seen.total).toBe(await count((q) => q.where('actor_institution_id', 'in', subtree)));

    const all = (await auditorHo.get('/api/audit?pageSize=200&action=user.update')).json().items.map((i: { requestId: string }) => i.requestId);
    expect(all).toContain(a.headers['x-request-id']);
    expect(all).toContain(b.headers['x-request-id']);
  });
});
