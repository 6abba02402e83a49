import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestPeriodOf, dueDigestPeriod, isTimeZone, lastCompletePeriod, localClock, parseDigestPeriodKey } from './digest-period.js';
import { addDays, type Day } from './period.js';

const at = (iso: string) => new Date(iso);

describe('digest periods', () => {
  it('keys daily and weekly periods by their featured days', () => {
    expect(digestPeriodOf('daily', '2026-11-29' as Day)).toEqual({ frequency: 'daily', key: 'daily:2026-11-29', first: '2026-11-29', last: '2026-11-29' });
    expect(digestPeriodOf('weekly', '2026-11-26' as Day)).toEqual({ frequency: 'weekly', key: 'weekly:2026-W48', first: '2026-11-23', last: '2026-11-29' });
    // ISO week-year boundary: 30 Dec 2024 is in 2025-W01.
    expect(digestPeriodOf('weekly', '2024-12-30' as Day).key).toBe('weekly:2025-W01');
  });

  it('parses keys back and refuses others', () => {
    expect(parseDigestPeriodKey('weekly:2026-W48')?.first).toBe('2026-11-23');
    expect(parseDigestPeriodKey('daily:2026-02-28')?.last).toBe('2026-02-28');
    for (const bad of ['daily:2026-02-30', 'weekly:2025-W53', 'monthly:2026-11', 'daily', '']) expect(parseDigestPeriodKey(bad)).toBeNull();
  });

  it('reads the local clock in IANA time zones', () => {
    expect(localClock(at('2026-11-30T06:30:00Z'), 'Asia/Tokyo')).toEqual({ day: '2026-11-30', hour: 15, isoWeekday: 1 });
    expect(localClock(at('2026-11-30T03:00:00Z'), 'America/New_York')).toEqual({ day: '2026-11-29', hour: 22, isoWeekday: 7 });
    expect(localClock(at('2026-11-30T00:10:00Z'), 'Asia/Kolkata').hour).toBe(5);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => localClock(new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });

  it('makes the last local day (or ISO week) due from the send hour on', () => {
    // 07:59 in Berlin (UTC+1 in November): not yet; 08:00: yesterday's digest.
    expect(dueDigestPeriod('daily', at('2026-11-30T06:59:00Z'), 'Europe/Berlin', 8)).toBeNull();
    expect(dueDigestPeriod('daily', at('2026-11-30T07:00:00Z'), 'Europe/Berlin', 8)?.key).toBe('daily:2026-11-29');
    // Same instant, New York is still on Sunday evening: Saturday's digest is due at 8 there.
    expect(dueDigestPeriod('daily', at('2026-11-30T03:00:00Z'), 'America/New_York', 0)?.key).toBe('daily:2026-11-28');
    // Weekly only on the chosen local weekday (Monday by default): 30 Nov 2026 is a Monday.
    expect(dueDigestPeriod('weekly', at('2026-11-30T09:00:00Z'), 'UTC', 9)?.key).toBe('weekly:2026-W48');
    expect(dueDigestPeriod('weekly', at('2026-12-01T09:00:00Z'), 'UTC', 9)).toBeNull();
    expect(dueDigestPeriod('weekly', at('2026-12-03T09:00:00Z'), 'UTC', 9, 4)?.key).toBe('weekly:2026-W48');
    expect(lastCompletePeriod('weekly', at('2026-12-02T09:00:00Z'), 'UTC').key).toBe('weekly:2026-W48');
  });

  it('a due period is always over where the subscriber lives, and the one just before', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }), fc.constantFrom('UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'America/St_Johns'), fc.integer({ min: 0, max: 23 }), (ms, tz, hour) => {
        const p = dueDigestPeriod('daily', new Date(ms), tz, hour);
        if (p === null) return;
        expect(addDays(p.last, 1)).toBe(localClock(new Date(ms), tz).day);
      }),
    );
  });
});
