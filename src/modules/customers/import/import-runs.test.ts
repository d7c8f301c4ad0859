// Long imports in the background (issue 12, item 9): the upload answers 202 with a run at once;
// the run reports rows read, checked and written and ends with the same result the synchronous
// import gives (all rows or none); only its uploader reads it; a run abandoned by a stopped
// process reads as interrupted.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, auditSince, lastAuditId, type Client, type TestContext } from '../../../test/harness.ts';
import { settleImportRuns } from './import-runs.ts';
import { multipart, residentId } from './import.test-helpers.ts';

let ctx: TestContext;
let clerk: Client;
let otherClerk: Client;

const startRun = (client: Client, query: string, fileName: string, content: string) => {
  const m = multipart(fileName, Buffer.from(content), 'text/csv');
  return client.post(`/api/customers/imports?${query}`, m.payload, m.headers);
};
/** Follows a run as the screen does, until it has finished. */
async function follow(client: Client, id: number) {
  await settleImportRuns();
  const res = await client.get(`/api/customers/imports/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
/** `rows` personal customers numbered from `from`, each with a valid resident ID of its own. */
const personalCsv = (rows: number, from: number) =>
  ['name,idType1,idNumber1', ...Array.from({ length: rows }, (_, i) => {
    const n = from + i;
    const birth = `${1950 + Math.floor(n / 336)}${String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}`;
    return `后台导入${n},10,${residentId(birth, String(n % 1000).padStart(3, '0'))}`;
  })].join('\n');

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('run_clerk', ctx.bank.subA1, ['data_entry_clerk']);
  await ctx.addUser('run_clerk_b', ctx.bank.subB1, ['data_entry_clerk']);
  clerk = await ctx.login('run_clerk');
  otherClerk = await ctx.login('run_clerk_b');
});
afterAll(async () => { await settleImportRuns(); await ctx?.close(); });

describe('a background import', () => {
  it('answers 202 at once, then reports every phase and the same result as the synchronous import', async () => {
    const since = await lastAuditId(ctx);
    const res = await startRun(clerk, 'kind=personal', '后台 导入.csv', personalCsv(1200, 100));
    expect(res.statusCode).toBe(202);
    const started = res.json();
    expect(started).toMatchObject({ kind: 'personal', dryRun: false, fileName: '后台 导入.csv', status: 'running' });
    const run = await follow(clerk, started.id);
    expect(run).toMatchObject({ status: 'done', phase: 'finished', rowCount: 1200, rowsChecked: 1200, rowsWritten: 1200, error: null });
    expect(run.result).toMatchObject({ ok: true, dryRun: false, rowCount: 1200 });
    const made = await ctx.handle.db.selectFrom('customer').select('customer_no').where('name', 'like', '后台导入%').orderBy('customer_no').execute();
    expect(made).toHaveLength(1200);
    expect(made[0]!.customer_no).toBe(run.result.firstCustomerNo);
    expect(made.at(-1)!.customer_no).toBe(run.result.lastCustomerNo);
    // One audit row for the file, as the synchronous import writes.
    const audit = (await auditSince(ctx, since)).filter((r) => r.action === 'customer.import');
    expect(audit).toHaveLength(1);
    // The row holds what the process reported, for any instance asked later.
    const row = await ctx.handle.db.selectFrom('customer_import_run').selectAll().where('id', '=', started.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', phase: 'finished', row_count: 1200, rows_checked: 1200, rows_written: 1200 });
    expect(row.finished_at).not.toBeNull();
  });

  it('a file with errors ends rejected with every error and the report link, and writes nothing', async () => {
    const before = Number((await sql<{ n: number }>`select count(*)::int as n from customer`.execute(ctx.handle.db)).rows[0]!.n);
    const bad = ['name,idType1,idNumber1', `坏行一,10,${residentId('19860101', '901').slice(0, 17)}X`, '<script>alert(1)</script>,10,', `好行,10,${residentId('19860101', '902')}`].join('\n');
    const run = await follow(clerk, (await startRun(clerk, 'kind=personal', 'bad.csv', bad)).json().id);
    expect(run).toMatchObject({ status: 'rejected', phase: 'finished', rowCount: 3, rowsWritten: 0 });
    expect(run.result.ok).toBe(false);
    expect(run.result.errorCount).toBeGreaterThanOrEqual(2);
    expect(run.result.errors.map((e: { row: number }) => e.row)).toEqual(expect.arrayContaining([2, 3]));
    expect((await clerk.get(`/api/customers/import/report/${run.result.reportToken}`)).statusCode).toBe(200);
    expect(Number((await sql<{ n: number }>`select count(*)::int as n from customer`.execute(ctx.handle.db)).rows[0]!.n)).toBe(before);
  });

  it('a dry run checks and writes nothing', async () => {
    const run = await follow(clerk, (await startRun(clerk, 'kind=personal&dryRun=true', 'check.csv', personalCsv(3, 3000))).json().id);
    expect(run).toMatchObject({ status: 'done', dryRun: true, rowCount: 3, rowsChecked: 3, rowsWritten: 0 });
    expect(await ctx.handle.db.selectFrom('customer').select('id').where('name', 'like', '后台导入300_').execute()).toHaveLength(0);
  });

  it('a file refused whole (no data rows) ends failed with the reason in the uploader\'s language', async () => {
    const m = multipart('empty.csv', Buffer.from('name,idType1,idNumber1\n'), 'text/csv');
    const res = await clerk.post('/api/customers/imports?kind=personal', m.payload, { ...m.headers, 'accept-language': 'en-US' });
    const run = await follow(clerk, res.json().id);
    expect(run).toMatchObject({ status: 'failed', phase: 'finished', rowsWritten: 0, error: 'The file has no data rows' });
  });
});

describe('whose runs', () => {
  it('only the uploader reads a run or sees it listed; other ids and shapes are refused', async () => {
    const id = (await startRun(clerk, 'kind=personal&dryRun=true', 'mine.csv', personalCsv(2, 3100))).json().id;
    await settleImportRuns();
    expect((await otherClerk.get(`/api/customers/imports/${id}`)).statusCode).toBe(404);
    expect((await otherClerk.get('/api/customers/imports')).json().map((r: { id: number }) => r.id)).not.toContain(id);
    const mine = (await clerk.get('/api/customers/imports')).json();
    expect(mine[0]).toMatchObject({ id, fileName: 'mine.csv', status: 'done' });
    // A rejected run's list entry carries counts, not its error list.
    expect(mine.find((r: { status: string }) => r.status === 'rejected').result.errors).toEqual([]);
    for (const bad of ['0', '-1', 'abc', '1.5', '9007199254740993', "1' or '1'='1"]) {
      expect((await clerk.get(`/api/customers/imports/${encodeURIComponent(bad)}`)).statusCode).toBe(400);
    }
    expect((await clerk.get('/api/customers/imports/999999999')).statusCode).toBe(404);
    // Without the permission to import there is nothing to follow either.
    await ctx.addUser('run_auditor', ctx.bank.subA1, ['auditor']);
    expect((await (await ctx.login('run_auditor')).get('/api/customers/imports')).statusCode).toBe(403);
  });

  it('a run whose process stopped (no heartbeat for 30 minutes) reads as interrupted', async () => {
    const id = (await startRun(clerk, 'kind=personal&dryRun=true', 'stopped.csv', personalCsv(2, 3200))).json().id;
    await settleImportRuns();
    // As a process that died in the middle would have left it.
    await ctx.handle.db.updateTable('customer_import_run').set({ status: 'running', phase: 'writing', finished_at: null, heartbeat_at: sql<Date>`now() - interval '31 minutes'` }).where('id', '=', id).execute();
    expect((await clerk.get(`/api/customers/imports/${id}`)).json()).toMatchObject({ status: 'interrupted', phase: 'writing' });
    await ctx.handle.db.updateTable('customer_import_run').set({ heartbeat_at: sql<Date>`now() - interval '29 minutes'` }).where('id', '=', id).execute();
    expect((await clerk.get(`/api/customers/imports/${id}`)).json().status).toBe('running');
  });
});
