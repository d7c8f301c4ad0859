// The text rule (common/text.ts) and the other input-hygiene rules of issue 11 through the HTTP API:
// hidden characters refused in every name, address and code field with the field's path and the
// character named, line breaks only where a text area is, NFC for what stays, amounts that cannot
// be negative, prototype keys named, and the spreadsheet's apostrophe dropped as the import drops it.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../test/harness.ts';
import { creditCode, residentId } from '../modules/customers/import/import.test-helpers.ts';

let ctx: TestContext;
let admin: Client;
let clerk: Client;
const CJK = /[\u4e00-\u9fff]/;

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('text_admin', ctx.bank.ho, ['head_office_admin']);
  await ctx.addUser('text_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  admin = await ctx.login('text_admin');
  clerk = await ctx.login('text_clerk');
});
afterAll(() => ctx?.close());

type Problem = { code: string; errors?: { path: string; code: string; message: string }[] };
function refused(res: LightMyRequestResponse, status = 400): Problem {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res.json();
}
const errorsOf = (p: Problem) => (p.errors ?? []).map((e) => [e.path, e.code]);
const count = async (table: 'customer' | 'institution' | 'code_item') =>
  Number((await ctx.handle.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

let seq = 100;
const person = (over: Record<string, unknown> = {}) => ({ kind: 'personal', name: '王芳', identities: [{ idType: '10', idNumber: residentId('19850505', String(seq++)) }], ...over });
const company = (over: Record<string, unknown> = {}) => ({ kind: 'corporate', name: '青岛海纳贸易有限公司', creditCode: creditCode(60000 + seq++), ...over });

// Each refused character, the field it is put in, and the code that names its class.
const HIDDEN: [string, string, string][] = [
  ['\u202E', 'right-to-left override', 'common.text.bidi_control'],
  ['\u061C', 'Arabic letter mark', 'common.text.bidi_control'],
  ['\u200E', 'left-to-right mark', 'common.text.bidi_control'],
  ['\u2066', 'left-to-right isolate', 'common.text.bidi_control'],
  ['\u200B', 'zero-width space', 'common.text.invisible'],
  ['\u200D', 'zero-width joiner', 'common.text.invisible'],
  ['\u2060', 'word joiner', 'common.text.invisible'],
  ['\uFEFF', 'byte order mark', 'common.text.invisible'],
  ['\u180E', 'Mongolian vowel separator', 'common.text.invisible'],
  ['\u00AD', 'soft hyphen', 'common.text.invisible'],
  ['\u3164', 'Hangul filler', 'common.text.invisible'],
  ['\u0007', 'bell (C0)', 'common.text.control'],
  ['\u0085', 'next line (C1)', 'common.text.control'],
  ['\uD800', 'unpaired surrogate', 'common.text.unpaired_surrogate'],
];

describe('hidden characters', () => {
  for (const [char, label, code] of HIDDEN) {
    it(`refuses the ${label} in a customer's name, address and code fields and an institution's name, creating nothing`, async () => {
      const before = [await count('customer'), await count('institution')];
      const p = refused(await clerk.post('/api/customers', person({ name: `张${char}三`, homeAddress: `青岛${char}市南区`, nationality: `C${char}HN` })));
      expect(p.code).toBe('common.validation');
      expect(errorsOf(p).sort()).toEqual([['body.homeAddress', code], ['body.name', code], ['body.nationality', code]]);
      const hex = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      expect(p.errors![0]!.message).toContain(`U+${hex}`);
      expect(p.errors![0]!.message).toMatch(CJK);
      const corp = refused(await clerk.post('/api/customers', company({ registeredAddress: `山${char}东` }), { 'x-crm-lang': 'en-US' }));
      expect(errorsOf(corp)).toEqual([['body.registeredAddress', code]]);
      expect(corp.errors![0]!.message).not.toMatch(CJK);
      const inst = refused(await admin.post('/api/institutions', { code: 'T001', name: `支${char}行`, parentId: ctx.bank.branchA, kind: 'statistical' }));
      expect(errorsOf(inst)).toEqual([['body.name', code]]);
      expect([await count('customer'), await count('institution')]).toEqual(before);
    });
  }

  it('refuses them on a change, in identity numbers, code-table names and search terms, leaving the customer as it was', async () => {
    const created = await clerk.post('/api/customers', person({ homeAddress: '青岛市市南区' }));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    const before = (await clerk.get(`/api/customers/${id}`)).json();
    const patch = refused(await clerk.patch(`/api/customers/${id}`, { version: before.version, name: '王\u200B芳', homeAddress: '\u202E区南市市岛青' }));
    expect(errorsOf(patch).sort()).toEqual([['body.homeAddress', 'common.text.bidi_control'], ['body.name', 'common.text.invisible']]);
    expect((await clerk.get(`/api/customers/${id}`)).json()).toEqual(before);
    const doc = refused(await clerk.post('/api/customers', person({ identities: [{ idType: '10', idNumber: `${residentId('19850505', '990')}\u200B` }] })));
    expect(errorsOf(doc)).toEqual([['body.identities.0.idNumber', 'common.text.invisible']]);
    expect((await admin.post('/api/code-tables', { code: 'text_rule', nameZh: '规则', nameEn: 'Rule' })).statusCode).toBe(201);
    const item = refused(await admin.post('/api/code-tables/text_rule/items', { code: 'A', nameZh: '甲\u2067', nameEn: 'A' }));
    expect(errorsOf(item)).toEqual([['body.nameZh', 'common.text.bidi_control']]);
    expect(errorsOf(refused(await clerk.get(`/api/customers?q=${encodeURIComponent('王\u200B')}`)))).toEqual([['querystring.q', 'common.text.invisible']]);
  });
});

describe('line breaks and tabs', () => {
  it('refuses them in one-line fields and keeps them in a reason typed in a text area', async () => {
    const p = refused(await clerk.post('/api/customers', person({ name: '王\n芳', homeAddress: '青岛\t市南区' })));
    expect(errorsOf(p).sort()).toEqual([['body.homeAddress', 'common.text.control'], ['body.name', 'common.text.control']]);
    expect(p.errors!.find((e) => e.path === 'body.name')!.message).toContain('U+000A');
    const scope = await clerk.post('/api/customers', company({ businessScope: '批发\n零售' }));
    expect(scope.statusCode, scope.body).toBe(201);
    expect((await ctx.handle.db.selectFrom('corporate_customer').select('business_scope').where('customer_id', '=', scope.json().id).executeTakeFirstOrThrow()).business_scope).toBe('批发\n零售');
    const id = (await clerk.post('/api/customers', person())).json().id as number;
    const remove = (reason: string) => ctx.app.inject({ method: 'DELETE', url: `/api/customers/${id}`, payload: { reason },
      headers: { cookie: clerk.cookie, 'x-csrf-token': clerk.csrf } });
    expect(errorsOf(refused(await remove('客户要求\u202E户销')))).toEqual([['body.reason', 'common.text.bidi_control']]);
    // The deletion is a request under review: the reason is kept verbatim in the request.
    const del = await remove('客户要求\r\n\t销户');
    expect(del.statusCode, del.body).toBe(202);
    const row = await ctx.handle.db.selectFrom('approval_request').select('payload').where('id', '=', del.json().requestId).executeTakeFirstOrThrow();
    expect(row.payload).toEqual({ customerId: id, reason: '客户要求\r\n\t销户' });
  });
});

describe('what stays accepted', () => {
  const names = ['𠮷𡈼', '阿依古丽·买买提', '阿依古丽・买买提', '阿依古丽•买买提', 'ＡＢＣ（中国）有限公司', 'José Müller-Lüdenscheidt', "O'Brien", '王 芳', '\uE000姓'];
  it('stores rare characters outside the BMP, middle dots as typed, full-width text and private-use characters verbatim', async () => {
    for (const name of names) {
      const res = await clerk.post('/api/customers', person({ name }));
      expect(res.statusCode, `${name}: ${res.body}`).toBe(201);
      expect((await clerk.get(`/api/customers/${res.json().id}`)).json().name).toBe(name);
    }
  });

  /** Opens a personal customer and returns its name and home address as stored. */
  async function stored(name: string, homeAddress: string) {
    const res = await clerk.post('/api/customers', person({ name, homeAddress }));
    expect(res.statusCode, res.body).toBe(201);
    return ctx.handle.db.selectFrom('customer').innerJoin('personal_customer', 'customer_id', 'id')
      .select(['name', 'home_address']).where('id', '=', res.json().id).executeTakeFirstOrThrow();
  }

  it('trims whitespace, line breaks and a stray BOM at the ends, as before, rather than refusing them', async () => {
    expect(await stored('\uFEFF 王芳\r\n', '\t青岛市市南区\u3000')).toEqual({ name: '王芳', home_address: '青岛市市南区' });
  });

  it('stores text in NFC, so a decomposed é is the same name as a composed one', async () => {
    expect(await stored('Zoe\u0301 Martin', 'Cafe\u0301 de Flore')).toEqual({ name: 'Zo\u00e9 Martin', home_address: 'Caf\u00e9 de Flore' });
  });
});

describe('amounts and counts that cannot be negative', () => {
  it('refuses negative incomes, expenses, family size and capital with a field error each, creating nothing', async () => {
    const before = await count('customer');
    const p = refused(await clerk.post('/api/customers', person({ monthlyIncome: '-1.00', familyMonthlyIncome: -5, monthlyFixedExpense: '-0.01', familySize: -1, dependents: -2 })));
    expect(errorsOf(p).sort()).toEqual(['body.dependents', 'body.familyMonthlyIncome', 'body.familySize', 'body.monthlyFixedExpense', 'body.monthlyIncome'].map((f) => [f, 'common.negative']));
    expect(p.errors![0]!.message).toBe('不能为负数');
    const c = refused(await clerk.post('/api/customers', company({ registeredCapital: '-1000000', paidInCapital: '-1' }), { 'x-crm-lang': 'en-US' }));
    expect(errorsOf(c).sort()).toEqual([['body.paidInCapital', 'common.negative'], ['body.registeredCapital', 'common.negative']]);
    expect(c.errors![0]!.message).toBe('Must not be negative');
    expect(await count('customer')).toBe(before);
    const zero = await clerk.post('/api/customers', person({ monthlyIncome: '0.00', familySize: 0 }));
    expect(zero.statusCode, zero.body).toBe(201);
  });
});

describe('prototype keys', () => {
  it('refuses __proto__, constructor and prototype at any depth, naming the key and its path', async () => {
    const before = await count('institution');
    const send = (json: string, lang = 'zh-CN') => ctx.app.inject({ method: 'POST', url: '/api/institutions', payload: json,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'application/json', 'x-crm-lang': lang } });
    const base = `"code":"T002","name":"p","parentId":${ctx.bank.branchA},"kind":"statistical"`;
    const proto = refused(await send(`{${base},"__proto__":{"polluted":1}}`));
    expect(proto.code).toBe('common.validation');
    expect(proto.errors).toEqual([{ path: 'body.__proto__', code: 'common.forbidden_key', message: '不允许的字段名：__proto__' }]);
    const ctor = refused(await send(`{${base},"constructor":{"prototype":{"polluted":1}}}`, 'en-US'));
    expect(ctor.errors).toEqual([{ path: 'body.constructor', code: 'common.forbidden_key', message: 'Field name not allowed: constructor' }]);
    const deep = refused(await send(`{${base},"levels":[{"prototype":1}]}`));
    expect(errorsOf(deep)).toEqual([['body.levels.0.prototype', 'common.forbidden_key']]);
    const query = refused(await admin.get('/api/institutions?__proto__=1'));
    expect(errorsOf(query)).toEqual([['querystring.__proto__', 'common.forbidden_key']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await count('institution')).toBe(before);
  });
});

describe("the spreadsheet's apostrophe", () => {
  it('drops a leading apostrophe before = + - @ as the import does, and keeps any other', async () => {
    const cases: [string, string][] = [["'=1+1", '=1+1'], ["'+86 532", '+86 532'], ["'-", '-'], ["'@home", '@home'], ["''=x", "'=x"], ["O'Brien", "O'Brien"], ["'abc", "'abc"]];
    for (const [sent, stored] of cases) {
      const res = await clerk.post('/api/customers', person({ name: sent }));
      expect(res.statusCode, res.body).toBe(201);
      expect((await ctx.handle.db.selectFrom('customer').select('name').where('id', '=', res.json().id).executeTakeFirstOrThrow()).name, sent).toBe(stored);
    }
  });
});

describe('passwords', () => {
  it('are secrets outside the text rule: a password with a variation selector and a zero-width joiner is set and signs in', async () => {
    await ctx.addUser('text_secret', ctx.bank.ho, ['auditor']);
    const user = await ctx.login('text_secret');
    const secret = 'Herz\u2764\uFE0F\u200D#2026a';
    const changed = await user.post('/api/auth/password', { currentPassword: 'Test#Pass1', newPassword: secret });
    expect(changed.statusCode, changed.body).toBeLessThan(300);
    const again = await ctx.login('text_secret', secret);
    expect(again.cookie).toBeTruthy();
    // The same characters anywhere else in the body are still refused.
    expect(errorsOf(refused(await user.post('/api/auth/password', { currentPassword: secret, newPassword: 'x', note: '\u200D' })))).toEqual([['body.note', 'common.text.invisible']]);
  });
});
