// Calendar periods of the daily feed: a day (YYYY-MM-DD), an ISO week (YYYY-Www) or a month (YYYY-MM).
// All in UTC: a paper's "featured day" is a UTC date everywhere in the store.

declare const dayBrand: unique symbol;
/** A valid calendar date as YYYY-MM-DD (UTC). */
export type Day = string & { readonly [dayBrand]: true };

export type Period =
  | { readonly kind: 'day'; readonly key: string; readonly first: Day; readonly last: Day }
  | { readonly kind: 'week'; readonly key: string; readonly first: Day; readonly last: Day }
  | { readonly kind: 'month'; readonly key: string; readonly first: Day; readonly last: Day };

const MS_PER_DAY = 86_400_000;

function toDay(date: Date): Day {
  return date.toISOString().slice(0, 10) as Day;
}

export function parseDay(input: string): Day | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return toDay(date) === input && Number(m[1]) >= 1000 ? (input as Day) : null;
}

export function dayOf(date: Date): Day {
  return toDay(date);
}

export function addDays(day: Day, n: number): Day {
  return toDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * MS_PER_DAY));
}

/** ISO-8601 week of a day: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekOf(day: Day): { year: number; week: number } {
  const date = new Date(`${day}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = new Date(date.getTime() + (3 - weekday) * MS_PER_DAY);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - jan1) / MS_PER_DAY / 7);
  return { year, week };
}

export function weekKey(day: Day): string {
  const { year, week } = isoWeekOf(day);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function dayPeriod(day: Day): Period {
  return { kind: 'day', key: day, first: day, last: day };
}

export function parseWeek(input: string): Period | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(input);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1000 || week < 1) return null;
  // Monday of week 1 is the Monday on or before 4 January.
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const week1Monday = jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * MS_PER_DAY;
  const first = toDay(new Date(week1Monday + (week - 1) * 7 * MS_PER_DAY));
  if (isoWeekOf(first).year !== year) return null; // week 53 of a 52-week year
  return { kind: 'week', key: input, first, last: addDays(first, 6) };
}

export function parseMonth(input: string): Period | null {
  const m = /^(\d{4})-(\d{2})$/.exec(input);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  if (year < 1000 || month < 1 || month > 12) return null;
  const first = toDay(new Date(Date.UTC(year, month - 1, 1)));
  const last = toDay(new Date(Date.UTC(year, month, 0)));
  return { kind: 'month', key: input, first, last };
}

export function monthKey(day: Day): string {
  return day.slice(0, 7);
}

/** The period of the same kind just before or after. */
export function shiftPeriod(period: Period, direction: -1 | 1): Period {
  switch (period.kind) {
    case 'day':
      return dayPeriod(addDays(period.first, direction));
    case 'week': {
      const next = addDays(period.first, 7 * direction);
      return parseWeek(weekKey(next)) ?? period;
    }
    case 'month': {
      const anchor = direction === 1 ? addDays(period.last, 1) : addDays(period.first, -1);
      return parseMonth(monthKey(anchor)) ?? period;
    }
  }
}
