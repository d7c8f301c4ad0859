// PLAT-3 customer import through the HTTP API: the template round trip, every error of every row
// by row and column with nothing imported, duplicates in the file and against the database,
// one transaction and one audit row on success, file limits and hostile files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestContext, auditSince, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { creditCode, encodeGb18030, multipart, readWorkbook, residentId, workbook } from './import.test-helpers.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let reviewer: Client;
let manager: Client;
let managerId: number;

const upload = (client: Client, url: string, fileName: string, content: Buffer, contentType?: string, headers: Record<string, string> = {}) => {
  const m = multipart(fileName, content, contentType);
  return client.post(url, m.payload, { ...m.headers, ...headers });
};
const countCustomers = async () => Number((await ctx.handle.db.selectFrom('customer').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('imp_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('imp_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('imp_review', ctx.bank.subA1, ['data_review_clerk']);
  managerId = await ctx.addUser('imp_manager', ctx.bank.subA1, ['primary_manager']);
  clerkA1 = await ctx.login('imp_clerk_a1');
  clerkB1 = await ctx.login('imp_clerk_b1');
  reviewer = await ctx.login('imp_review');
  manager = await ctx.login('imp_manager');
});
afterAll(() => ctx?.close());

describe('template round trip', () => {
  it('offers labelled, keyed, formatted columns with drop-downs, and imports what a clerk fills in', async () => {
    const res = await clerkA1.get('/api/customers/import/template?kind=personal');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await readWorkbook(res.rawPayload);
    const data = wb.worksheets[0]!;
    const labels = (data.getRow(1).values as unknown[]).slice(1);
    const keys = (data.getRow(2).values as unknown[]).slice(1) as string[];
    expect(labels[0]).toBe('*客户名称');
    expect(labels).toContain('*证件1号码');
    expect(labels).toContain('性别');
    expect(keys.slice(0, 4)).toEqual(['name', 'institutionCode', 'idType1', 'idNumber1']);
    expect(String(data.getCell(1, keys.indexOf('gender') + 1).note)).toContain('gender');
    const col = (key: string) => keys.indexOf(key) + 1;
    expect(data.getColumn(col('idNumber1')).numFmt).toBe('@');
    expect(data.getColumn(col('birthDate')).numFmt).toBe('yyyy-mm-dd');
    const validations = (data as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    const letter = (key: string) => data.getColumn(col(key)).letter;
    // exceljs expands the template's range rule (D3:D5002) into one entry per cell when it reads.
    const genderRule = validations[`${letter('gender')}3`];
    expect(validations[`${letter('gender')}5002`]).toEqual(genderRule);
    expect(genderRule?.type).toBe('list');
    expect(genderRule?.formulae[0]).toMatch(/^'代码表'!\$[A-Z]+\$2:\$[A-Z]+\$\d+$/);
    const codes = wb.getWorksheet('代码表')!;
    const industryColumn = (codes.getRow(1).values as string[]).findIndex((v) => typeof v === 'string' && v.includes('(industry)') || String(v).includes('（industry）'));
    expect(industryColumn).toBeGreaterThan(0);
    const industryItems = codes.getColumn(industryColumn).values.slice(2) as string[];
    expect(industryItems).toContain('6621 商业银行服务');
    expect(industryItems.every((v) => /^\d{4} /.test(v))).toBe(true);
    expect(wb.getWorksheet('填写说明')).toBeDefined();

    // The clerk fills two rows: a code picked from the drop-down, a real Excel date, a number.
    data.getCell(3, col('name')).value = '模板张三';
    data.getCell(3, col('idType1')).value = '10 居民身份证';
    data.getCell(3, col('idNumber1')).value = residentId('19850612', '123');
    data.getCell(3, col('mobile')).value = '13812340001';
    data.getCell(3, col('monthlyIncome')).value = 8000.5;
    data.getCell(3, col('shareholder')).value = '是';
    data.getCell(3, col('education')).value = '20';
    data.getCell(4, col('name')).value = '模板李四';
    data.getCell(4, col('idType1')).value = '10';
    data.getCell(4, col('idNumber1')).value = residentId('19900101', '234');
    data.getCell(4, col('birthDate')).value = new Date(Date.UTC(1990, 0, 1));
    data.getCell(4, col('institutionCode')).value = 'A111';
    const filled = Buffer.from(await wb.xlsx.writeBuffer());

    const before = await countCustomers();
    const dry = await upload(clerkA1, '/api/customers/import?kind=personal&dryRun=true', '个人客户.xlsx', filled);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, dryRun: true, rowCount: 2 });
    expect(await countCustomers()).toBe(before);

    const since = await lastAuditId(ctx);
    const run = await upload(clerkA1, '/api/customers/import?kind=personal&dryRun=false', '个人客户.xlsx', filled);
    expect(run.statusCode).toBe(201);
    const body = run.json();
    expect(body).toMatchObject({ ok: true, dryRun: false, rowCount: 2 });
    expect(body.firstCustomerNo).toMatch(/^9\d{10}$/);
    expect(await countCustomers()).toBe(before + 2);
    const audit = await auditSince(ctx, since);
    expect(audit.map((a) => a.action)).toEqual(['customer.import']);
    expect(audit[0]!.after).toMatchObject({ fileName: '个人客户.xlsx', kind: 'personal', rowCount: 2, firstCustomerNo: body.firstCustomerNo, lastCustomerNo: body.lastCustomerNo });

    const found = (await clerkA1.get(`/api/customers?q=${body.firstCustomerNo}`)).json();
    expect(found.items).toHaveLength(1);
    const view = (await clerkA1.get(`/api/customers/${found.items[0].id}`)).json();
    expect(view).toMatchObject({ name: '模板张三', institution: { id: ctx.bank.subA1 } });
    expect(view.fields).toMatchObject({ birthDate: '1985-06-12', gender: '1', mobile: '138****0001', monthlyIncome: '8000.50', shareholder: true, employee: false, education: '20' });
    const history = (await clerkA1.get(`/api/customers/${view.id}/history`)).json();
    expect(history).toEqual([expect.objectContaining({ field: '_created', newValue: body.firstCustomerNo, source: 'import', changedBy: 'imp_clerk_a1' })]);
    const li = (await clerkA1.get(`/api/customers?q=${body.lastCustomerNo}`)).json().items[0];
    expect((await clerkA1.get(`/api/customers/${li.id}`)).json()).toMatchObject({ name: '模板李四', institution: { id: ctx.bank.teamA1 }, fields: { birthDate: '1990-01-01', gender: '2' } });
  });
});

describe('rejected files', () => {
  it('reports every error by Excel row and column, imports nothing, and offers the report', async () => {
    const good = residentId('19800101', '111');
    const badCheck = residentId('19800202', '222').slice(0, 17) + (residentId('19800202', '222').endsWith('0') ? '1' : '0');
    // Labels only (no key row), columns in another order than the template's.
    const file = await workbook([
      ['证件1号码', '*客户名称', '证件1类型', '性别', '手机号码', '出生日期', '家庭人数', '所属机构号'],
      [good, '正确的人', '10', null, null, null, null, null],             // row 2: fine
      [badCheck, '校验位错', '10', null, null, null, null, null],         // row 3: A check digit
      [residentId('19800303', '333'), '代码错', '10', '7', '1381234', null, 'x', null], // row 4: D gender, E mobile, G int
      [residentId('19800404', '444'), null, '10', null, null, '2999-01-01', null, 'B110'], // row 5: B missing, F future, H out of scope
      [370202198005051234, '科学计数', '10', null, null, null, null, null], // row 6: A number lost digits
    ]);
    const before = await countCustomers();
    const since = await lastAuditId(ctx);
    const res = await upload(clerkA1, '/api/customers/import?kind=personal', 'bad.xlsx', file);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const p = res.json();
    expect(p.code).toBe('customers.import.rejected');
    const got = p.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]);
    expect(got).toEqual([
      [3, 'A', 'customers.resident_id.check_digit'],
      [4, 'D', 'codes.item.unknown'],
      [4, 'E', 'customers.mobile_format'],
      [4, 'G', 'customers.import.integer'],
      [5, 'B', 'customers.import.required'],
      [5, 'F', 'customers.date_in_future'],
      [5, 'H', 'customers.import.institution_unknown'],
      [6, 'A', 'customers.import.number_precision'],
    ]);
    expect(p.errorCount).toBe(8);
    expect(p.rowCount).toBe(5);
    const gender = p.errors.find((e: { column: string }) => e.column === 'D');
    expect(gender).toMatchObject({ field: 'gender', header: '性别', path: 'rows.4.gender', message: expect.stringContaining('代码表') });
    expect(p.errors.find((e: { column: string; row: number }) => e.row === 5 && e.column === 'B').message).toContain('客户名称');
    // The identity number in the report is masked: the report is a file that travels.
    expect(p.errors[0].value).toMatch(/^370202\*+\d{4}$/);
    expect(await countCustomers()).toBe(before);
    expect(await auditSince(ctx, since)).toEqual([]);

    const report = await clerkA1.get(p.reportUrl);
    expect(report.statusCode).toBe(200);
    const sheet = (await readWorkbook(report.rawPayload)).worksheets[0]!;
    const lines = [];
    for (let r = 4; r <= sheet.rowCount; r++) lines.push([sheet.getCell(r, 1).value, sheet.getCell(r, 2).value, sheet.getCell(r, 5).value]);
    expect(lines).toEqual(got);
    expect((await clerkB1.get(p.reportUrl)).statusCode).toBe(404);
  });

  it('speaks English when asked', async () => {
    const file = await workbook([['name', 'idType1', 'idNumber1', 'gender'], ['Li', '10', residentId('19810101', '555'), '7']]);
    const res = await upload(clerkA1, '/api/customers/import?kind=personal', 'en.xlsx', file, undefined, { 'x-crm-lang': 'en-US' });
    expect(res.statusCode).toBe(422);
    expect(res.json().title).toContain('nothing was imported');
    expect(res.json().errors[0]).toMatchObject({ row: 2, column: 'D', header: 'Gender', message: expect.stringContaining('Code table') });
  });

  it('finds duplicates within the file and against customers already registered', async () => {
    const existing = residentId('19750505', '666');
    const opened = await clerkB1.post('/api/customers', { kind: 'personal', name: '已有客户', identities: [{ idType: '10', idNumber: existing }] });
    expect(opened.statusCode).toBe(201);
    const twice = residentId('19760606', '777');
    const file = await workbook([
      ['*客户名称', '证件1类型', '证件1号码', '证件2类型', '证件2号码'],
      ['重复甲', '10', twice, null, null],
      ['已有乙', '10', existing, null, null],
      ['重复丙', '10', twice, null, null],
      ['两证丁', '10', residentId('19760606', '757'), '10', twice],
    ]);
    const res = await upload(clerkA1, '/api/customers/import?kind=personal', 'dup.xlsx', file);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors, res.body).toBeDefined();
    expect(res.json().errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [3, 'C', 'customers.exists_elsewhere'], [4, 'C', 'customers.import.duplicate_in_file'], [5, 'E', 'customers.import.duplicate_in_file'],
    ]);
    // The holder is in another sub-branch: refused, but not named to this clerk.
    expect(res.json().errors[0].message).not.toContain(opened.json().customerNo);
    expect(res.json().errors[1].message).toContain('第 2 行');
  });

  it('refuses corporate duplicates of credit codes within the file', async () => {
    const code = creditCode(70001);
    const file = await workbook([['客户名称', '统一社会信用代码'], ['甲公司', code], ['乙公司', code.toLowerCase()]]);
    const res = await upload(clerkA1, '/api/customers/import?kind=corporate', 'corp.xlsx', file);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ row: 3, column: 'B', field: 'creditCode', code: 'customers.import.duplicate_in_file' })]);
  });

  it('refuses an unknown column, a wrong file type, a broken workbook, an empty file and oversized files', async () => {
    const unknown = await upload(clerkA1, '/api/customers/import?kind=personal', 'x.xlsx', await workbook([['客户名称', '证件1类型', '证件1号码', '客户名'], ['甲', '10', residentId('19820101', '101'), 'x']]));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ row: 1, column: 'D', code: 'customers.import.unknown_column' })]);
    const missing = await upload(clerkA1, '/api/customers/import?kind=personal', 'x.xlsx', await workbook([['客户名称'], ['甲']]));
    expect(missing.json().errors.map((e: { code: string; field: string }) => `${e.code}:${e.field}`)).toEqual(['customers.import.missing_column:idType1', 'customers.import.missing_column:idNumber1']);
    expect(missing.json().errors[0].message).toBe('缺少必填列“证件1类型”');
    const missingEn = await upload(clerkA1, '/api/customers/import?kind=personal', 'x.xlsx', await workbook([['客户名称'], ['甲']]), undefined, { 'accept-language': 'en-US,en;q=0.9' });
    expect(missingEn.json().errors[1].message).toBe('The mandatory column "Document 1 number" is missing');
    expect((await upload(clerkA1, '/api/customers/import?kind=personal', 'x.exe', Buffer.from('MZ'))).json().code).toBe('customers.import.file_type');
    const broken = await upload(clerkA1, '/api/customers/import?kind=personal', 'x.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'));
    expect([broken.statusCode, broken.json().code]).toEqual([422, 'customers.import.unreadable']);
    expect((await upload(clerkA1, '/api/customers/import?kind=personal', 'x.csv', Buffer.from('name,idType1,idNumber1\n'))).json().code).toBe('customers.import.empty');
    const rows = ['name,idType1,idNumber1', ...Array.from({ length: 50_001 }, (_, i) => `p${i},10,x`)].join('\n');
    const many = await upload(clerkA1, '/api/customers/import?kind=personal', 'many.csv', Buffer.from(rows), 'text/csv');
    expect([many.statusCode, many.json().code]).toEqual([413, 'customers.import.too_many_rows']);
    const huge = await upload(clerkA1, '/api/customers/import?kind=personal', 'huge.csv', Buffer.alloc(21 * 1024 * 1024, 0x41), 'text/csv');
    expect([huge.statusCode, huge.json().code]).toEqual([413, 'customers.import.file_too_large']);
    const noFile = await clerkA1.post('/api/customers/import?kind=personal', { kind: 'personal' });
    expect([noFile.statusCode, noFile.json().code]).toEqual([400, 'customers.import.no_file']);
    expect((await clerkA1.post('/api/customers/import?kind=alien', {})).statusCode).toBe(400);
  });

  it('needs customer.manage', async () => {
    const file = await workbook([['客户名称', '证件1类型', '证件1号码'], ['甲', '10', residentId('19830101', '102')]]);
    expect((await upload(reviewer, '/api/customers/import?kind=personal', 'x.xlsx', file)).statusCode).toBe(403);
    expect((await reviewer.get('/api/customers/import/template?kind=personal')).statusCode).toBe(403);
  });
});

describe('successful imports', () => {
  it('imports a GB18030 CSV of corporate customers with hostile text kept as plain data', async () => {
    const hostile = ["=cmd|' /C calc'!A0", "'); drop table customer; --", '<script>alert(1)</script>有限公司'];
    const csv = ['name,creditCode,registrationType,enterpriseNature,industryCode,registeredCapital',
      `青岛海纳贸易有限公司,${creditCode(80001)},01,01,6621,"1,000,000.00"`,
      ...hostile.map((n, i) => `"${n.replace(/"/g, '""')}",${creditCode(80002 + i)},,,,`)].join('\r\n');
    const res = await upload(clerkA1, '/api/customers/import?kind=corporate', 'corp.csv', encodeGb18030(csv), 'text/csv');
    expect(res.statusCode).toBe(201);
    expect(res.json().rowCount).toBe(4);
    const names = await ctx.handle.db.selectFrom('customer').select('name').where('customer_no', '>=', res.json().firstCustomerNo).where('customer_no', '<=', res.json().lastCustomerNo).orderBy('id').execute();
    expect(names.map((n) => n.name)).toEqual(['青岛海纳贸易有限公司', ...hostile]);
    const corp = await ctx.handle.db.selectFrom('corporate_customer').innerJoin('customer', 'customer.id', 'corporate_customer.customer_id')
      .select(['organization_code', 'registered_capital', 'industry_code']).where('customer.name', '=', '青岛海纳贸易有限公司').executeTakeFirstOrThrow();
    expect(corp).toMatchObject({ organization_code: `00080001-${creditCode(80001)[16]}`, industry_code: '6621' });
    expect(Number(corp.registered_capital)).toBe(1_000_000);
    expect(await ctx.handle.db.selectFrom('customer').select('id').where('name', '=', 'customer').execute()).toEqual([]);
  });

  it('links the legal representative by customer number, only to an active personal customer in scope', async () => {
    const rep = await clerkA1.post('/api/customers', { kind: 'personal', name: '法人代表', identities: [{ idType: '10', idNumber: residentId('19700707', '717') }] });
    const other = await clerkB1.post('/api/customers', { kind: 'personal', name: '他行法人', identities: [{ idType: '10', idNumber: residentId('19700708', '727') }] });
    const tpl = await readWorkbook((await clerkA1.get('/api/customers/import/template?kind=corporate')).rawPayload);
    const keys = (tpl.worksheets[0]!.getRow(2).values as string[]).slice(1);
    expect(keys).toEqual(expect.arrayContaining(['name', 'scale', 'creditCode', 'legalRepCustomerNo', 'industryCode']));
    expect(keys).not.toContain('legalRepCustomerId');
    const file = (repNo: string, seq: number) => workbook([['客户名称', '统一社会信用代码', '法定代表人客户号', '企业规模'], ['法人公司', creditCode(seq), repNo, '小型']]);
    const refused = await upload(clerkA1, '/api/customers/import?kind=corporate', 'rep.xlsx', await file(other.json().customerNo, 85001));
    expect(refused.json().errors).toEqual([expect.objectContaining({ row: 2, column: 'C', code: 'customers.legal_rep_invalid' })]);
    const ok = await upload(clerkA1, '/api/customers/import?kind=corporate', 'rep.xlsx', await file(rep.json().customerNo, 85001));
    expect(ok.statusCode).toBe(201);
    const c = await ctx.handle.db.selectFrom('corporate_customer').select(['legal_rep_customer_id', 'scale']).where('credit_code', '=', creditCode(85001)).executeTakeFirstOrThrow();
    expect(c).toEqual({ legal_rep_customer_id: rep.json().id, scale: 'small' });
  });

  it('refuses the NUL character and overlong text cell by cell', async () => {
    const csv = `name,idType1,idNumber1,employer\n"bad\u0000name",10,${residentId('19840101', '131')},${'单'.repeat(161)}\n`;
    const res = await upload(clerkA1, '/api/customers/import?kind=personal', 'nul.csv', Buffer.from(csv), 'text/csv');
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { column: string; code: string }) => [e.column, e.code])).toEqual([['A', 'common.text.control'], ['D', 'too_big']]);
    expect(res.json().errors[1].message).toContain('160');
  });

  it('refuses hidden characters, line breaks in one-line fields and negative amounts as the API does, importing nothing', async () => {
    const before = await countCustomers();
    const file = await workbook([
      ['客户名称', '证件1类型', '证件1号码', '家庭地址', '个人月均收入（元）', '家庭人数'],
      ['张三\u202E', '10', residentId('19840202', '141'), '青岛\u200B市南区', '-100', -1],
      ['李\n四', '10', residentId('19840202', '151'), '青岛\uFEFF市', '100', 3],
    ]);
    const res = await upload(clerkA1, '/api/customers/import?kind=personal', 'hidden.xlsx', file);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [2, 'A', 'common.text.bidi_control'], [2, 'D', 'common.text.invisible'], [2, 'E', 'common.negative'], [2, 'F', 'common.negative'],
      [3, 'A', 'common.text.control'], [3, 'D', 'common.text.invisible'],
    ]);
    expect(res.json().errors[0].message).toContain('U+202E');
    expect(await countCustomers()).toBe(before);
  });

  it('stores rare, middle-dot and decomposed names, and drops the apostrophe before = + - @ exactly as the API does', async () => {
    const names = ['𠮷𡈼', '阿依古丽·买买提', 'Zoe\u0301', "'=1+1", "''@x", '=SUM(A1)', '\uFEFF王芳\n'];
    const stored = ['𠮷𡈼', '阿依古丽·买买提', 'Zo\u00e9', '=1+1', "'@x", '=SUM(A1)', '王芳'];
    const file = await workbook([['客户名称', '证件1类型', '证件1号码'], ...names.map((n, i) => [n, '10', residentId('19840303', String(161 + i))])]);
    const res = await upload(clerkA1, '/api/customers/import?kind=personal', 'names.xlsx', file);
    expect(res.statusCode, res.body).toBe(201);
    const rows = await ctx.handle.db.selectFrom('customer').select('name').where('customer_no', '>=', res.json().firstCustomerNo).where('customer_no', '<=', res.json().lastCustomerNo).orderBy('id').execute();
    expect(rows.map((r) => r.name)).toEqual(stored);
    for (const [i, name] of names.entries()) {
      const api = await clerkA1.post('/api/customers', { kind: 'personal', name, identities: [{ idType: '10', idNumber: residentId('19840404', String(171 + i)) }] });
      expect(api.statusCode, api.body).toBe(201);
      expect((await ctx.handle.db.selectFrom('customer').select('name').where('id', '=', api.json().id).executeTakeFirstOrThrow()).name).toBe(stored[i]);
    }
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/customers/import', '/api/customers/import/template', '/api/customers/export', '/api/customers/{id}/industry', '/api/customers/industry/import']));
  });

  it('makes the importing customer manager the primary manager, and flags likely duplicates', async () => {
    const file = await workbook([
      ['客户名称', '证件1类型', '证件1号码', '手机号码'],
      ['经理客户', '10', residentId('19880808', '303'), '13912340001'],
      ['经理客户', '10', residentId('19880808', '313'), null],
    ]);
    const res = await upload(manager, '/api/customers/import?kind=personal', 'm.xlsx', file);
    expect(res.statusCode).toBe(201);
    const ids = (await ctx.handle.db.selectFrom('customer').select('id').where('name', '=', '经理客户').orderBy('id').execute()).map((r) => r.id);
    const managers = await ctx.handle.db.selectFrom('customer_manager').selectAll().where('customer_id', 'in', ids).execute();
    expect(managers.map((m) => [m.user_id, m.role])).toEqual([[managerId, 'primary'], [managerId, 'primary']]);
    expect((await manager.get('/api/customers?q=' + encodeURIComponent('经理客户'))).json().total).toBe(2);
    const dup = await ctx.handle.db.selectFrom('customer_duplicate').selectAll().where('customer_id', 'in', ids).execute();
    expect(dup.map((d) => d.reason)).toEqual(['name_birth']);
  });

  it('reads an exceljs workbook whose cells are formulas with results, rich text and booleans', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('客户');
    ws.addRow(['客户名称', '证件1类型', '证件1号码', '本行员工', '家庭人数']);
    const row = ws.addRow([null, '10', residentId('19910909', '404'), true, null]);
    row.getCell(1).value = { richText: [{ text: '富文' }, { text: '本' }] };
    row.getCell(5).value = { formula: '1+2', result: 3 };
    const noValue = ws.addRow(['公式无值', '10', residentId('19910910', '405'), false, null]);
    noValue.getCell(5).value = { formula: '1+2' } as ExcelJS.CellFormulaValue;
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(clerkA1, '/api/customers/import?kind=personal', 'f.xlsx', buf);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ row: 3, column: 'E', code: 'customers.import.formula_no_value' })]);
    ws.spliceRows(3, 1);
    const ok = await upload(clerkA1, '/api/customers/import?kind=personal', 'f.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(ok.statusCode).toBe(201);
    const c = await ctx.handle.db.selectFrom('customer').innerJoin('personal_customer', 'customer_id', 'customer.id').select(['employee', 'family_size']).where('name', '=', '富文本').executeTakeFirstOrThrow();
    expect(c).toEqual({ employee: true, family_size: 3 });
  });
});
