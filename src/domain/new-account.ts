// What new accounts may do (issue 5, items 5 and 10). How long an account counts as new is the one
// setting config.newAccountHours (NEW_ACCOUNT_HOURS in config.ts, PAPERBOY_NEW_ACCOUNT_HOURS):
// a new account's votes are kept and shown on the paper but do not count toward trending, and it
// is rate-limited.

/** Most votes a new account may cast in any VOTE_LIMIT_WINDOW_HOURS (issue 5, item 10). */
export const NEW_ACCOUNT_VOTES_PER_WINDOW = 50;
/** The rolling window of the vote limit (hours). */
export const VOTE_LIMIT_WINDOW_HOURS = 24;

/**
 * Most papers an account may submit in its first SUBMISSION_LIMIT_HOURS (issue 5, item 7), while it
 * counts as new (config.newAccountHours > 0): enough to try the feature, too few to flood a day.
 */
export const NEW_ACCOUNT_SUBMISSIONS_FIRST_DAY = 3;
/** The first day of an account, for the submission limit (hours after its creation). */
export const SUBMISSION_LIMIT_HOURS = 24;

const MS_PER_HOUR = 3_600_000;

/** True when an account created at `createdAt` is still new at `at` (ISO timestamps). */
export function isNewAccount(createdAt: string, at: Date, newAccountHours: number): boolean {
  return newAccountHours > 0 && at.getTime() - Date.parse(createdAt) < newAccountHours * MS_PER_HOUR;
}
