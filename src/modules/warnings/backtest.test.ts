// The backtest replays a generated history through the daily run's own scoring and measures the
// levels against the churners it injected: the report has each level, and the red level, which
// a relationship's end alone reaches, catches churners before they leave.
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/harness.ts';
import { prepareDatabase } from '../../server/bootstrap.ts';
import { formatBacktest, runBacktest } from './backtest.ts';

describe('warnings backtest', () => {
  it('prints precision, recall and lead time per level on generated data with injected churners', async () => {
    const { handle, drop } = await openTestDatabase();
    try {
      await prepareDatabase(handle);
      const r = await runBacktest(handle.db, { customers: 150, months: 10, warmupMonths: 6, churnShare: 0.1, seed: 5 });
      expect(r.levels.map((l) => l.level)).toEqual(['yellow', 'orange', 'red']);
      expect(r.churners).toBeGreaterThan(0);
      for (const l of r.levels) {
        expect(l.truePositives).toBeLessThanOrEqual(l.flagged);
        if (l.precision !== null) expect(l.precision).toBeGreaterThanOrEqual(0);
        if (l.recall !== null) expect(l.recall).toBeLessThanOrEqual(1);
      }
      // Yellow is reached before (or with) red: it flags at least as many and never later.
      expect(r.levels[0]!.flagged).toBeGreaterThanOrEqual(r.levels[2]!.flagged);
      expect(r.levels[2]!.churnersCaught).toBeGreaterThan(0);
      expect(formatBacktest(r).join('\n')).toMatch(/red .* %/);
    } finally {
      await handle.close();
      await drop();
    }
  }, 120_000);
});
