// The paper archive through its HTTP API on a real database: cabinets, automatic position numbers
// in the order customer number → branch → account number, a full cabinet, the check-out register
// with due dates counted on the working-day calendar (a holiday moves them), the overdue list and
// its reminder to-do, scope and hostile input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessToday } from '../../../common/business-date.ts';
import { addWorkingDays } from '../../calendar/calendar.service.ts';
import { addDays } from '../../calendar/working-days.ts';
import { auditSince, createTestContext, expectProblem, lastAuditId, type TestContext } from '../../../test/harness.ts';
import { addAccount, customerWithAccount, documentActors, flowAt, type DocumentActors } from '../test/documents-fixture.ts';
import { raiseOverdueReminders } from './archive-loan.service.ts';

let ctx: TestContext;
let a: DocumentActors;
let cabinetId: number;
const flows: Record<string, { id: number; flowNo: string }> = {};

beforeAll(async () => {
  ctx = await createTestContext();
  a = await documentActors(ctx, 'ar');
  // Customer 1 gets the lower customer number; its two accounts are sent in reverse order, after customer 2's.
  const c1 = await customerWithAccount(ctx, a.clerkA1, '档案甲公司', '62220301000002', 'A110');
  await customerWithAccount(ctx, a.clerkA1, '档案乙公司', '62220301000009', 'A110');
  await addAccount(ctx, c1.customerNo, '62220301000001', 'A110');
  flows.c2 = await flowAt(a, '62220301000009', 'received');
  flows.c1b = await flowAt(a, '62220301000002', 'received');
  flows.c1a = await flowAt(a, '62220301000001', 'in_review');
  flows.draft = await flowAt(a, '62220301000009', 'draft');
  flows.spare = await flowAt(a, '62220301000002', 'received');
  flows.spare2 = await flowAt(a, '62220301000001', 'received');
  const res = await a.centreA.post('/api/archive/cabinets', { institutionId: ctx.bank.branchA, code: 'a01', name: '一号档案柜', cellCount: 2, copiesPerCell: 2 });
  expect(res.statusCode, res.body).toBe(201);
  cabinetId = res.json().id;
});
afterAll(() => ctx?.close());

describe('filing', () => {
  it('numbers positions automatically, customer number → branch → account number, cell by cell', async () => {
    const toFile = (await a.centreA.get(`/api/archive/cabinets/${cabinetId}/to-file`)).json().items.map((f: { id: number }) => f.id);
    expect(toFile).toEqual(expect.arrayContaining([flows.c2!.id, flows.c1b!.id, flows.c1a!.id]));
    expect(toFile).not.toContain(flows.draft!.id);
    const since = await lastAuditId(ctx);
    const res = await a.centreA.post(`/api/archive/cabinets/${cabinetId}/file`, { flowIds: [flows.c2!.id, flows.c1b!.id, flows.c1a!.id] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((p: { flowId: number; positionNo: string }) => [p.flowId, p.positionNo])).toEqual([
      [flows.c1a!.id, 'A01-001-001'], [flows.c1b!.id, 'A01-001-002'], [flows.c2!.id, 'A01-002-001']]);
    expect((await auditSince(ctx, since)).map((r) => r.action)).toEqual(['archive.file']);
    const cab = (await a.centreA.get('/api/archive/cabinets')).json().items.find((c: { id: number }) => c.id === cabinetId);
    expect(cab).toMatchObject({ code: 'A01', capacity: 4, used: 3 });
    expect((await a.clerkA1.get(`/api/documents/flows/${flows.c1a!.id}`)).json().position).toMatchObject({ positionNo: 'A01-001-001' });
  });

  it('refuses a full cabinet, an unreceived or already filed flow, and reports every refused row', async () => {
    expectProblem(await a.centreA.post(`/api/archive/cabinets/${cabinetId}/file`, { flowIds: [flows.spare!.id, flows.spare2!.id] }), 409, 'archive.cabinet_full');
    const body = expectProblem(await a.centreA.post(`/api/archive/cabinets/${cabinetId}/file`, { flowIds: [flows.draft!.id, flows.c2!.id, 999999] }), 422, 'common.validation');
    expect(body.errors!.map((e) => `${e.path} ${e.code}`)).toEqual(['flowIds.0 archive.flow_not_ready', 'flowIds.1 archive.flow_already_filed', 'flowIds.2 common.not_found']);
    const n = await ctx.handle.db.selectFrom('archive_position').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(3);
  });
});

describe('the check-out register', () => {
  it('counts the due date in working days on the calendar: a holiday moves it; overdue lists and reminds; check-in ends it', async () => {
    const today = businessToday();
    const withoutHoliday = await addWorkingDays(ctx.handle.db, today, 1);
    await ctx.handle.db.insertInto('calendar_day').values({ day: withoutHoliday, kind: 'holiday', name: '测试假日' }).execute();
    const position = (await a.centreA.get(`/api/archive/positions?cabinetId=${cabinetId}`)).json().items[0];
    const res = await a.centreA.post(`/api/archive/positions/${position.id}/check-out`, { borrower: '张三', purpose: '贷前调查调阅', workingDays: 1 });
    expect(res.statusCode, res.body).toBe(201);
    const { id: loanId, dueOn } = res.json() as { id: number; dueOn: string };
    expect(dueOn > withoutHoliday).toBe(true);
    expect(dueOn).toBe(await addWorkingDays(ctx.handle.db, today, 1));

    expectProblem(await a.centreA2.post(`/api/archive/positions/${position.id}/check-out`, { borrower: '李四', purpose: '复印', workingDays: 2 }), 409, 'archive.already_out');

    const overdue = async (asOf: string) => (await a.centreA.get(`/api/archive/loans?state=overdue&asOf=${asOf}`)).json().items.map((l: { id: number }) => l.id);
    expect(await overdue(dueOn)).not.toContain(loanId);
    const after = addDays(dueOn, 1);
    expect(await overdue(after)).toContain(loanId);

    expect(await raiseOverdueReminders(ctx.handle.db, after)).toEqual({ overdue: 1, raised: 1, notified: 1 });
    expect(await raiseOverdueReminders(ctx.handle.db, after)).toEqual({ overdue: 1, raised: 0, notified: 0 });
    const reminders = async () => (await a.centreA.get('/api/todos?kind=archive.overdue')).json().items as { entity: { id: string }; title: string }[];
    expect((await reminders()).map((t) => t.entity.id)).toEqual([String(loanId)]);
    expect((await reminders())[0]!.title).toContain('A01-001-001');
    expect((await a.centreA2.get('/api/todos?kind=archive.overdue')).json().items).toEqual([]);

    const back = await a.centreA2.post(`/api/archive/loans/${loanId}/check-in`);
    expect(back.statusCode, back.body).toBe(200);
    expect(await reminders()).toEqual([]);
    expect(await overdue(after)).not.toContain(loanId);
    expectProblem(await a.centreA2.post(`/api/archive/loans/${loanId}/check-in`), 409, 'archive.already_returned');
    await ctx.handle.db.deleteFrom('calendar_day').where('day', '=', withoutHoliday).execute();
  });
});

describe('scope and hostile input', () => {
  it('keeps another branch out of the cabinet, its positions and its register', async () => {
    expect((await a.centreB.get('/api/archive/cabinets')).json().items).toEqual([]);
    expect((await a.centreB.get('/api/archive/positions')).json().items).toEqual([]);
    expect((await a.centreB.get('/api/archive/loans?state=all')).json().items).toEqual([]);
    const position = (await a.centreA.get(`/api/archive/positions?cabinetId=${cabinetId}`)).json().items[1];
    expectProblem(await a.centreB.post(`/api/archive/positions/${position.id}/check-out`, { borrower: '王五', purpose: '调阅', workingDays: 1 }), 404, 'common.not_found');
    expectProblem(await a.centreB.post(`/api/archive/cabinets/${cabinetId}/file`, { flowIds: [flows.spare!.id] }), 404, 'common.not_found');
    const body = expectProblem(await a.centreB.post('/api/archive/cabinets', { institutionId: ctx.bank.branchA, code: 'B9', name: '越权柜', cellCount: 1, copiesPerCell: 1 }), 422);
    expect(body.errors![0]).toMatchObject({ path: 'institutionId', code: 'archive.outside_institution' });
    // A branch's own clerk without archive.manage is refused outright.
    await ctx.addUser('ar_manager', ctx.bank.subA1, ['primary_manager']);
    expectProblem(await (await ctx.login('ar_manager')).get('/api/archive/cabinets'), 403, 'common.forbidden');
  });

  it('refuses malformed input with a specific error and changes nothing', async () => {
    const bad: unknown[] = [
      { institutionId: ctx.bank.branchA, code: "a'; drop--", name: 'x', cellCount: 1, copiesPerCell: 1 },
      { institutionId: ctx.bank.branchA, code: 'A02', name: 'x', cellCount: 0, copiesPerCell: 1 },
      { institutionId: ctx.bank.branchA, code: 'A02', name: 'x'.repeat(61), cellCount: 1, copiesPerCell: 1 },
      { institutionId: ctx.bank.branchA, code: 'A02', name: '柜\u0000', cellCount: 1, copiesPerCell: 1 },
      { institutionId: 'one', code: 'A02', name: 'x', cellCount: 1, copiesPerCell: 1 },
      { institutionId: ctx.bank.branchA, code: 'A02', name: 'x', cellCount: 1.5, copiesPerCell: 1 },
    ];
    for (const b of bad) expect((await a.centreA.post('/api/archive/cabinets', b)).statusCode, JSON.stringify(b)).toBe(400);
    expectProblem(await a.centreA.post('/api/archive/cabinets', { institutionId: ctx.bank.branchA, code: 'A01', name: '重复', cellCount: 1, copiesPerCell: 1 }), 422);
    const position = (await a.centreA.get(`/api/archive/positions?cabinetId=${cabinetId}`)).json().items[1];
    for (const b of [{ borrower: '', purpose: 'x', workingDays: 1 }, { borrower: 'x', purpose: 'x', workingDays: 61 }, { borrower: 'x'.repeat(61), purpose: 'x', workingDays: 1 }])
      expect((await a.centreA.post(`/api/archive/positions/${position.id}/check-out`, b)).statusCode).toBe(400);
    expect((await a.centreA.get('/api/archive/loans?asOf=2026-13-45')).statusCode).toBe(400);
    const future = expectProblem(await a.centreA.post(`/api/archive/positions/${position.id}/check-out`, { borrower: 'x', purpose: 'x', workingDays: 1, checkedOutOn: addDays(businessToday(), 1) }), 422);
    expect(future.errors![0]).toMatchObject({ path: 'checkedOutOn', code: 'archive.checked_out_in_future' });
    expect((await ctx.handle.db.selectFrom('archive_loan').select('id').where('position_id', '=', position.id).execute())).toEqual([]);
    const { n } = await ctx.handle.db.selectFrom('archive_cabinet').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(1);
    // A cabinet name outside the BMP and with markup is kept as typed.
    const ok = await a.centreA.post('/api/archive/cabinets', { institutionId: ctx.bank.branchA, code: 'A02', name: '<b>𠮷</b>柜', cellCount: 1, copiesPerCell: 1 });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await a.centreA.get('/api/archive/cabinets')).json().items.map((c: { name: string }) => c.name)).toContain('<b>𠮷</b>柜');
  });
});
