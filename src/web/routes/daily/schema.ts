// Query and path schemas of the daily feed pages and their JSON twins.
import { z } from 'zod';
import { FEED_SORTS } from '../../../commands/daily-feed.js';
import { DayParam, MonthParam, WeekParam } from '../../../domain/period-params.js';

export { DayParam, MonthParam, WeekParam };

/** Page number, from 0 as in the HF API. */
const Page = z.coerce.number({ message: 'p must be a whole number from 0' }).int('p must be a whole number').min(0).max(100_000).default(0);

/** Papers per page on HTML feed pages. */
export const PAGE_SIZE = 50;

export const DayPageQuery = z.object({ date: DayParam.optional(), p: Page });
export const PeriodPageQuery = z.object({ p: Page });

export const DailyPapersQuery = z
  .object({
    date: DayParam.optional(),
    week: WeekParam.optional(),
    month: MonthParam.optional(),
    p: Page,
    limit: z.coerce.number({ message: 'limit must be a number' }).int().min(1).max(100, 'limit is at most 100').default(50),
    sort: z.enum([...FEED_SORTS, 'upvotes'], { message: `sort must be one of ${FEED_SORTS.join(', ')}` }).default('upvotes'),
    submitter: z.string().trim().min(1).max(200).optional(),
  })
  .refine((q) => [q.date, q.week, q.month].filter((v) => v !== undefined).length <= 1, {
    message: 'give at most one of date, week and month',
  });
