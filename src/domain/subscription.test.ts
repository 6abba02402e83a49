import { describe, expect, it } from 'vitest';
import { bouncesSuspend, isDue, isValidCategory, isValidTimeZone, localHourAndWeekday } from './subscription.js';

describe('subscription rules', () => {
  it('accepts IANA zones Intl knows and nothing else', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('+02:00')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('accepts arXiv category syntax only', () => {
    expect(isValidCategory('cs.LG')).toBe(true);
    expect(isValidCategory('cond-mat.mes-hall')).toBe(true);
    expect(isValidCategory('hep-th')).toBe(true);
    expect(isValidCategory('CS.lg')).toBe(false);
    expect(isValidCategory('cs..LG')).toBe(false);
    expect(isValidCategory('cs.LG; drop')).toBe(false);
  });

  it('suspends at 2 hard or 4 soft bounces', () => {
    expect(bouncesSuspend(1, 3)).toBe(false);
    expect(bouncesSuspend(2, 0)).toBe(true);
    expect(bouncesSuspend(0, 4)).toBe(true);
  });

  it('is due in the UTC hour that is the local send hour, across DST', () => {
    // Berlin is UTC+1 in January, UTC+2 in July: 07:00 local is 06:00 and 05:00 UTC.
    const prefs = { frequency: 'daily' as const, timeZone: 'Europe/Berlin', sendHour: 7, sendWeekday: 1 };
    expect(isDue(prefs, new Date('2026-01-15T06:30:00Z'))).toBe(true);
    expect(isDue(prefs, new Date('2026-01-15T05:30:00Z'))).toBe(false);
    expect(isDue(prefs, new Date('2026-07-15T05:00:00Z'))).toBe(true);
    // Weekly on Monday (2026-11-30 is a Monday): Tuesday at the same hour is not due.
    const weekly = { ...prefs, frequency: 'weekly' as const, timeZone: 'UTC' };
    expect(isDue(weekly, new Date('2026-11-30T07:59:59Z'))).toBe(true);
    expect(isDue(weekly, new Date('2026-12-01T07:00:00Z'))).toBe(false);
    expect(localHourAndWeekday(new Date('2026-11-30T23:30:00Z'), 'Asia/Tokyo')).toEqual({ hour: 8, weekday: 2 });
  });
});
