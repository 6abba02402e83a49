// E-mail subscriptions to the digest (issue 6): their states, preferences, the rules that validate
// preferences, the bounce thresholds that suspend one, and when a subscription is due. Pure: no I/O.
import { CATEGORY_PATTERN } from './query-parser.js';

export const SUBSCRIPTION_STATUSES = ['pending', 'active', 'unsubscribed', 'suspended'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const DIGEST_FREQUENCIES = ['daily', 'weekly'] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export type BounceKind = 'hard' | 'soft';

/** Hard bounces (5.x.x DSN, 5xx at RCPT TO) that suspend a subscription (issue 6). */
export const HARD_BOUNCES_TO_SUSPEND = 2;
/** Soft bounces (4.x.x DSN, 4xx at RCPT TO) that suspend a subscription (issue 6). */
export const SOFT_BOUNCES_TO_SUSPEND = 4;

export function bouncesSuspend(hard: number, soft: number): boolean {
  return hard >= HARD_BOUNCES_TO_SUSPEND || soft >= SOFT_BOUNCES_TO_SUSPEND;
}

/** How long a confirmation link works (hours): as long as the account links (domain/account.ts). */
export const CONFIRM_TOKEN_TTL_HOURS = 48;

/** Most categories one subscription follows; arXiv has ~155, nobody reads a digest of all. */
export const MAX_CATEGORIES = 20;
/** Most keywords one subscription follows. */
export const MAX_KEYWORDS = 20;
/** Shortest and longest keyword (characters): one letter matches everything, 60 is a long phrase. */
export const MIN_KEYWORD_LENGTH = 2;
export const MAX_KEYWORD_LENGTH = 60;
/** Longest category name accepted (the longest arXiv one, cond-mat.mes-hall, is 17). */
export const MAX_CATEGORY_LENGTH = 40;

/** Defaults of a new subscription: daily at 07:00 UTC, every category, no keywords. */
export const DEFAULT_FREQUENCY: DigestFrequency = 'daily';
export const DEFAULT_TIME_ZONE = 'UTC';
export const DEFAULT_SEND_HOUR = 7;
/** ISO weekday (1 = Monday … 7 = Sunday) of weekly digests. */
export const DEFAULT_SEND_WEEKDAY = 1;

export interface SubscriptionPreferences {
  readonly frequency: DigestFrequency;
  /** IANA name, e.g. "Europe/Berlin". */
  readonly timeZone: string;
  /** Local hour (0–23) the digest goes out. */
  readonly sendHour: number;
  /** ISO weekday (1 = Monday … 7 = Sunday) of weekly digests; ignored for daily ones. */
  readonly sendWeekday: number;
  /** arXiv categories (cs.LG, hep-th); empty = all. */
  readonly categories: readonly string[];
  /** Words or phrases matched against title and abstract; empty = no keyword filter. */
  readonly keywords: readonly string[];
}

export const DEFAULT_PREFERENCES: SubscriptionPreferences = Object.freeze({
  frequency: DEFAULT_FREQUENCY,
  timeZone: DEFAULT_TIME_ZONE,
  sendHour: DEFAULT_SEND_HOUR,
  sendWeekday: DEFAULT_SEND_WEEKDAY,
  categories: Object.freeze([]),
  keywords: Object.freeze([]),
});

/** An IANA time zone Node's Intl knows ("Europe/Berlin", "UTC"); not offsets like "+02:00". */
export function isValidTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function isValidCategory(category: string): boolean {
  return category.length <= MAX_CATEGORY_LENGTH && CATEGORY_PATTERN.test(category);
}

const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The local hour (0–23) and ISO weekday of an instant in a time zone. */
export function localHourAndWeekday(at: Date, timeZone: string): { readonly hour: number; readonly weekday: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' }).formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? NaN);
  const weekday = WEEKDAYS[parts.find((p) => p.type === 'weekday')?.value ?? ''] ?? NaN;
  return { hour, weekday };
}

/**
 * Whether a digest is due in the UTC hour that contains `at`: the local hour equals sendHour (and,
 * for weekly digests, the local weekday equals sendWeekday). A local hour skipped by a DST change is
 * skipped that day; a repeated one matches twice, so senders must de-duplicate per digest period.
 */
export function isDue(prefs: Pick<SubscriptionPreferences, 'frequency' | 'timeZone' | 'sendHour' | 'sendWeekday'>, at: Date): boolean {
  const local = localHourAndWeekday(at, prefs.timeZone);
  if (local.hour !== prefs.sendHour) return false;
  return prefs.frequency === 'daily' || local.weekday === prefs.sendWeekday;
}
