// PLAT-7: the one rule for "N working days". Pure tests of the rule with hand-made exceptions,
// then the same rule over the calendar the system really seeds for 2026.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { seedCalendar } from './calendar.service.ts';
import { addDays, addWorkingDaysWith, isWorkingDay, type DayKind } from './working-days.ts';

const none = new Map<string, DayKind>();
const dow = (iso: string) => new Date(iso + 'T00:00:00Z').getUTCDay();

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});

describe('isWorkingDay', () => {
  it('Monday to Friday work, Saturday and Sunday rest', () => {
    // 2026-03-02 is a Monday.
    expect(dow('2026-03-02')).toBe(1);
    const week = Array.from({ length: 7 }, (_, i) => addDays('2026-03-02', i));
    expect(week.map((d) => isWorkingDay(d, none))).toEqual([true, true, true, true, true, false, false]);
  });

  it('a holiday on a weekday is a day off; an adjusted Saturday is a working day', () => {
    const exceptions = new Map<string, DayKind>([['2026-03-04', 'holiday'], ['2026-03-07', 'workday']]);
    expect(dow('2026-03-04')).toBe(3);
    expect(dow('2026-03-07')).toBe(6);
    expect(isWorkingDay('2026-03-04', exceptions)).toBe(false);
    expect(isWorkingDay('2026-03-07', exceptions)).toBe(true);
    expect(isWorkingDay('2026-03-05', exceptions)).toBe(true);
    expect(isWorkingDay('2026-03-08', exceptions)).toBe(false);
  });
});

describe('addWorkingDaysWith', () => {
  it('skips weekends and does not count the start day', () => {
    // Friday + 1 → Monday; Thursday + 2 → Monday; Monday + 5 → next Monday.
    expect(addWorkingDaysWith('2026-03-06', 1, none)).toBe('2026-03-09');
    expect(addWorkingDaysWith('2026-03-05', 2, none)).toBe('2026-03-09');
    expect(addWorkingDaysWith('2026-03-02', 5, none)).toBe('2026-03-09');
    // From a Saturday, the first working day is the Monday.
    expect(addWorkingDaysWith('2026-03-07', 1, none)).toBe('2026-03-09');
  });

  it('skips a holiday on a weekday', () => {
    const exceptions = new Map<string, DayKind>([['2026-03-10', 'holiday']]);
    expect(addWorkingDaysWith('2026-03-09', 1, exceptions)).toBe('2026-03-11');
    expect(addWorkingDaysWith('2026-03-09', 1, none)).toBe('2026-03-10');
  });

  it('counts an adjusted working Saturday', () => {
    const exceptions = new Map<string, DayKind>([['2026-03-07', 'workday']]);
    expect(addWorkingDaysWith('2026-03-06', 1, exceptions)).toBe('2026-03-07');
    expect(addWorkingDaysWith('2026-03-06', 2, exceptions)).toBe('2026-03-09');
  });

  it('goes backwards for negative n', () => {
    expect(addWorkingDaysWith('2026-03-09', -1, none)).toBe('2026-03-06');
    expect(addWorkingDaysWith('2026-03-09', -5, none)).toBe('2026-03-02');
    const exceptions = new Map<string, DayKind>([['2026-03-06', 'holiday'], ['2026-03-07', 'workday']]);
    expect(addWorkingDaysWith('2026-03-09', -1, exceptions)).toBe('2026-03-07');
    expect(addWorkingDaysWith('2026-03-09', -2, exceptions)).toBe('2026-03-05');
  });

  it('n = 0 keeps a working day and rolls a day off forward to the next working day', () => {
    expect(addWorkingDaysWith('2026-03-04', 0, none)).toBe('2026-03-04');
    expect(addWorkingDaysWith('2026-03-07', 0, none)).toBe('2026-03-09');
    expect(addWorkingDaysWith('2026-03-08', 0, none)).toBe('2026-03-09');
    const exceptions = new Map<string, DayKind>([['2026-03-08', 'workday'], ['2026-03-09', 'holiday']]);
    expect(addWorkingDaysWith('2026-03-07', 0, exceptions)).toBe('2026-03-08');
    expect(addWorkingDaysWith('2026-03-09', 0, exceptions)).toBe('2026-03-10');
  });

  it('round-trips: n forward then n back lands on the start when it is a working day', () => {
    const exceptions = new Map<string, DayKind>([['2026-03-10', 'holiday'], ['2026-03-14', 'workday']]);
    for (let n = 1; n <= 15; n++) {
      const there = addWorkingDaysWith('2026-03-09', n, exceptions);
      expect(isWorkingDay(there, exceptions)).toBe(true);
      expect(addWorkingDaysWith(there, -n, exceptions)).toBe('2026-03-09');
    }
  });
});

describe('over the seeded 2026 calendar', () => {
  let handle: DatabaseHandle;
  let exceptions: Map<string, DayKind>;

  beforeAll(async () => {
    handle = await openDatabase({ kind: 'pglite' });
    await migrate(handle);
    await seedCalendar(handle.db, [2026]);
    const rows = await handle.db.selectFrom('calendar_day').select(['day', 'kind']).execute();
    exceptions = new Map(rows.map((r) => [r.day, r.kind as DayKind]));
  });
  afterAll(() => handle?.close());

  it('seeds only real exceptions: holidays on weekdays, working days on weekends', () => {
    expect(exceptions.size).toBeGreaterThan(20);
    for (const [day, kind] of exceptions) {
      const weekend = dow(day) === 0 || dow(day) === 6;
      expect(weekend, `${day} ${kind}`).toBe(kind === 'workday');
    }
  });

  it('crosses the Spring Festival: its weekday holidays are skipped, its adjusted Saturdays count', () => {
    // The published 2026 arrangement: off 15–23 February, work on Saturday 14 and Saturday 28.
    expect(exceptions.get('2026-02-14')).toBe('workday');
    expect(exceptions.get('2026-02-28')).toBe('workday');
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-23']) expect(exceptions.get(d), d).toBe('holiday');

    expect(addWorkingDaysWith('2026-02-13', 1, exceptions)).toBe('2026-02-14');
    expect(addWorkingDaysWith('2026-02-13', 2, exceptions)).toBe('2026-02-24');
    expect(addWorkingDaysWith('2026-02-13', 6, exceptions)).toBe('2026-02-28');
    expect(addWorkingDaysWith('2026-02-24', -1, exceptions)).toBe('2026-02-14');
    expect(addWorkingDaysWith('2026-02-18', 0, exceptions)).toBe('2026-02-24');
    // Every day strictly between the Saturday shift and the first day back is a day off.
    for (let d = '2026-02-15'; d < '2026-02-24'; d = addDays(d, 1)) expect(isWorkingDay(d, exceptions), d).toBe(false);
  });

  it('the count of working days over the holiday fortnight matches the published arrangement', () => {
    let n = 0;
    for (let d = '2026-02-09'; d <= '2026-03-01'; d = addDays(d, 1)) if (isWorkingDay(d, exceptions)) n++;
    // 9–13 Feb (5) + Sat 14 (1) + 24–27 Feb (4) + Sat 28 (1); Sunday 1 March rests.
    expect(n).toBe(11);
  });
});
