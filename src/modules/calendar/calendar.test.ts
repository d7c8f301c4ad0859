// PLAT-7 through the HTTP API: the seeded holidays, administrators' exceptions, and the
// "N working days" answer every rule of the system relies on.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditSince, createTestContext, lastAuditId, type Client, type TestContext } from '../../test/harness.ts';

let ctx: TestContext;
let admin: Client;
let reader: Client;

interface Day { day: string; kind: 'holiday' | 'workday'; name: string; updatedBy: string | null }
interface Year { year: number; workingDays: number; items: Day[] }

const dow = (iso: string) => new Date(iso + 'T00:00:00Z').getUTCDay();
const isWeekend = (iso: string) => dow(iso) === 0 || dow(iso) === 6;
const next = (iso: string, n = 1) => {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
/** First day on or after `from` with the given weekday (0 = Sunday). */
const firstWeekday = (from: string, weekday: number) => {
  let d = from;
  while (dow(d) !== weekday) d = next(d);
  return d;
};

const year = async (y: number): Promise<Year> => {
  const res = await reader.get(`/api/calendar?year=${y}`);
  expect(res.statusCode).toBe(200);
  return res.json();
};

/** The rule as the calendar's own items describe it, computed independently of the service. */
const working = (items: Day[]) => {
  const kinds = new Map(items.map((i) => [i.day, i.kind]));
  return (d: string) => (kinds.has(d) ? kinds.get(d) === 'workday' : !isWeekend(d));
};

beforeAll(async () => {
  ctx = await createTestContext();
  await ctx.addUser('hq_admin', ctx.bank.ho, ['head_office_admin']);
  await ctx.addUser('mgr', ctx.bank.teamA1, ['primary_manager']);
  admin = await ctx.login('hq_admin');
  reader = await ctx.login('mgr');
});
afterAll(() => ctx?.close());

describe('the seeded year', () => {
  it('lists the 2026 public holidays and adjusted working weekends', async () => {
    const y = await year(2026);
    expect(y.year).toBe(2026);
    expect(y.items.find((i) => i.day === '2026-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节' });
    expect(y.items.find((i) => i.day === '2026-01-01')).toMatchObject({ kind: 'holiday', name: '元旦' });
    const workdays = y.items.filter((i) => i.kind === 'workday');
    expect(workdays.length).toBeGreaterThan(0);
    expect(workdays.map((w) => w.day)).toContain('2026-10-10');
    for (const w of workdays) expect(isWeekend(w.day), w.day).toBe(true);
    for (const h of y.items.filter((i) => i.kind === 'holiday')) expect(isWeekend(h.day), h.day).toBe(false);
    for (const i of y.items) expect(i.day.startsWith('2026-')).toBe(true);
    expect(y.items.map((i) => i.day)).toEqual([...y.items.map((i) => i.day)].sort());
  });

  it('counts working days consistently with its items', async () => {
    const y = await year(2026);
    let weekdays = 0;
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = next(d)) if (!isWeekend(d)) weekdays++;
    const holidays = y.items.filter((i) => i.kind === 'holiday').length;
    const workdays = y.items.filter((i) => i.kind === 'workday').length;
    expect(y.workingDays).toBe(weekdays - holidays + workdays);
  });

  it('reading needs only a sign-in; anonymous callers get 401', async () => {
    expect((await reader.get('/api/calendar?year=2026')).statusCode).toBe(200);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/calendar?year=2026' })).statusCode).toBe(401);
    expect((await reader.get('/api/calendar?year=1999')).statusCode).toBe(400);
  });
});

describe('maintaining exceptions (calendar.manage)', () => {
  it('marks a weekday as a holiday and a weekend day as a working day, and the count follows', async () => {
    const before = await year(2027);
    const holiday = firstWeekday('2027-03-01', 3);  // a Wednesday
    const workday = firstWeekday('2027-03-01', 6);  // a Saturday
    const since = await lastAuditId(ctx);

    const h = await admin.put(`/api/calendar/${holiday}`, { kind: 'holiday', name: '行庆日' });
    expect(h.statusCode).toBe(200);
    expect((await year(2027)).workingDays).toBe(before.workingDays - 1);
    const w = await admin.put(`/api/calendar/${workday}`, { kind: 'workday', name: '调休上班' });
    expect(w.statusCode).toBe(200);

    const after = await year(2027);
    expect(after.workingDays).toBe(before.workingDays);
    expect(after.items.find((i) => i.day === holiday)).toMatchObject({ kind: 'holiday', name: '行庆日', updatedBy: 'hq_admin' });
    expect(after.items.find((i) => i.day === workday)).toMatchObject({ kind: 'workday', name: '调休上班' });
    expect((await auditSince(ctx, since)).map((a) => [a.action, a.entity_id])).toEqual([['calendar.set', holiday], ['calendar.set', workday]]);

    // Putting the same day again replaces it, it does not add a second one.
    expect((await admin.put(`/api/calendar/${holiday}`, { kind: 'holiday', name: '行庆日（改）' })).statusCode).toBe(200);
    const again = await year(2027);
    expect(again.items.filter((i) => i.day === holiday)).toEqual([expect.objectContaining({ name: '行庆日（改）' })]);
  });

  it('refuses a holiday on a weekend and a working day on a weekday', async () => {
    const sunday = firstWeekday('2027-04-01', 0);
    const tuesday = firstWeekday('2027-04-01', 2);
    const a = await admin.put(`/api/calendar/${sunday}`, { kind: 'holiday', name: '周日假' });
    expect(a.statusCode).toBe(422);
    expect(a.json().errors[0]).toMatchObject({ path: 'kind', code: 'calendar.holiday_on_weekend' });
    const b = await admin.put(`/api/calendar/${tuesday}`, { kind: 'workday', name: '周二班' });
    expect(b.statusCode).toBe(422);
    expect(b.json().errors[0]).toMatchObject({ path: 'kind', code: 'calendar.workday_on_weekday' });
    const days = (await year(2027)).items.map((i) => i.day);
    expect(days).not.toContain(sunday);
    expect(days).not.toContain(tuesday);
  });

  it.each(['2026-02-30', '2027-13-01', '2027-1-5', 'tomorrow'])('refuses the impossible date %s with 400', async (day) => {
    const res = await admin.put(`/api/calendar/${day}`, { kind: 'holiday', name: '无效' });
    expect(res.statusCode).toBe(400);
    expect((await admin.delete(`/api/calendar/${day}`)).statusCode).toBe(400);
  });

  it('deletes an exception, returning the day to the weekday rule', async () => {
    const friday = firstWeekday('2027-05-10', 5);
    expect((await admin.put(`/api/calendar/${friday}`, { kind: 'holiday', name: '临时休假' })).statusCode).toBe(200);
    const withIt = await year(2027);
    const since = await lastAuditId(ctx);
    const res = await admin.delete(`/api/calendar/${friday}`);
    expect(res.statusCode).toBe(204);
    const without = await year(2027);
    expect(without.items.map((i) => i.day)).not.toContain(friday);
    expect(without.workingDays).toBe(withIt.workingDays + 1);
    expect((await auditSince(ctx, since)).map((a) => a.action)).toEqual(['calendar.delete']);
    expect((await admin.delete(`/api/calendar/${friday}`)).statusCode).toBe(404);
  });

  it('a change made by another system (API token) is attributed to no user', async () => {
    const bystander = await ctx.addUser('bystander', ctx.bank.subB1, ['primary_manager']);
    await sql`select setval(pg_get_serial_sequence('api_token', 'id'), ${bystander - 1})`.execute(ctx.handle.db);
    const issued = await admin.post('/api/api-tokens', { name: 'calendar-feed', roleIds: [await ctx.roleId('head_office_admin')], managingInstitutionId: ctx.bank.ho });
    expect(issued.json().id).toBe(bystander);
    const thursday = firstWeekday('2027-07-01', 4);
    const res = await ctx.app.inject({ method: 'PUT', url: `/api/calendar/${thursday}`, headers: { authorization: `Bearer ${issued.json().token}` },
      payload: { kind: 'holiday', name: '接口导入' } });
    expect(res.statusCode, res.body).toBe(200);
    expect((await year(2027)).items.find((i) => i.day === thursday)).toMatchObject({ name: '接口导入', updatedBy: null });
  });

  it('a user without calendar.manage reads but cannot change the calendar', async () => {
    const monday = firstWeekday('2027-06-01', 1);
    const put = await reader.put(`/api/calendar/${monday}`, { kind: 'holiday', name: '越权' });
    expect(put.statusCode).toBe(403);
    expect(put.json().code).toBe('common.forbidden');
    const del = await reader.delete('/api/calendar/2026-10-01');
    expect(del.statusCode).toBe(403);
    expect((await year(2027)).items.map((i) => i.day)).not.toContain(monday);
    expect((await year(2026)).items.map((i) => i.day)).toContain('2026-10-01');
  });
});

describe('add-working-days', () => {
  const add = async (from: string, days: number) => {
    const res = await reader.get(`/api/calendar/add-working-days?from=${from}&days=${days}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ from, days });
    return res.json().date as string;
  };

  it('skips the National Day holiday week', async () => {
    const isWorking = working((await year(2026)).items);
    // The answer is the first working day after 30 September by the calendar's own items.
    let expected = next('2026-09-30');
    while (!isWorking(expected)) expected = next(expected);
    expect(expected > '2026-10-07').toBe(true);

    const date = await add('2026-09-30', 1);
    expect(date).toBe(expected);
    expect(isWorking(date)).toBe(true);
    for (let d = '2026-10-01'; d < date; d = next(d)) expect(isWorking(d), d).toBe(false);
    // And back again.
    expect(await add(date, -1)).toBe('2026-09-30');
  });

  it('counts an adjusted working weekend day of the seeded calendar', async () => {
    const y = await year(2026);
    const isWorking = working(y.items);
    const saturday = y.items.find((i) => i.kind === 'workday' && dow(i.day) === 6)!;
    expect(saturday).toBeDefined();
    let before = next(saturday.day, -1);
    while (!isWorking(before)) before = next(before, -1);
    expect(await add(before, 1)).toBe(saturday.day);
  });

  it('follows an exception an administrator has just added', async () => {
    const monday = firstWeekday('2027-09-01', 1);
    const friday = next(monday, -3);
    expect(await add(friday, 1)).toBe(monday);
    expect((await admin.put(`/api/calendar/${monday}`, { kind: 'holiday', name: '临时闭门' })).statusCode).toBe(200);
    expect(await add(friday, 1)).toBe(next(monday));
    expect(await add(friday, 0)).toBe(friday);
    expect(await add(next(friday), 0)).toBe(next(monday));
  });

  it('refuses bad input with 400', async () => {
    expect((await reader.get('/api/calendar/add-working-days?from=2026-02-30&days=1')).statusCode).toBe(400);
    expect((await reader.get('/api/calendar/add-working-days?from=2026-09-30&days=1000')).statusCode).toBe(400);
    expect((await reader.get('/api/calendar/add-working-days?from=2026-09-30&days=1.5')).statusCode).toBe(400);
  });
});
