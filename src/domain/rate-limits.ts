// The abuse limits (issue 5, item 10) as named constants, and the windows of every limit counted in
// rate_limit_hits. Each limit is "at most LIMIT hits per (action, subject) in any rolling WINDOW";
// store/rate-limits.ts counts and records them, the commands answer 429 with Retry-After.

const MS_PER_SECOND = 1000;
const MS_PER_HOUR = 3_600_000;

/** Log-in attempts (password and second-factor steps, failed or not) per client IP per window. */
export const LOGIN_ATTEMPTS_PER_WINDOW = 5;
export const LOGIN_WINDOW_MS = 60 * MS_PER_SECOND;

/** Wrong second-factor codes per account per window (whatever the IP), on top of the IP limit. */
export const SECOND_FACTOR_FAILURES_PER_WINDOW = 10;
export const SECOND_FACTOR_FAILURE_WINDOW_MS = 15 * 60 * MS_PER_SECOND;

/** Least time between two comments of one account (s), and for new accounts (s). */
export const COMMENT_INTERVAL_S = 5;
export const NEW_ACCOUNT_COMMENT_INTERVAL_S = 30;
/** Most comments a new account may post in any NEW_ACCOUNT_COMMENT_WINDOW_HOURS (so on its first day). */
export const NEW_ACCOUNT_COMMENTS_PER_WINDOW = 10;
export const NEW_ACCOUNT_COMMENT_WINDOW_HOURS = 24;

/** The action names in rate_limit_hits (at most 40 characters, 0008's check). */
export const RATE_LIMIT_ACTIONS = {
  login: 'login',
  secondFactorFailure: 'second_factor_failure',
  comment: 'comment',
  commentDay: 'comment_day',
  vote: 'vote',
  submit: 'submit',
} as const;

/**
 * The longest window of any limit counted in rate_limit_hits (ms): the daily clean-up deletes hits
 * older than this, which no limit can still count. A new limit with a longer window raises it.
 * (The new-account vote limit, domain/new-account.ts, and the comment day limit are 24 h.)
 */
export const LONGEST_RATE_LIMIT_WINDOW_MS = Math.max(LOGIN_WINDOW_MS, SECOND_FACTOR_FAILURE_WINDOW_MS, NEW_ACCOUNT_COMMENT_WINDOW_HOURS * MS_PER_HOUR, 24 * MS_PER_HOUR);

/** Seconds until `retryAt` (ISO), at least 1: the Retry-After of a 429. */
export function retryAfterSeconds(retryAt: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(retryAt) - now.getTime()) / MS_PER_SECOND));
}
