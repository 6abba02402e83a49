// Digest periods: which papers a digest covers and the key that makes each send happen once.
//
// A digest covers one complete period of featured days: `daily:2026-11-29` the papers featured on
// 29 Nov 2026, `weekly:2026-W48` those featured Monday 23 – Sunday 29 Nov. Featured days are UTC
// dates everywhere in the store; the subscriber's time zone decides which period is due: at the
// local `send_hour` of local day D, the daily digest of D-1 is due (the last day that is over
// where the reader lives), and on the reader's local `send_weekday` the weekly digest of the last
// complete ISO week. A digest is due from its send hour until the local day ends, so a run that
// failed at the send hour is made up by the next one that day; a digest missed for a whole day
// (server down) is not sent late, it would only be stale.
import { addDays, parseDay, parseWeek, weekKey, type Day } from './period.js';
import { DIGEST_FREQUENCIES, type DigestFrequency } from './subscription.js';

export { DIGEST_FREQUENCIES, type DigestFrequency };

export interface DigestPeriod {
  readonly frequency: DigestFrequency;
  /** `daily:YYYY-MM-DD` or `weekly:YYYY-Www`: unique per subscriber in the send log. */
  readonly key: string;
  /** The featured days (UTC) the digest covers, inclusive. */
  readonly first: Day;
  readonly last: Day;
}

/** The period of `frequency` that contains the featured day `day`. */
export function digestPeriodOf(frequency: DigestFrequency, day: Day): DigestPeriod {
  if (frequency === 'daily') return { frequency, key: `daily:${day}`, first: day, last: day };
  const week = weekKey(day);
  const period = parseWeek(week);
  if (period === null) throw new RangeError(`no ISO week for ${day}`);
  return { frequency, key: `weekly:${week}`, first: period.first, last: period.last };
}

/** Reads a period key back (`daily:2026-11-29`, `weekly:2026-W48`); null when it is not one. */
export function parseDigestPeriodKey(key: string): DigestPeriod | null {
  const [frequency, value = ''] = key.split(':', 2);
  if (frequency === 'daily') {
    const day = parseDay(value);
    return day === null ? null : digestPeriodOf('daily', day);
  }
  if (frequency === 'weekly') {
    const week = parseWeek(value);
    return week === null ? null : digestPeriodOf('weekly', week.first);
  }
  return null;
}

/** The period just before the one containing `day`. */
export function periodBefore(frequency: DigestFrequency, day: Day): DigestPeriod {
  const current = digestPeriodOf(frequency, day);
  return digestPeriodOf(frequency, addDays(current.first, -1));
}

export interface LocalClock {
  readonly day: Day;
  /** 0–23. */
  readonly hour: number;
  /** ISO weekday: Monday 1 … Sunday 7. */
  readonly isoWeekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True for a time zone name this Node (full ICU) knows, e.g. "Europe/Berlin", "UTC". */
export function isTimeZone(name: string): boolean {
  if (name === '' || name.length > 64) return false;
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock day and hour at `instant` in `timeZone` (an IANA name; throws RangeError if unknown). */
export function localClock(instant: Date, timeZone: string): LocalClock {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const day = parseDay(`${get('year')}-${get('month')}-${get('day')}`);
  if (day === null) throw new RangeError(`cannot read the local date in ${timeZone}`);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return { day, hour: Number(get('hour')), isoWeekday: weekday === 0 ? 7 : weekday };
}

/** The last period of `frequency` that is over at `instant` where the subscriber lives. */
export function lastCompletePeriod(frequency: DigestFrequency, instant: Date, timeZone: string): DigestPeriod {
  return periodBefore(frequency, localClock(instant, timeZone).day);
}

/**
 * The digest due at `instant` for a subscriber in `timeZone` who wants it at local `sendHour` (and,
 * weekly, on ISO weekday `sendWeekday`, Monday 1), or null when none is due now: from the send
 * hour to local midnight, every day or on that weekday.
 */
export function dueDigestPeriod(frequency: DigestFrequency, instant: Date, timeZone: string, sendHour: number, sendWeekday = 1): DigestPeriod | null {
  const clock = localClock(instant, timeZone);
  if (clock.hour < sendHour) return null;
  if (frequency === 'weekly' && clock.isoWeekday !== sendWeekday) return null;
  return periodBefore(frequency, clock.day);
}
