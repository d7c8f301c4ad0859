// Working-day calendar maintained by administrators; seeded with the State Council's published
// holidays (via the chinese-days package, which knows years up to 2026).
import chineseDays from 'chinese-days';
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Database, Executor } from '../../db/database.ts';
import { invalid, notFound } from '../../common/http/errors.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor } from '../auth/actor.ts';
import { addDays, addWorkingDaysWith, isWorkingDay, type DayKind } from './working-days.ts';

async function exceptionsBetween(db: Executor, from: string, to: string): Promise<Map<string, DayKind>> {
  const rows = await db.selectFrom('calendar_day').select(['day', 'kind']).where('day', '>=', from).where('day', '<=', to).execute();
  return new Map(rows.map((r) => [r.day, r.kind]));
}

// Even the longest Chinese holiday run (Spring Festival + weekends) leaves > 1 working day a
// fortnight, so 3 × n + 30 calendar days always contain the answer.
const spanFor = (n: number) => Math.abs(n) * 3 + 30;

/** `n` working days after (or before) `from`, per the maintained calendar. Used by every such rule. */
export async function addWorkingDays(db: Executor, from: string, n: number): Promise<string> {
  const [lo, hi] = n >= 0 ? [from, addDays(from, spanFor(n))] : [addDays(from, -spanFor(n)), from];
  return addWorkingDaysWith(from, n, await exceptionsBetween(db, lo, hi));
}

/**
 * The calendar's exceptions a count of `n` (≥ 0, SQL) working days from `from` may meet, as a
 * jsonb object day → kind: for a service that reads them within a statement it sends anyway,
 * then counts with workingDaysAfter. The same span as addWorkingDays.
 */
export function calendarAhead(from: string, n: Expression<number>): RawBuilder<Record<string, DayKind>> {
  return sql<Record<string, DayKind>>`(select coalesce(jsonb_object_agg(c.day::text, c.kind), '{}'::jsonb) from calendar_day c
    where c.day >= ${from}::date and c.day <= ${from}::date + (abs(${n}) * 3 + 30))`;
}

/** `n` (≥ 0) working days after `from`, the exceptions read by calendarAhead. */
export const workingDaysAfter = (from: string, n: number, ahead: Record<string, DayKind>) => addWorkingDaysWith(from, n, new Map(Object.entries(ahead)));

export async function isWorkingDate(db: Executor, day: string): Promise<boolean> {
  return isWorkingDay(day, await exceptionsBetween(db, day, day));
}

export async function listCalendar(db: Executor, year: number) {
  const items = await db.selectFrom('calendar_day').leftJoin('app_user', 'app_user.id', 'calendar_day.updated_by')
    .select(['calendar_day.day', 'calendar_day.kind', 'calendar_day.name', 'app_user.username as updatedBy', 'calendar_day.updated_at as updatedAt'])
    .where('calendar_day.day', '>=', `${year}-01-01`).where('calendar_day.day', '<=', `${year}-12-31`).orderBy('calendar_day.day').execute();
  const exceptions = new Map(items.map((i) => [i.day, i.kind]));
  let workingDays = 0;
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) if (isWorkingDay(d, exceptions)) workingDays++;
  return { year, workingDays, items };
}

export async function setCalendarDay(db: Database, actor: Actor, day: string, input: { kind: DayKind; name: string }) {
  const dow = new Date(day + 'T00:00:00Z').getUTCDay();
  const weekend = dow === 0 || dow === 6;
  // An exception must change something: a holiday on a weekend or a working weekday is a no-op.
  if (input.kind === 'holiday' && weekend) throw invalid({ path: 'kind', code: 'calendar.holiday_on_weekend' });
  if (input.kind === 'workday' && !weekend) throw invalid({ path: 'kind', code: 'calendar.workday_on_weekday' });
  // updated_by is read as an app_user id: a token's id would name an unrelated person.
  const updatedBy = actor.kind === 'user' ? actor.id : null;
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('calendar_day').selectAll().where('day', '=', day).executeTakeFirst();
    await tx.insertInto('calendar_day').values({ day, kind: input.kind, name: input.name, updated_by: updatedBy })
      .onConflict((oc) => oc.column('day').doUpdateSet({ kind: input.kind, name: input.name, updated_by: updatedBy, updated_at: new Date() })).execute();
    await writeAudit(tx, actor, { action: 'calendar.set', entityType: 'calendar_day', entityId: day, before: before ?? null, after: { day, ...input } });
    return { day };
  });
}

export async function deleteCalendarDay(db: Database, actor: Actor, day: string) {
  return db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('calendar_day').selectAll().where('day', '=', day).executeTakeFirst();
    if (!before) throw notFound('calendar_day');
    await tx.deleteFrom('calendar_day').where('day', '=', day).execute();
    await writeAudit(tx, actor, { action: 'calendar.delete', entityType: 'calendar_day', entityId: day, before });
  });
}

/** Seeds the published holidays and adjusted working days that the table does not have yet. */
export async function seedCalendar(db: Database, years: number[]): Promise<number> {
  const rows: { day: string; kind: DayKind; name: string }[] = [];
  for (const y of years) {
    for (let d = `${y}-01-01`; d <= `${y}-12-31`; d = addDays(d, 1)) {
      const detail = chineseDays.getDayDetail(d);
      const dow = new Date(d + 'T00:00:00Z').getUTCDay();
      const weekend = dow === 0 || dow === 6;
      const name = String(detail.name ?? '').split(',')[1] ?? String(detail.name ?? '');
      if (!detail.work && !weekend) rows.push({ day: d, kind: 'holiday', name: name || '节假日' });
      if (detail.work && weekend) rows.push({ day: d, kind: 'workday', name: name ? `${name}调休` : '调休上班' });
    }
  }
  if (!rows.length) return 0;
  const res = await db.insertInto('calendar_day').values(rows).onConflict((oc) => oc.column('day').doNothing()).executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0);
}
