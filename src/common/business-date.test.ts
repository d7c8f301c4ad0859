import { describe, expect, it } from 'vitest';
import { businessToday } from './business-date.ts';

describe('businessToday', () => {
  it('is already the next day in Beijing at 17:00 UTC', () => {
    expect(businessToday(new Date('2026-03-01T17:00:00Z'))).toBe('2026-03-02');
  });
  it('is the same day in Beijing at 15:59 UTC', () => {
    expect(businessToday(new Date('2026-12-31T15:59:00Z'))).toBe('2026-12-31');
    expect(businessToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});
