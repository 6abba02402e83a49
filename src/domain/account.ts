// Accounts: roles, the key that makes e-mail addresses unique regardless of case, and the lifetimes
// of sessions and e-mailed tokens. Later work (TOTP, votes, moderation) builds on these names.

export const ROLES = ['user', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What emailed single-use tokens are for. */
export const EMAIL_TOKEN_PURPOSES = ['verify_email', 'reset_password', 'change_email'] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

/**
 * How long an emailed link works (hours). Password reset: 48 h (issue 5). The others match it, so
 * a link sent on Friday evening still works on Sunday.
 */
export const EMAIL_TOKEN_TTL_HOURS: Readonly<Record<EmailTokenPurpose, number>> = {
  verify_email: 48,
  reset_password: 48,
  change_email: 48,
};

/**
 * A session ends after this long without a request (minutes): OWASP ASVS 4.0.3 V3.3.2 at level 2
 * asks for re-authentication after 30 minutes idle or 12 hours in use.
 */
export const SESSION_IDLE_MINUTES = 30;
/** A session ends this long after log-in however active it is (hours; ASVS V3.3.2, level 2). */
export const SESSION_ABSOLUTE_HOURS = 12;
/**
 * A session's last-seen time is written at most this often (s), so reading pages does not write
 * to the database on every request; the idle timeout is exact to within this.
 */
export const SESSION_TOUCH_INTERVAL_S = 60;

/** Longest e-mail address accepted (RFC 5321 §4.5.3.1.3: 254 characters in a path). */
export const MAX_EMAIL_LENGTH = 254;

/**
 * The key that decides whether two addresses are the same account: trimmed and lower-cased whole.
 * (Only the domain is case-insensitive by the RFCs, but no mail provider in use treats local
 * parts by case, and two accounts for Ann@ and ann@ would be a trap.)
 */
export function emailKey(email: string): string {
  return email.trim().toLowerCase();
}

export function hoursAfter(time: Date, hours: number): Date {
  return new Date(time.getTime() + hours * 3_600_000);
}

export function minutesBefore(time: Date, minutes: number): Date {
  return new Date(time.getTime() - minutes * 60_000);
}
