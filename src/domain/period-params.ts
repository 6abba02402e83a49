// zod schemas for periods given as text (URL query, path segments, CLI flags), with messages
// that say what a valid value looks like.
import { z } from 'zod';
import { parseDay, parseMonth, parseWeek, type Day, type Period } from './period.js';

export const DayParam = z
  .string()
  .transform((s, ctx): Day => {
    const day = parseDay(s);
    if (!day) {
      ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 40)}" is not a date; use YYYY-MM-DD, e.g. 2026-08-21` });
      return z.NEVER;
    }
    return day;
  });

export const WeekParam = z.string().transform((s, ctx): Period => {
  const week = parseWeek(s);
  if (!week) {
    ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 40)}" is not an ISO week; use YYYY-Www, e.g. 2026-W34` });
    return z.NEVER;
  }
  return week;
});

export const MonthParam = z.string().transform((s, ctx): Period => {
  const month = parseMonth(s);
  if (!month) {
    ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 40)}" is not a month; use YYYY-MM, e.g. 2026-08` });
    return z.NEVER;
  }
  return month;
});

