// Request bodies of the subscription routes. HTML forms send categories and keywords as one
// comma-separated text field; JSON clients may send the same text or an array of strings.
import { z } from 'zod';
import { MAX_EMAIL_LENGTH } from '../../../domain/account.js';
import {
  DIGEST_FREQUENCIES,
  MAX_CATEGORIES,
  MAX_KEYWORDS,
  MAX_KEYWORD_LENGTH,
  MIN_KEYWORD_LENGTH,
  isValidCategory,
  isValidTimeZone,
} from '../../../domain/subscription.js';

const Email = z
  .string({ error: 'give an e-mail address' })
  .trim()
  .max(MAX_EMAIL_LENGTH, `an e-mail address has at most ${MAX_EMAIL_LENGTH} characters`)
  .pipe(z.email({ error: 'give a valid e-mail address' }));

/** Longest list field read (characters), before splitting. */
const MAX_LIST_INPUT = 2000;

/** "a, b ,c" or ["a", "b"] → ['a', 'b', 'c']: trimmed, empty items dropped, duplicates removed. */
const List = z
  .union([z.string().max(MAX_LIST_INPUT, 'the list is too long'), z.array(z.string().max(MAX_LIST_INPUT)).max(100, 'the list is too long')])
  .transform((v) => [...new Set((typeof v === 'string' ? v.split(',') : v).map((x) => x.trim().replace(/\s+/g, ' ')).filter((x) => x !== ''))]);

const Categories = List.pipe(
  z
    .array(z.string().refine(isValidCategory, { error: (i) => `"${String(i.input)}" is not an arXiv category like cs.LG, hep-th or cond-mat.mes-hall` }))
    .max(MAX_CATEGORIES, `at most ${MAX_CATEGORIES} categories`),
);
const Keywords = List.pipe(
  z
    .array(
      z
        .string()
        .min(MIN_KEYWORD_LENGTH, `a keyword has at least ${MIN_KEYWORD_LENGTH} characters`)
        .max(MAX_KEYWORD_LENGTH, `a keyword has at most ${MAX_KEYWORD_LENGTH} characters`),
    )
    .max(MAX_KEYWORDS, `at most ${MAX_KEYWORDS} keywords`),
);

export const SubscribeBody = z.object({ email: Email });

export const PreferencesBody = z
  .object({
    frequency: z.enum(DIGEST_FREQUENCIES, { error: 'frequency is daily or weekly' }),
    time_zone: z.string().trim().max(64).refine(isValidTimeZone, 'give a time zone by its IANA name, like Europe/Berlin or America/New_York'),
    send_hour: z.coerce.number({ error: 'the hour is 0 to 23' }).int('the hour is 0 to 23').min(0, 'the hour is 0 to 23').max(23, 'the hour is 0 to 23'),
    send_weekday: z.coerce.number().int().min(1, 'the weekday is 1 (Monday) to 7 (Sunday)').max(7, 'the weekday is 1 (Monday) to 7 (Sunday)').default(1),
    categories: Categories.default([]),
    keywords: Keywords.default([]),
  })
  .transform((b) => ({
    frequency: b.frequency,
    timeZone: b.time_zone,
    sendHour: b.send_hour,
    sendWeekday: b.send_weekday,
    categories: b.categories,
    keywords: b.keywords,
  }));

/** RFC 8058 §3.1: the one-click POST carries exactly this field and value. */
export const OneClickBody = z.object({ 'List-Unsubscribe': z.literal('One-Click', { error: 'the body must be List-Unsubscribe=One-Click' }) }, { error: 'the body must be List-Unsubscribe=One-Click' });

export const LinkToken = z.object({ token: z.string().min(1).max(200) });
