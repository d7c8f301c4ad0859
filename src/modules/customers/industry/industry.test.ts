// CIF-26 industry attributes: one customer on the screen, many from a file (dry run = draft,
// real run = submit), with field history, the modifier and time recorded, and every error by
// row and column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, auditSince, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { creditCode, multipart, readWorkbook, residentId, workbook } from '../import/import.test-helpers.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let clerkA1Id: number;
const corp: { id: number; customerNo: string }[] = [];
let personal: { id: number; customerNo: string };
let corpB: { id: number; customerNo: string };

const upload = (c: Client, url: string, fileName: string, content: Buffer, type?: string) => {
  const m = multipart(fileName, content, type);
  return c.post(url, m.payload, m.headers);
};
const industryOf = (id: number) => ctx.handle.db.selectFrom('corporate_customer')
  .select(['industry_code', 'industrial_zone', 'specialised_market', 'industry_updated_by', 'industry_updated_at']).where('customer_id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  ctx = await createTestContext();
  clerkA1Id = await ctx.addUser('ind_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('ind_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  clerkA1 = await ctx.login('ind_clerk_a1');
  clerkB1 = await ctx.login('ind_clerk_b1');
  for (let i = 0; i < 3; i++) {
    const r = await clerkA1.post('/api/customers', { kind: 'corporate', name: `行业测试公司${i}`, creditCode: creditCode(90001 + i) });
    expect(r.statusCode).toBe(201);
    corp.push(r.json());
  }
  personal = (await clerkA1.post('/api/customers', { kind: 'personal', name: '个人行业', identities: [{ idType: '10', idNumber: residentId('19800101', '901') }] })).json();
  corpB = (await clerkB1.post('/api/customers', { kind: 'corporate', name: '乙行公司', creditCode: creditCode(90101) })).json();
});
afterAll(() => ctx?.close());

describe('one customer', () => {
  it('sets the class, zone and market with history, modifier, time and audit', async () => {
    const since = await lastAuditId(ctx);
    const res = await clerkA1.put(`/api/customers/${corp[0]!.id}/industry`, { industryCode: '6621', industrialZone: '青岛高新区', specialisedMarket: '金融服务' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ changed: true, industryCode: '6621', industryPath: 'J 金融业 / 66 货币金融服务 / 662 货币银行服务 / 6621 商业银行服务' });
    const stored = await industryOf(corp[0]!.id);
    expect(stored).toMatchObject({ industry_code: '6621', industrial_zone: '青岛高新区', specialised_market: '金融服务', industry_updated_by: clerkA1Id });
    expect(stored.industry_updated_at).toBeInstanceOf(Date);
    const history = (await clerkA1.get(`/api/customers/${corp[0]!.id}/history`)).json();
    expect(history.filter((h: { field: string }) => h.field !== '_created').map((h: { field: string; newValue: string; source: string }) => [h.field, h.newValue, h.source]).sort())
      .toEqual([['industrialZone', '青岛高新区', 'screen'], ['industryCode', '6621', 'screen'], ['specialisedMarket', '金融服务', 'screen']]);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['customer.industry.update']);
    const view = (await clerkA1.get(`/api/customers/${corp[0]!.id}`)).json();
    expect(view.fields).toMatchObject({ industryCode: '6621', industrialZone: '青岛高新区' });
    expect(view.version).toBe(2);
    // The same values again change nothing and write no audit row.
    const same = await clerkA1.put(`/api/customers/${corp[0]!.id}/industry`, { industryCode: '6621', industrialZone: '青岛高新区', specialisedMarket: '金融服务', version: 2 });
    expect(same.json()).toMatchObject({ changed: false, version: 2 });
    expect(await auditSince(ctx, since)).toHaveLength(1);
  });

  it('refuses a non-class code, an unknown code, a personal customer, another branch, stale versions and bad input', async () => {
    const url = `/api/customers/${corp[1]!.id}/industry`;
    const group = await clerkA1.put(url, { industryCode: '662' });
    expect([group.statusCode, group.json().errors[0].code, group.json().errors[0].path]).toEqual([422, 'customers.industry.not_class', 'industryCode']);
    expect(group.json().errors[0].message).toContain('小类');
    expect((await clerkA1.put(url, { industryCode: "6'--" })).json().errors[0].code).toBe('codes.item.unknown');
    const person = await clerkA1.put(`/api/customers/${personal.id}/industry`, { industryCode: '6621' });
    expect([person.statusCode, person.json().errors[0].code]).toEqual([422, 'customers.industry.personal']);
    expect((await clerkB1.put(url, { industryCode: '6621' })).statusCode).toBe(404);
    expect((await clerkA1.put(`/api/customers/${corpB.id}/industry`, { industryCode: '6621' })).statusCode).toBe(404);
    expect((await clerkA1.put(url, { industryCode: '6621', version: 99 })).statusCode).toBe(409);
    const long = await clerkA1.put(url, { industryCode: '6621', industrialZone: '区'.repeat(101) });
    expect([long.statusCode, long.json().errors[0].path]).toEqual([400, 'body.industrialZone']);
    expect((await clerkA1.put(url, { industryCode: 6621 })).statusCode).toBe(400);
    expect((await clerkA1.put(url, {})).statusCode).toBe(400);
    expect((await clerkA1.put(url, { industryCode: '6621', extra: 1 })).statusCode).toBe(400);
    expect(await industryOf(corp[1]!.id)).toMatchObject({ industry_code: null, industry_updated_by: null });
  });
});

describe('batch from a file', () => {
  it('previews as a draft, then submits all rows in one transaction with one audit row', async () => {
    const txt = ['客户号\t行业分类\t工业区\t专业市场分类',
      `${corp[1]!.customerNo}\t3311 金属结构制造\t胶州工业园\t<b>钢材</b>`,
      `${corp[2]!.customerNo}\t5191\t\t`].join('\n');
    const dry = await upload(clerkA1, '/api/customers/industry/import?dryRun=true', 'industry.txt', Buffer.from(txt), 'text/plain');
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, dryRun: true, rowCount: 2, changedCount: 2, previewTruncated: false });
    expect(dry.json().preview[0]).toMatchObject({ row: 2, customerNo: corp[1]!.customerNo, name: '行业测试公司1', current: { industryCode: null },
      proposed: { industryCode: '3311', industrialZone: '胶州工业园', specialisedMarket: '<b>钢材</b>' }, changed: true });
    expect(await industryOf(corp[1]!.id)).toMatchObject({ industry_code: null });

    const since = await lastAuditId(ctx);
    const run = await upload(clerkA1, '/api/customers/industry/import?dryRun=false', 'industry.txt', Buffer.from(txt), 'text/plain');
    expect(run.statusCode).toBe(200);
    expect(run.json()).toEqual({ ok: true, dryRun: false, rowCount: 2, changedCount: 2 });
    expect(await industryOf(corp[1]!.id)).toMatchObject({ industry_code: '3311', industrial_zone: '胶州工业园', specialised_market: '<b>钢材</b>', industry_updated_by: clerkA1Id });
    expect(await industryOf(corp[2]!.id)).toMatchObject({ industry_code: '5191', industrial_zone: null });
    const history = await ctx.handle.db.selectFrom('customer_history').select(['customer_id', 'field', 'new_value', 'source'])
      .where('customer_id', 'in', [corp[1]!.id, corp[2]!.id]).where('field', '<>', '_created').orderBy('id').execute();
    expect(history.map((h) => [h.customer_id, h.field, h.new_value, h.source])).toEqual([
      [corp[1]!.id, 'industryCode', '3311', 'import'], [corp[1]!.id, 'industrialZone', '胶州工业园', 'import'], [corp[1]!.id, 'specialisedMarket', '<b>钢材</b>', 'import'],
      [corp[2]!.id, 'industryCode', '5191', 'import'],
    ]);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => [a.action, a.after])).toEqual([['customer.industry.import', { fileName: 'industry.txt', rowCount: 2, changedCount: 2 }]]);
  });

  it('reports every bad row and column and changes nothing', async () => {
    const before = await industryOf(corp[2]!.id);
    const file = await workbook([
      ['客户号', '客户名称', '行业分类', '工业区', '专业市场分类'],
      [corp[2]!.customerNo, '行业测试公司2', '6621', null, null],     // row 2: fine
      [personal.customerNo, null, '6621', null, null],               // row 3: personal
      [corpB.customerNo, null, '6621', null, null],                  // row 4: another branch's
      [corp[2]!.customerNo, null, '6621', null, null],               // row 5: duplicate of row 2
      [corp[0]!.customerNo, null, 'J', '区'.repeat(101), null],      // row 6: section, zone too long
      ["'; drop table customer; --", null, null, null, '市场'.repeat(11)], // row 7: not a number, code missing, market too long
      [corp[1]!.customerNo, null, '6621', '高新\u200B区', '市\n场'],    // row 8: hidden character, line break
    ]);
    const res = await upload(clerkA1, '/api/customers/industry/import?dryRun=true', 'bad.xlsx', file);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [3, 'A', 'customers.industry.personal'],
      [4, 'A', 'customers.industry.customer_unknown'],
      [5, 'A', 'customers.import.duplicate_in_file'],
      [6, 'C', 'customers.industry.not_class'],
      [6, 'D', 'customers.import.too_long'],
      [7, 'A', 'customers.import.too_long'],
      [7, 'C', 'customers.import.required'],
      [7, 'E', 'customers.import.too_long'],
      [8, 'D', 'common.text.invisible'],
      [8, 'E', 'common.text.control'],
    ]);
    const report = await clerkA1.get(res.json().reportUrl);
    expect((await readWorkbook(report.rawPayload)).worksheets[0]!.rowCount).toBe(3 + 10);
    const run = await upload(clerkA1, '/api/customers/industry/import?dryRun=false', 'bad.xlsx', file);
    expect(run.statusCode).toBe(422);
    expect(await industryOf(corp[2]!.id)).toEqual(before);
  });

  it('offers a template that imports once filled', async () => {
    const res = await clerkA1.get('/api/customers/industry/import/template');
    expect(res.statusCode).toBe(200);
    const wb = await readWorkbook(res.rawPayload);
    const data = wb.worksheets[0]!;
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual(['*客户号', '客户名称', '*行业分类', '工业区', '专业市场分类']);
    data.getCell('A3').value = corp[0]!.customerNo;
    data.getCell('C3').value = '7514 节能技术推广服务';
    // The spreadsheet's apostrophe is dropped as the API drops it; the text is kept in NFC.
    data.getCell('D3').value = "'-高新区";
    data.getCell('E3').value = 'Cafe\u0301';
    const run = await upload(clerkA1, '/api/customers/industry/import', 'tpl.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(run.json()).toMatchObject({ ok: true, rowCount: 1, changedCount: 1 });
    expect(await industryOf(corp[0]!.id)).toMatchObject({ industry_code: '7514', industrial_zone: '-高新区', specialised_market: 'Caf\u00e9' });
  });
});
