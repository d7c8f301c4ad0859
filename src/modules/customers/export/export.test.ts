// PLAT-3/PLAT-2 customer export: the caller's data scope, the search's filters, masking unless
// the caller may and asks to unmask, the watermark, the audit row, the cap, formula injection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { createTestContext, auditSince, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { loadActorForUser } from '../../auth/actor.queries.ts';
import { exportCustomers } from './export.service.ts';
import { readWorkbook, residentId } from '../import/import.test-helpers.ts';

let ctx: TestContext;
let clerkA1: Client;
let clerkB1: Client;
let reviewerA1: Client;
let clerkA1Id: number;
const idA = residentId('19850101', '511');
const hostile = ["=cmd|' /C calc'!A0", '+SUM(1,2)', '-2+3', '@import', '=HYPERLINK("http://x.invalid","点我")'];

const rowsOf = (ws: ExcelJS.Worksheet) => {
  const out: unknown[][] = [];
  ws.eachRow((row, n) => { if (n > 2) out.push((row.values as unknown[]).slice(1)); });
  return out;
};

beforeAll(async () => {
  ctx = await createTestContext();
  clerkA1Id = await ctx.addUser('exp_clerk_a1', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('exp_clerk_b1', ctx.bank.subB1, ['data_entry_clerk']);
  await ctx.addUser('exp_review_a1', ctx.bank.subA1, ['data_review_clerk']);
  clerkA1 = await ctx.login('exp_clerk_a1');
  clerkB1 = await ctx.login('exp_clerk_b1');
  reviewerA1 = await ctx.login('exp_review_a1');
  const open = async (c: Client, name: string, idNumber: string, mobile?: string) => {
    const r = await c.post('/api/customers', { kind: 'personal', name, identities: [{ idType: '10', idNumber }], ...(mobile ? { mobile } : {}) });
    expect(r.statusCode).toBe(201);
  };
  await open(clerkA1, '甲行客户', idA, '13800001111');
  await open(clerkB1, '乙行客户', residentId('19850202', '522'));
  for (const [i, name] of hostile.entries()) await open(clerkA1, name, residentId('19700101', String(600 + i)));
});
afterAll(() => ctx?.close());

describe('customer export', () => {
  it('exports only the caller’s customers, masked, watermarked, and audited', async () => {
    const since = await lastAuditId(ctx);
    const res = await clerkA1.get('/api/customers/export');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const ws = (await readWorkbook(res.rawPayload)).worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toMatch(/^导出人 exp_clerk_a1 时间 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 仅限内部使用$/);
    expect(ws.headerFooter.oddHeader).toContain('导出人 exp_clerk_a1');
    expect(ws.headerFooter.oddFooter).toContain('仅限内部使用');
    expect(ws.getRow(2).values).toContain('证件号码');
    const rows = rowsOf(ws);
    const names = rows.map((r) => r[2]);
    expect(names).toContain('甲行客户');
    expect(names).not.toContain('乙行客户');
    expect(rows).toHaveLength(1 + hostile.length);
    const a = rows.find((r) => r[2] === '甲行客户')!;
    expect(a[4]).toBe(`370202********${idA.slice(-4)}`);
    expect(a[6]).toBe('138****1111');
    expect(a[1]).toBe('个人');
    expect(a[8]).toBe('A110');

    const audit = await auditSince(ctx, since);
    expect(audit.map((r) => r.action)).toEqual(['customer.export']);
    expect(audit[0]!.after).toMatchObject({ rowCount: rows.length, unmasked: false, filters: { status: 'active' } });
    expect(audit[0]!.actor_name).toBe('exp_clerk_a1');
  });

  it('writes formula-like text as text, prefixed with an apostrophe', async () => {
    const ws = (await readWorkbook((await clerkA1.get('/api/customers/export')).rawPayload)).worksheets[0]!;
    for (const h of hostile) {
      let found: ExcelJS.Cell | undefined;
      ws.eachRow((row) => { if (row.getCell(3).value === `'${h}`) found = row.getCell(3); });
      expect(found, h).toBeDefined();
      expect(found!.formula).toBeUndefined();
      expect(typeof found!.value).toBe('string');
    }
  });

  it('applies the search filters', async () => {
    const res = await clerkA1.get(`/api/customers/export?q=${encodeURIComponent('甲行')}&kind=personal`);
    const rows = rowsOf((await readWorkbook(res.rawPayload)).worksheets[0]!);
    expect(rows.map((r) => r[2])).toEqual(['甲行客户']);
    const none = await clerkA1.get('/api/customers/export?kind=corporate');
    expect(rowsOf((await readWorkbook(none.rawPayload)).worksheets[0]!)).toEqual([]);
  });

  it('unmasks only for a holder of customer.sensitive.read who asks, and says so in the audit', async () => {
    const refused = await clerkA1.get('/api/customers/export?unmasked=true');
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'common.forbidden']);
    const since = await lastAuditId(ctx);
    const res = await reviewerA1.get(`/api/customers/export?unmasked=true&q=${encodeURIComponent('甲行客户')}`);
    expect(res.statusCode).toBe(200);
    const rows = rowsOf((await readWorkbook(res.rawPayload)).worksheets[0]!);
    expect(rows[0]![4]).toBe(idA);
    expect(rows[0]![6]).toBe('13800001111');
    const audit = await auditSince(ctx, since);
    expect(audit.map((r) => [r.action, (r.after as { unmasked: boolean }).unmasked, (r.after as { rowCount: number }).rowCount])).toEqual([['customer.export', true, 1]]);
  });

  it('refuses more rows than the cap with a clear error, and hostile query strings', async () => {
    const actor = (await loadActorForUser(ctx.handle.db, clerkA1Id, { ip: null, requestId: null }))!;
    await expect(exportCustomers(ctx.handle.db, actor, { status: 'active' }, 'zh-CN', 3)).rejects.toMatchObject({ code: 'customers.export.too_many', status: 422, params: { max: 3 } });
    const injected = await clerkA1.get(`/api/customers/export?q=${encodeURIComponent("' or 1=1 --")}`);
    expect(injected.statusCode).toBe(200);
    expect(rowsOf((await readWorkbook(injected.rawPayload)).worksheets[0]!)).toEqual([]);
    expect((await clerkA1.get('/api/customers/export?page=2')).statusCode).toBe(400);
    expect((await clerkA1.get('/api/customers/export?unmasked=yes')).statusCode).toBe(400);
  });
});
