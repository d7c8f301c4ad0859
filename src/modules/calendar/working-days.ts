// PLAT-7: the one rule for "N working days". Monday–Friday are working days and weekends are
// not, except where the calendar says otherwise (a holiday on a weekday, an adjusted working
// Saturday). Pure: the caller supplies the exceptions.
export type DayKind = 'holiday' | 'workday';

const addDays = (iso: string, n: number) => {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

export function isWorkingDay(iso: string, exceptions: ReadonlyMap<string, DayKind>): boolean {
  const kind = exceptions.get(iso);
  if (kind) return kind === 'workday';
  const dow = new Date(iso + 'T00:00:00Z').getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The date `n` working days after `from` (n > 0) or before it (n < 0); `from` itself is not
 * counted. n = 0 returns `from` if it is a working day, otherwise the next working day.
 */
export function addWorkingDaysWith(from: string, n: number, exceptions: ReadonlyMap<string, DayKind>): string {
  let day = from;
  if (n === 0) {
    while (!isWorkingDay(day, exceptions)) day = addDays(day, 1);
    return day;
  }
  const step = n > 0 ? 1 : -1;
  let left = Math.abs(n);
  while (left > 0) {
    day = addDays(day, step);
    if (isWorkingDay(day, exceptions)) left--;
  }
  return day;
}

export { addDays };
