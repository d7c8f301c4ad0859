// What the API does with input written to hurt it: unknown and overlong fields, wrong types,
// absurd ids, SQL and HTML in text, broken and huge bodies. Every refusal is RFC 9457
// problem+json in the caller's language; every accepted string is stored and returned verbatim.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectProblem, type Client, type TestContext } from '../test/harness.ts';

let ctx: TestContext;
let admin: Client;
let reader: Client;

const CJK = /[\u4e00-\u9fff]/;
const SQL_DROP = "'; drop table institution; --";
const SQL_OR = "1' or '1'='1";
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('hostile_admin', ctx.bank.ho, ['head_office_admin']);
  await ctx.addUser('hostile_reader', ctx.bank.ho, ['institution_head']);
  admin = await ctx.login('hostile_admin');
  reader = await ctx.login('hostile_reader');
});
afterAll(() => ctx?.close());

/** The fields a problem names, each once (2⁵³ breaks two rules of one field). */
const paths = (body: { errors?: { path: string }[] }) => [...new Set((body.errors ?? []).map((e) => e.path))];

const institution = (over: Record<string, unknown> = {}) => ({ code: 'H001', name: '正常支行', parentId: ctx.bank.branchA, kind: 'statistical', ...over });

const raw = (method: 'POST' | 'PUT' | 'PATCH', url: string, payload: string, headers: Record<string, string> = {}) =>
  ctx.app.inject({ method, url, payload, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json', ...headers } });

const institutionCount = async () =>
  Number((await ctx.handle.db.selectFrom('institution').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

describe('unknown fields', () => {
  it('refuses a body field the schema does not know, naming it, and creates nothing', async () => {
    const before = await institutionCount();
    const body = expectProblem(await admin.post('/api/institutions', institution({ code: 'H010', isAdmin: true, path: '/1/' })), 400, 'common.validation');
    const unknown = body.errors!.filter((e) => e.code === 'unrecognized_keys');
    expect(unknown.map((e) => e.path).sort()).toEqual(['body.isAdmin', 'body.path']);
    expect(unknown.find((e) => e.path === 'body.isAdmin')!.message).toContain('isAdmin');
    expect(await institutionCount()).toBe(before);
  });

  it('does not let a client set columns the route does not offer (mass assignment)', async () => {
    const id = await ctx.addUser('hostile_target', ctx.bank.subA1, ['institution_head']);
    const before = await ctx.handle.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    for (const extra of [{ status: 'left' }, { passwordHash: 'x' }, { password_hash: 'x' }, { managingInstitutionId: ctx.bank.ho }, { mustChangePassword: false }]) {
      const body = expectProblem(await admin.patch(`/api/users/${id}`, { version: 1, displayName: '改', ...extra }), 400, 'common.validation');
      expect(body.errors!.some((e) => e.message.includes(Object.keys(extra)[0]!))).toBe(true);
    }
    expect(await ctx.handle.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before);
  });

  it('refuses unknown query parameters and unknown login fields', async () => {
    const q = expectProblem(await admin.get('/api/users?isAdmin=1'), 400, 'common.validation');
    expect(paths(q)).toEqual(['querystring.isAdmin']);
    expect(q.errors![0]!.message).toContain('isAdmin');
    const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'hostile_admin', password: 'x', remember: true } });
    expect(paths(expectProblem(login, 400, 'common.validation'))).toEqual(['body.remember']);
  });
});

describe('overlong strings', () => {
  it('refuses an institution name of 61 characters and accepts 60, counting characters not bytes', async () => {
    const long = expectProblem(await admin.post('/api/institutions', institution({ code: 'H020', name: '长'.repeat(61) })), 400, 'common.validation');
    expect(long.errors).toEqual([expect.objectContaining({ path: 'body.name', code: 'too_big' })]);
    expect(await ctx.handle.db.selectFrom('institution').select('id').where('code', '=', 'H020').executeTakeFirst()).toBeUndefined();
    const ascii = expectProblem(await admin.post('/api/institutions', institution({ code: 'H020', name: 'x'.repeat(61) })), 400);
    expect(paths(ascii)).toEqual(['body.name']);

    const ok = await admin.post('/api/institutions', institution({ code: 'H021', name: '长'.repeat(60) }));
    expect(ok.statusCode).toBe(201);
    expect((await admin.get(`/api/institutions/${ok.json().id}`)).json().name).toBe('长'.repeat(60));
  });

  it('refuses a username of 33 characters when creating a user and when signing in', async () => {
    const create = expectProblem(await admin.post('/api/users', {
      username: 'u'.repeat(33), displayName: 'x', homeInstitutionId: ctx.bank.subA1, managingInstitutionId: ctx.bank.subA1,
    }), 400, 'common.validation');
    expect(paths(create)).toEqual(['body.username']);
    const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'u'.repeat(33), password: 'x' } });
    expect(paths(expectProblem(login, 400, 'common.validation'))).toEqual(['body.username']);
    const longQ = expectProblem(await admin.get(`/api/users?q=${'q'.repeat(41)}`), 400, 'common.validation');
    expect(paths(longQ)).toEqual(['querystring.q']);
  });
});

describe('wrong types', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['string for number', { parentId: '5' }, 'body.parentId', /received string/],
    ['number for string', { name: 12345 }, 'body.name', /received number/],
    ['array for string', { name: ['正常支行'] }, 'body.name', /received array/],
    ['object for number', { parentId: { $gt: 0 } }, 'body.parentId', /received object/],
    ['null for string', { name: null }, 'body.name', /received null/],
    ['boolean for number', { parentId: true }, 'body.parentId', /received boolean/],
  ];
  for (const [label, over, path, received] of cases) {
    it(`refuses ${label} with 400 on ${path}, saying what was received`, async () => {
      const before = await institutionCount();
      const body = expectProblem(await admin.post('/api/institutions', institution({ code: 'H030', ...over }), { 'x-crm-lang': 'en-US' }), 400, 'common.validation');
      expect(paths(body)).toEqual([path]);
      expect(body.errors![0]!.message).toMatch(received);
      expect(await institutionCount()).toBe(before);
    });
  }

  it('refuses a body that is not an object', async () => {
    for (const payload of ['[1,2]', '"text"', '42', 'null']) {
      const res = await raw('POST', '/api/institutions', payload);
      expect(res.statusCode, payload).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(paths(expectProblem(await raw('POST', '/api/institutions', '[1,2]'), 400, 'common.validation'))).toEqual(['body']);
  });
});

describe('ids in the URL', () => {
  it('refuses non-numeric, negative, fractional, zero and out-of-range ids with 400 on params.id', async () => {
    for (const id of ['abc', '-1', '1.5', '0', '2147483648', '99999999999999999999', '1%20or%201%3D1', `1'%3B--`]) {
      const body = expectProblem(await admin.get(`/api/institutions/${id}`), 400, 'common.validation');
      expect(paths(body).length, id).toBeGreaterThan(0);
      for (const p of paths(body)) expect(p, id).toBe('params.id');
    }
    expect(paths(expectProblem(await admin.patch('/api/users/abc', { version: 1 }), 400))).toEqual(['params.id']);
    expect(paths(expectProblem(await admin.post('/api/users/1e400/unlock'), 400))).toEqual(['params.id']);
    // The largest id the column holds is valid input, and simply not found.
    expectProblem(await admin.get('/api/institutions/2147483647'), 404, 'common.not_found');
  });
});

describe('ids in bodies and query strings', () => {
  // The same rule as in the URL (common/id.ts): past 2³¹ − 1 an integer id would reach the
  // database as an out-of-range error, a 500; it is a 400 on the field instead, and nothing changes.
  const BAD = [2147483648, 2 ** 53, -1, 0, 1.5, '7', null];

  it('refuses out-of-range, negative, zero, fractional and non-numeric ids in a body, naming the field (also inside an array of ids)', async () => {
    const before = await institutionCount();
    const userId = (await admin.get('/api/users?q=hostile_reader')).json().items[0].id as number;
    const userRoles = async () => (await ctx.handle.db.selectFrom('user_role').select('role_id').where('user_id', '=', userId).execute()).length;
    const rolesBefore = await userRoles();
    for (const bad of BAD) {
      const label = String(bad);
      expect(paths(expectProblem(await admin.post('/api/institutions', institution({ code: 'H040', parentId: bad })), 400, 'common.validation')), label).toEqual(['body.parentId']);
      expect(paths(expectProblem(await admin.put(`/api/users/${userId}/roles`, { roleIds: [await ctx.roleId('auditor'), bad] }), 400, 'common.validation')), label).toEqual(['body.roleIds.1']);
      expect(paths(expectProblem(await admin.post('/api/api-tokens', { name: 'ids', roleIds: [], managingInstitutionId: bad }), 400, 'common.validation')), label).toEqual(['body.managingInstitutionId']);
      const user = { username: 'ids_user', displayName: '编号', homeInstitutionId: ctx.bank.ho, managingInstitutionId: bad };
      expect(paths(expectProblem(await admin.post('/api/users', user), 400, 'common.validation')), label).toEqual(['body.managingInstitutionId']);
    }
    // bigint-keyed records end at 2⁵³ − 1, the largest integer a JSON number carries exactly.
    const blacklist = { listKind: 'internal', reason: '测试', source: '本行', listedOn: '2025-01-02' };
    await ctx.addUser('hostile_clerk', ctx.bank.ho, ['data_review_clerk']);
    const clerk = await ctx.login('hostile_clerk');
    expect(paths(expectProblem(await clerk.post('/api/blacklist', { ...blacklist, customerId: 2 ** 53 }), 400, 'common.validation'))).toEqual(['body.customerId']);
    expect(await institutionCount()).toBe(before);
    expect(await userRoles()).toBe(rolesBefore);
    expect(await ctx.handle.db.selectFrom('app_user').select('id').where('username', '=', 'ids_user').executeTakeFirst()).toBeUndefined();

    // The largest id the column holds is valid input, and simply not found.
    expectProblem(await admin.post('/api/institutions', institution({ code: 'H041', parentId: 2147483647 })), 404, 'common.not_found');
    expectProblem(await admin.put(`/api/users/${userId}/roles`, { roleIds: [2147483647] }), 422, 'common.validation');
  });

  it('refuses them in a query string too, with 400 on querystring.<field>, in zh-CN and English', async () => {
    for (const bad of ['2147483648', '99999999999999999999', '-1', '0', '1.5', 'abc', '1%20or%201%3D1']) {
      for (const [c, url] of [[admin, `/api/users?institutionId=${bad}`], [admin, `/api/users?roleId=${bad}`], [reader, `/api/customers?institutionId=${bad}`]] as const) {
        const field = url.slice(url.indexOf('?') + 1, url.indexOf('='));
        expect(paths(expectProblem(await c.get(url), 400, 'common.validation')), url).toEqual([`querystring.${field}`]);
      }
    }
    const zh = expectProblem(await admin.get('/api/users?roleId=2147483648'), 400, 'common.validation');
    expect(zh.errors![0]!.message).toMatch(CJK);
    const en = expectProblem(await admin.get('/api/users?roleId=2147483648', { 'x-crm-lang': 'en-US' }), 400, 'common.validation');
    expect(en.errors![0]!.message).not.toMatch(CJK);
    expect(en.errors![0]!.message).toContain('2147483647');
    expect((await admin.get('/api/users?roleId=2147483647')).json().items).toEqual([]);
  });
});

describe('SQL in text', () => {
  it('stores SQL in names as plain text and finds it again by searching for it', async () => {
    const res = await admin.post('/api/institutions', institution({ code: 'H040', name: SQL_DROP }));
    expect(res.statusCode).toBe(201);
    const id = res.json().id as number;
    expect((await admin.get(`/api/institutions/${id}`)).json().name).toBe(SQL_DROP);

    const found = await admin.get(`/api/institutions?q=${encodeURIComponent(SQL_DROP)}`);
    expect(found.statusCode).toBe(200);
    expect(found.json().map((i: { id: number }) => i.id)).toEqual([id]);
    for (const q of [SQL_OR, '1 or 1=1', "' or ''='", '%', '_']) {
      const r = await admin.get(`/api/institutions?status=all&q=${encodeURIComponent(q)}`);
      expect(r.statusCode, q).toBe(200);
      expect(r.json(), q).toEqual([]);
    }
    expect(await institutionCount()).toBeGreaterThan(7);
  });

  it('treats SQL and LIKE wildcards in the user search as text', async () => {
    const id = await ctx.addUser('robert', ctx.bank.subA1, ['institution_head']);
    await ctx.handle.db.updateTable('app_user').set({ display_name: "Robert'); drop table students;--" }).where('id', '=', id).execute();
    const hit = await admin.get(`/api/users?q=${encodeURIComponent("Robert');")}`);
    expect(hit.statusCode).toBe(200);
    expect(hit.json().items.map((u: { id: number }) => u.id)).toEqual([id]);
    for (const q of [SQL_OR, '1 or 1=1', '%', '\\']) {
      const r = await admin.get(`/api/users?q=${encodeURIComponent(q)}`);
      expect(r.statusCode, q).toBe(200);
      expect(r.json().total, q).toBe(0);
    }
    // '_' is a literal underscore, not "any one character".
    const all = await ctx.handle.db.selectFrom('app_user').select(['id', 'username', 'display_name']).execute();
    const underscored = all.filter((u) => u.username.includes('_') || u.display_name.includes('_')).map((u) => u.id).sort((a, b) => a - b);
    expect(underscored.length).toBeLessThan(all.length);
    const r = await admin.get('/api/users?q=_&pageSize=200');
    expect(r.json().items.map((u: { id: number }) => u.id).sort((a: number, b: number) => a - b)).toEqual(underscored);
  });

  it('treats SQL in code-table names, item codes in the URL and audit filters as text', async () => {
    expect((await admin.post('/api/code-tables', { code: 'hostile_codes', nameZh: '恶意输入', nameEn: 'Hostile input' })).statusCode).toBe(201);
    expect((await admin.post('/api/code-tables/hostile_codes/items', { code: 'A', nameZh: SQL_DROP, nameEn: SQL_OR })).statusCode).toBe(201);
    expect((await admin.post('/api/code-tables/hostile_codes/items', { code: 'B', nameZh: '乙', nameEn: 'B' })).statusCode).toBe(201);
    expect((await admin.post('/api/code-tables/hostile_codes/items', { code: "A' or '1'='1", nameZh: 'x', nameEn: 'x' })).statusCode).toBe(400);

    const search = await reader.get(`/api/code-tables/hostile_codes/items?q=${encodeURIComponent(SQL_DROP)}`);
    expect(search.statusCode).toBe(200);
    expect(search.json().items.map((i: { code: string; nameZh: string }) => [i.code, i.nameZh])).toEqual([['A', SQL_DROP]]);
    expect((await reader.get(`/api/code-tables/hostile_codes/items?q=${encodeURIComponent(SQL_OR)}`)).json().items.map((i: { code: string }) => i.code)).toEqual(['A']);
    expect((await reader.get(`/api/code-tables/hostile_codes/items?q=${encodeURIComponent('1 or 1=1')}`)).json().total).toBe(0);

    // An item "code" that is SQL matches no item and changes none.
    const patch = await admin.patch(`/api/code-tables/hostile_codes/items/${encodeURIComponent("B' or '1'='1")}`, { nameZh: '被篡改' });
    expectProblem(patch, 404, 'common.not_found');
    const names = (await ctx.handle.db.selectFrom('code_item').select('name_zh').where('table_code', '=', 'hostile_codes').orderBy('code').execute()).map((r) => r.name_zh);
    expect(names).toEqual([SQL_DROP, '乙']);
    expectProblem(await reader.get(`/api/code-tables/${encodeURIComponent("x' or '1'='1")}/items`), 400, 'common.validation');

    await ctx.addUser('hostile_auditor', ctx.bank.ho, ['auditor']);
    const auditor = await ctx.login('hostile_auditor');
    for (const filter of [`actor=${encodeURIComponent(SQL_OR)}`, `entityId=${encodeURIComponent("1' or '1'='1")}`, `entityType=${encodeURIComponent(SQL_DROP)}`]) {
      const r = await auditor.get(`/api/audit?${filter}`);
      expect(r.statusCode, filter).toBe(200);
      expect(r.json().total, filter).toBe(0);
    }
    for (const table of ['institution', 'app_user', 'code_item', 'audit_log'] as const) {
      const n = Number((await ctx.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      expect(n, table).toBeGreaterThan(0);
    }
  });
});

describe('URLs that try to slip past the sign-in', () => {
  it('authenticates by the route that matched, so a percent-encoded path is refused like the plain one', async () => {
    const anon = (method: 'GET' | 'POST', url: string) => ctx.app.inject({ method, url });
    for (const url of ['/%61pi/roles', '/ap%69/permissions', '/%61pi/code-tables', '/%61pi/audit/verify', '/%61pi/calendar?year=2025', '/%61pi/users', '/api/docs/../roles']) {
      expectProblem(await anon('GET', url), 401, 'common.unauthenticated');
    }
    expectProblem(await anon('POST', '/%61pi/auth/logout'), 401, 'common.unauthenticated');
    expectProblem(await ctx.app.inject({ method: 'POST', url: '/%61pi/institutions', headers: { cookie: admin.cookie }, payload: institution({ code: 'H090' }) }), 403, 'common.csrf');
    expect(await ctx.handle.db.selectFrom('institution').select('id').where('code', '=', 'H090').executeTakeFirst()).toBeUndefined();
    // The same request signed in works, so the refusals above are the gate, not a broken route.
    expect((await admin.get('/%61pi/roles')).statusCode).toBe(200);
  });
});

describe('characters and shapes the database or the runtime cannot take', () => {
  it('refuses the NUL character in a body field, a query parameter and a login with 400 on that field, not a database error', async () => {
    const before = await institutionCount();
    const body = expectProblem(await admin.post('/api/institutions', institution({ code: 'H080', name: '支\u0000行' })), 400, 'common.validation');
    expect(body.errors).toEqual([expect.objectContaining({ path: 'body.name', code: 'common.text.control' })]);
    expect(body.errors![0]!.message).toMatch(CJK);
    const en = expectProblem(await admin.post('/api/institutions', institution({ code: 'H080', address: 'x\u0000' }), { 'x-crm-lang': 'en-US' }), 400);
    expect(paths(en)).toEqual(['body.address']);
    expect(en.errors![0]!.message).not.toMatch(CJK);
    expect(await institutionCount()).toBe(before);

    expect(paths(expectProblem(await admin.get('/api/institutions?q=a%00b'), 400, 'common.validation'))).toEqual(['querystring.q']);
    expect(paths(expectProblem(await admin.get('/api/users?q=%00'), 400, 'common.validation'))).toEqual(['querystring.q']);
    const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'hostile_admin\u0000', password: 'x' } });
    expect(paths(expectProblem(login, 400, 'common.validation'))).toEqual(['body.username']);
  });

  it('refuses deeply nested bodies with 400, not a crash', async () => {
    for (const payload of [`{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, `{"name":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}`]) {
      expectProblem(await raw('POST', '/api/institutions', payload), 400);
    }
  });

  it('refuses prototype-pollution keys and leaves Object.prototype alone', async () => {
    const before = await institutionCount();
    for (const extra of ['"__proto__":{"polluted":1}', '"constructor":{"prototype":{"polluted":1}}']) {
      const res = await raw('POST', '/api/institutions', `{"code":"H081","name":"p","parentId":${ctx.bank.branchA},"kind":"statistical",${extra}}`);
      expectProblem(res, 400);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await institutionCount()).toBe(before);
  });
});

describe('HTML and script in text', () => {
  it('stores markup verbatim and returns it as JSON, never as HTML', async () => {
    const res = await admin.post('/api/institutions', institution({ code: 'H050', name: SCRIPT, address: IMG }));
    expect(res.statusCode).toBe(201);
    const id = res.json().id as number;
    const row = await ctx.handle.db.selectFrom('institution').select(['name', 'address']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: SCRIPT, address: IMG });

    for (const url of [`/api/institutions/${id}`, `/api/institutions?q=${encodeURIComponent('<script>')}`]) {
      const got = await admin.get(url);
      expect(got.statusCode).toBe(200);
      expect(got.headers['content-type']).toMatch(/^application\/json/);
      expect(got.headers['x-content-type-options']).toBe('nosniff');
      expect(got.body).toContain(JSON.stringify(SCRIPT).slice(1, -1));
    }
    const one = (await admin.get(`/api/institutions/${id}`)).json();
    expect(one.name).toBe(SCRIPT);
    expect(one.address).toBe(IMG);
    expect(one.fullName).toContain(SCRIPT);

    const userId = await ctx.addUser('markup_user', ctx.bank.subA1, ['institution_head']);
    expect((await admin.patch(`/api/users/${userId}`, { version: 1, displayName: IMG })).statusCode).toBe(200);
    const user = await admin.get(`/api/users/${userId}`);
    expect(user.headers['content-type']).toMatch(/^application\/json/);
    expect(user.json().displayName).toBe(IMG);
  });

  it('keeps markup in error responses inside problem+json', async () => {
    const unknownField = await admin.post('/api/institutions', { ...institution({ code: 'H051' }), [SCRIPT]: 1 });
    const body = expectProblem(unknownField, 400, 'common.validation');
    expect(body.errors![0]!.message).toContain(SCRIPT);
    expect(unknownField.headers['content-type']).not.toContain('html');

    const route = await admin.get(`/api/${encodeURIComponent(SCRIPT)}`);
    expectProblem(route, 404);
    expect(route.headers['content-type']).not.toContain('html');
  });
});

describe('broken and oversized bodies', () => {
  it('answers malformed JSON with 400 problem+json', async () => {
    for (const payload of ['{"code": ', '{code: "H060"}', "{'a': 1}", '{"a":1}}']) {
      expectProblem(await raw('POST', '/api/institutions', payload), 400, 'common.bad_request');
    }
  });

  it('answers a body over 1 MiB with 413 problem+json and stores nothing', async () => {
    const before = await institutionCount();
    const res = await raw('POST', '/api/institutions', JSON.stringify(institution({ code: 'H061', address: 'x'.repeat(1024 * 1024 + 1) })));
    expectProblem(res, 413);
    expect(await institutionCount()).toBe(before);
  });

  it('answers a body of a type the API does not read with a 4xx problem+json', async () => {
    const res = await raw('POST', '/api/institutions', 'code=H062&name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expectProblem(res, res.statusCode);
  });
});

describe('language of messages', () => {
  it('speaks zh-CN by default and English when the UI or the browser asks for it', async () => {
    const bad = institution({ code: 'H070', name: 'x'.repeat(61), extra: 1 });
    const zh = expectProblem(await admin.post('/api/institutions', bad), 400, 'common.validation');
    expect(zh.title).toMatch(CJK);
    for (const e of zh.errors!) expect(e.message).toMatch(CJK);

    for (const headers of [{ 'x-crm-lang': 'en-US' }, { 'accept-language': 'en-US,en;q=0.9' }, { 'x-crm-lang': 'en-US', 'accept-language': 'zh-CN' }] as Record<string, string>[]) {
      const en = expectProblem(await admin.post('/api/institutions', bad, headers), 400, 'common.validation');
      expect(en.title).not.toMatch(CJK);
      for (const e of en.errors!) expect(e.message).not.toMatch(CJK);
      expect(en.errors!.map((e) => e.path).sort()).toEqual(zh.errors!.map((e) => e.path).sort());
    }
    const zhAgain = expectProblem(await admin.post('/api/institutions', bad, { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' }), 400);
    expect(zhAgain.title).toMatch(CJK);
  });

  it('translates every kind of refusal: unauthenticated, forbidden, not found, conflict', async () => {
    const anon = (lang?: string) => ctx.app.inject({ method: 'GET', url: '/api/institutions', headers: lang ? { 'x-crm-lang': lang } : {} });
    expect(expectProblem(await anon(), 401, 'common.unauthenticated').title).toMatch(CJK);
    expect(expectProblem(await anon('en-US'), 401, 'common.unauthenticated').title).not.toMatch(CJK);

    const forbidden = expectProblem(await reader.post('/api/institutions', institution({ code: 'H071' }), { 'x-crm-lang': 'en-US' }), 403, 'common.forbidden');
    expect(forbidden.title).toContain('institution.manage');
    expect(forbidden.title).not.toMatch(CJK);

    const missingZh = expectProblem(await admin.get('/api/institutions/2147483647'), 404, 'common.not_found');
    expect(missingZh.title).toMatch(CJK);
    const missingEn = expectProblem(await admin.get('/api/institutions/2147483647', { 'x-crm-lang': 'en-US' }), 404, 'common.not_found');
    expect(missingEn.title).toContain('institution');
    expect(missingEn.title).not.toMatch(CJK);

    const conflict = expectProblem(await admin.patch(`/api/institutions/${ctx.bank.subA2}`, { version: 99, name: '冲突' }, { 'x-crm-lang': 'en-US' }), 409, 'common.conflict');
    expect(conflict.title).not.toMatch(CJK);
  });
});
