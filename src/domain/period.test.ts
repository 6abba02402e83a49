import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoWeekOf, parseDay, parseMonth, parseWeek, shiftPeriod, weekKey, type Day } from './period.js';

describe('periods', () => {
  it('validates calendar days', () => {
    expect(parseDay('2026-08-21')).toBe('2026-08-21');
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2025-02-29', '2026-13-01', '2026-8-21', '20260821', '2026-08-21T00:00', '', 'today']) {
      expect(parseDay(bad)).toBeNull();
    }
  });

  it('computes ISO weeks at year boundaries', () => {
    expect(weekKey('2026-08-21' as Day)).toBe('2026-W34');
    expect(weekKey('2021-01-03' as Day)).toBe('2020-W53');
    expect(weekKey('2024-12-30' as Day)).toBe('2025-W01');
    expect(parseWeek('2026-W34')).toMatchObject({ first: '2026-08-17', last: '2026-08-23' });
    expect(parseWeek('2025-W01')).toMatchObject({ first: '2024-12-30', last: '2025-01-05' });
    expect(parseWeek('2026-W53')).toMatchObject({ first: '2026-12-28', last: '2027-01-03' });
    expect(parseWeek('2025-W53')).toBeNull();
    expect(parseWeek('2020-W53')).toMatchObject({ first: '2020-12-28' });
    expect(parseWeek('2026-W00')).toBeNull();
  });

  it('computes months', () => {
    expect(parseMonth('2024-02')).toMatchObject({ first: '2024-02-01', last: '2024-02-29' });
    expect(parseMonth('2026-13')).toBeNull();
  });

  it('every day lies inside its own week, and weeks tile the calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40_000 }), (offset) => {
        const day = addDays('1990-01-01' as Day, offset);
        const week = parseWeek(weekKey(day));
        expect(week).not.toBeNull();
        expect(week!.first <= day && day <= week!.last).toBe(true);
        expect(isoWeekOf(week!.first)).toEqual(isoWeekOf(week!.last));
        const next = shiftPeriod(week!, 1);
        expect(next.first).toBe(addDays(week!.last, 1));
      }),
    );
  });

  it('shifts months across years', () => {
    const dec = parseMonth('2025-12')!;
    expect(shiftPeriod(dec, 1).key).toBe('2026-01');
    expect(shiftPeriod(parseMonth('2026-01')!, -1).key).toBe('2025-12');
  });
});
