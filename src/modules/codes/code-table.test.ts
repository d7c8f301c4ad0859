// PLAT-6 code tables (数据字典): seeded from the national standards and the requirements' code
// lists, read by every signed-in user, maintained by holders of codetable.manage; items are
// deactivated, never deleted; re-seeding adds what is missing and never undoes a local edit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';
import { AppError } from '../../common/http/errors.ts';
import { assertCode, seedCodeTables } from './code-table.service.ts';

let ctx: TestContext;
let admin: Client;
let reader: Client;

interface Item { code: string; nameZh: string; nameEn: string; parentCode: string | null; level: number | null; active: boolean }
interface ItemPage { table: { code: string; hierarchical: boolean; builtin: boolean }; total: number; items: Item[] }

const items = async (table: string, query = ''): Promise<ItemPage> => {
  const res = await reader.get(`/api/code-tables/${table}/items?pageSize=500${query ? '&' + query : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const codesOf = (p: ItemPage) => p.items.map((i) => i.code);
const range = (from: number, to: number, width = 2) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(width, '0'));

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('hq_admin', ctx.bank.ho, ['head_office_admin']);
  await ctx.addUser('mgr', ctx.bank.teamA1, ['primary_manager']);
  admin = await ctx.login('hq_admin');
  reader = await ctx.login('mgr');
});
afterAll(() => ctx?.close());

describe('seeded tables', () => {
  // The code lists of CIF-10…13, CIF-21 and REL-2, as the requirements give them.
  const REQUIRED: Record<string, string[]> = {
    id_type: [...range(10, 23), '99'],
    gender: ['1', '2'],
    marital_status: ['10', '20', '21', '22', '23', '30', '40', '90'],
    education: ['10', '20', '30', '40', '50', '60', '70', '80', '90', '99'],
    degree: ['0', '1', '2', '3', '4', '9'],
    investor_type: ['10', '20', '30', '40', '50'],
    occupation: ['0', '1', '3', '4', '5', '6', 'X', 'Y', 'Z'],
    employer_nature: range(1, 7),
    professional_title: ['0', '1', '2', '3', '9'],
    residence_status: ['1', '2', '3', '4', '5', '6', '7', '9'],
    contact_method: ['1', '2', '3', '4', '5', '6'],
    registration_type: [...range(0, 9), ...range(10, 15), ...range(20, 24), ...range(30, 35), ...range(40, 41), ...range(50, 51),
      ...range(60, 65), ...range(70, 71), ...range(80, 85), ...range(90, 92), ...range(101, 104, 3), '199'],
    enterprise_nature: range(1, 7),
    relation_role: range(1, 11),
    party_category: ['1', '2'],
  };

  it('lists every table the customer and relationship screens need, each with items', async () => {
    const res = await reader.get('/api/code-tables');
    expect(res.statusCode).toBe(200);
    const tables = new Map(res.json().map((t: { code: string; itemCount: number; builtin: boolean }) => [t.code, t]));
    for (const code of [...Object.keys(REQUIRED), 'division', 'industry', 'country']) {
      expect(tables.get(code), code).toMatchObject({ builtin: true });
      expect((tables.get(code) as { itemCount: number }).itemCount, code).toBeGreaterThan(0);
    }
  });

  it.each(Object.entries(REQUIRED))('%s holds every code of the requirements', async (table, expected) => {
    const page = await items(table);
    expect(page.table.builtin).toBe(true);
    expect(codesOf(page)).toEqual(expect.arrayContaining(expected));
    for (const i of page.items) {
      expect(i.nameZh.trim(), `${table}/${i.code}`).not.toBe('');
      expect(i.active).toBe(true);
    }
  });

  it('names the coded values as the requirements do', async () => {
    const name = async (table: string, code: string) => (await items(table)).items.find((i) => i.code === code)?.nameZh;
    expect(await name('id_type', '10')).toBe('居民身份证');
    expect(await name('gender', '1')).toMatch(/男/);
    expect(await name('gender', '2')).toMatch(/女/);
    expect(await name('occupation', 'X')).toBe('军人');
    expect(await name('party_category', '2')).toBe('自然人');
  });

  it('divisions (GB/T 2260) form a province → city → county chain reached through parent=', async () => {
    const provinces = await items('division', 'level=1');
    expect(provinces.table.hierarchical).toBe(true);
    expect(provinces.total).toBe(34);
    expect(provinces.items.find((i) => i.code === '110000')).toMatchObject({ nameZh: '北京市', parentCode: null, level: 1 });

    const cities = await items('division', 'parent=110000');
    expect(codesOf(cities)).toContain('110100');
    for (const c of cities.items) expect(c).toMatchObject({ parentCode: '110000', level: 2 });

    const counties = await items('division', 'parent=110100');
    expect(counties.items.find((i) => i.code === '110101')).toMatchObject({ nameZh: '东城区', parentCode: '110100', level: 3 });
    for (const c of counties.items) expect(c.code.slice(0, 4)).toBe('1101');
  });

  it('industries (GB/T 4754-2017) hold all four levels: J → 66 → 662 → 6621', async () => {
    const counts = await Promise.all([1, 2, 3, 4].map(async (l) => (await items('industry', `level=${l}`)).total));
    expect(counts).toEqual([20, 97, 473, 1380]);

    const chain = ['J', '66', '662', '6621'];
    for (let i = 1; i < chain.length; i++) {
      const children = await items('industry', `parent=${chain[i - 1]}`);
      const child = children.items.find((c) => c.code === chain[i]);
      expect(child, chain[i]).toMatchObject({ parentCode: chain[i - 1], level: i + 1 });
    }
    const top = await items('industry', 'parent=');
    expect(top.total).toBe(20);
    expect(top.items.find((i) => i.code === 'J')?.nameZh).toBe('金融业');
    expect((await items('industry', 'parent=662')).items.find((i) => i.code === '6621')?.nameZh).toBe('商业银行服务');
  });

  it('countries (GB/T 2659) include China, found by code or by name', async () => {
    expect((await items('country', 'q=chn')).items.map((i) => [i.code, i.nameZh])).toContainEqual(['CHN', '中国']);
    expect(codesOf(await items('country', 'q=China'))).toContain('CHN');
    const all = await items('country');
    expect(all.total).toBeGreaterThanOrEqual(240);
    expect(new Set(codesOf(all)).size).toBe(all.items.length);
  });
});

describe('listing', () => {
  it('searches code, Chinese and English names', async () => {
    const hits = await items('division', `q=${encodeURIComponent('东城')}`);
    expect(codesOf(hits)).toContain('110101');
    for (const i of hits.items) expect(`${i.code} ${i.nameZh} ${i.nameEn}`).toMatch(/东城/);
    expect((await items('division', 'q=110101')).items.map((i) => i.code)).toEqual(['110101']);
    expect((await items('division', 'q=%25')).total).toBe(0);
  });

  it('pages with a stable order and a total', async () => {
    const pages = await Promise.all([1, 2, 3].map(async (p) => {
      const res = await reader.get(`/api/code-tables/industry/items?level=1&pageSize=7&page=${p}`);
      return res.json() as ItemPage;
    }));
    expect(pages.map((p) => p.total)).toEqual([20, 20, 20]);
    expect(pages.map((p) => p.items.length)).toEqual([7, 7, 6]);
    const all = pages.flatMap(codesOf);
    expect(new Set(all).size).toBe(20);
    expect(all).toEqual(codesOf(await items('industry', 'level=1')));
  });

  it('answers 404 for an unknown table', async () => {
    const res = await reader.get('/api/code-tables/no_such_table/items');
    expect(res.statusCode).toBe(404);
  });
});

describe('maintenance (codetable.manage)', () => {
  it('adds an item under a parent of a hierarchical table, one level down', async () => {
    const since = await lastAuditId(ctx);
    const res = await admin.post('/api/code-tables/division/items', { code: '110199', nameZh: '测试新区', nameEn: 'Test district', parentCode: '110100' });
    expect(res.statusCode).toBe(201);
    const child = (await items('division', 'parent=110100')).items.find((i) => i.code === '110199');
    expect(child).toMatchObject({ nameZh: '测试新区', parentCode: '110100', level: 3, active: true });
    expect((await auditSince(ctx, since)).map((a) => [a.action, a.entity_id])).toEqual([['codetable.item.create', 'division:110199']]);

    const orphan = await admin.post('/api/code-tables/division/items', { code: '110198', nameZh: '孤儿区', nameEn: 'Orphan', parentCode: '999999' });
    expect(orphan.statusCode).toBe(422);
    expect(orphan.json().errors[0]).toMatchObject({ path: 'parentCode', code: 'codes.item.unknown' });
  });

  it('refuses a parent on a flat table and a code already in the table', async () => {
    const flat = await admin.post('/api/code-tables/gender/items', { code: '5', nameZh: '其他', nameEn: 'Other', parentCode: '1' });
    expect(flat.statusCode).toBe(422);
    expect(flat.json().errors[0]).toMatchObject({ path: 'parentCode', code: 'codes.item.not_hierarchical' });
    const dup = await admin.post('/api/code-tables/gender/items', { code: '1', nameZh: '男', nameEn: 'Male' });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors[0]).toMatchObject({ path: 'code', code: 'codes.item.code_taken' });
    expect(codesOf(await items('gender'))).not.toContain('5');
  });

  it('adds a bank-defined table and its items', async () => {
    const res = await admin.post('/api/code-tables', { code: 'customer_source', nameZh: '客户来源', nameEn: 'Customer source' });
    expect(res.statusCode).toBe(201);
    expect((await admin.post('/api/code-tables/customer_source/items', { code: '01', nameZh: '网点营销', nameEn: 'Outlet' })).statusCode).toBe(201);
    const page = await items('customer_source');
    expect(page.table).toMatchObject({ code: 'customer_source', hierarchical: false, builtin: false });
    expect(page.items).toEqual([expect.objectContaining({ code: '01', nameZh: '网点营销', level: 1 })]);
    const dup = await admin.post('/api/code-tables', { code: 'customer_source', nameZh: '重复', nameEn: 'Dup' });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().errors[0].code).toBe('codes.table.code_taken');
  });

  it('a deactivated item leaves the default list; includeInactive=true still shows it', async () => {
    expect((await admin.post('/api/code-tables/residence_status/items', { code: '8', nameZh: '临时住所', nameEn: 'Temporary' })).statusCode).toBe(201);
    const before = await items('residence_status');
    expect(codesOf(before)).toContain('8');
    const res = await admin.patch('/api/code-tables/residence_status/items/8', { active: false });
    expect(res.statusCode).toBe(200);
    const after = await items('residence_status');
    expect(codesOf(after)).not.toContain('8');
    expect(after.total).toBe(before.total - 1);
    const all = await items('residence_status', 'includeInactive=true');
    expect(all.items.find((i) => i.code === '8')).toMatchObject({ active: false, nameZh: '临时住所' });
    expect(all.total).toBe(before.total);
  });

  it('answers 404 when changing an item that does not exist', async () => {
    const res = await admin.patch('/api/code-tables/gender/items/77', { nameZh: '无' });
    expect(res.statusCode).toBe(404);
  });

  it('a user without codetable.manage reads but cannot write', async () => {
    expect((await reader.get('/api/code-tables')).statusCode).toBe(200);
    const writes = [
      await reader.post('/api/code-tables/gender/items', { code: '6', nameZh: '越权', nameEn: 'Sneaky' }),
      await reader.patch('/api/code-tables/gender/items/1', { nameZh: '越权' }),
      await reader.post('/api/code-tables', { code: 'sneaky', nameZh: '越权', nameEn: 'Sneaky' }),
    ];
    for (const w of writes) {
      expect(w.statusCode).toBe(403);
      expect(w.json().code).toBe('common.forbidden');
    }
    expect((await items('gender')).items.find((i) => i.code === '1')?.nameZh).not.toBe('越权');
    expect(codesOf(await items('gender'))).not.toContain('6');
  });
});

describe('re-seeding', () => {
  it('changes nothing on a second run and keeps an administrator’s edits', async () => {
    const count = async () => Number((await ctx.handle.db.selectFrom('code_item').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const original = (await items('education')).items.find((i) => i.code === '20')!;
    expect((await admin.patch('/api/code-tables/education/items/20', { nameZh: '本科（含第二学位）', sortOrder: 999 })).statusCode).toBe(200);
    expect((await admin.patch('/api/code-tables/education/items/99', { active: false })).statusCode).toBe(200);
    const tablesBefore = (await reader.get('/api/code-tables')).json();
    const before = await count();

    await seedCodeTables(ctx.handle.db);

    expect(await count()).toBe(before);
    expect((await reader.get('/api/code-tables')).json()).toEqual(tablesBefore);
    const all = await items('education', 'includeInactive=true');
    expect(all.items.find((i) => i.code === '20')).toMatchObject({ nameZh: '本科（含第二学位）', nameEn: original.nameEn, active: true });
    expect(all.items.find((i) => i.code === '99')?.active).toBe(false);
    // The rename moved the item to the end (sort order 999), and re-seeding left it there.
    expect(codesOf(all).at(-1)).toBe('20');
  });

  it('puts back a seeded item that went missing', async () => {
    await ctx.handle.db.deleteFrom('code_item').where('table_code', '=', 'country').where('code', '=', 'ATA').execute();
    expect(codesOf(await items('country', 'q=ATA'))).not.toContain('ATA');
    await seedCodeTables(ctx.handle.db);
    expect(codesOf(await items('country', 'q=ATA'))).toContain('ATA');
  });
});

describe('assertCode (CIF-14)', () => {
  const failure = async (p: Promise<unknown>) => {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  };

  it('accepts an active code and an empty value', async () => {
    await expect(assertCode(ctx.handle.db, 'id_type', '10', 'idType')).resolves.toBeUndefined();
    await expect(assertCode(ctx.handle.db, 'industry', '6621', 'industry')).resolves.toBeUndefined();
    await expect(assertCode(ctx.handle.db, 'id_type', null, 'idType')).resolves.toBeUndefined();
    await expect(assertCode(ctx.handle.db, 'id_type', '', 'idType')).resolves.toBeUndefined();
  });

  it('rejects a code unknown to the table, naming the field', async () => {
    const err = await failure(assertCode(ctx.handle.db, 'id_type', '98', 'idType'));
    expect(err.status).toBe(422);
    expect(err.fieldErrors).toEqual([{ path: 'idType', code: 'codes.item.unknown', params: { table: 'id_type', code: '98' } }]);
    // A code of another table does not count.
    const other = await failure(assertCode(ctx.handle.db, 'gender', 'CHN', 'gender'));
    expect(other.fieldErrors[0]!.code).toBe('codes.item.unknown');
  });

  it('rejects a deactivated code', async () => {
    expect((await admin.post('/api/code-tables/contact_method/items', { code: '7', nameZh: '微信', nameEn: 'WeChat' })).statusCode).toBe(201);
    await expect(assertCode(ctx.handle.db, 'contact_method', '7', 'contactMethod')).resolves.toBeUndefined();
    expect((await admin.patch('/api/code-tables/contact_method/items/7', { active: false })).statusCode).toBe(200);
    const err = await failure(assertCode(ctx.handle.db, 'contact_method', '7', 'contactMethod'));
    expect(err.fieldErrors[0]).toMatchObject({ path: 'contactMethod', code: 'codes.item.unknown' });
  });
});
