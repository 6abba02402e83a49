// Use-case: delete account state that can never be used again: expired sessions, used or expired
// e-mailed tokens, expired pending log-ins, rate-limit hits older than the longest window any
// limit counts, and digest subscriptions never confirmed before their link expired. Every delete is by a time condition, so running it twice deletes nothing more.
import { LONGEST_RATE_LIMIT_WINDOW_MS } from '../domain/rate-limits.js';
import type { Store } from '../store/db.js';
import { deleteSpentEmailTokens } from '../store/email-tokens.js';
import { deleteUnconfirmedSubscriptions } from '../store/subscriptions.js';
import { deleteExpiredPendingLogins } from '../store/two-factor.js';
import { purgeRateLimitHits } from '../store/votes.js';
import { purgeExpiredSessions } from './accounts/sessions.js';

export interface CleanUpSummary {
  readonly sessions: number;
  readonly emailTokens: number;
  readonly pendingLogins: number;
  readonly rateLimitHits: number;
  readonly unconfirmedSubscriptions: number;
}

export async function cleanUpAccountState(store: Store, now: Date): Promise<CleanUpSummary> {
  const iso = now.toISOString();
  return {
    sessions: await purgeExpiredSessions(store.db, now),
    emailTokens: await deleteSpentEmailTokens(store.db, iso),
    pendingLogins: await deleteExpiredPendingLogins(store.db, iso),
    rateLimitHits: await purgeRateLimitHits(store.db, new Date(now.getTime() - LONGEST_RATE_LIMIT_WINDOW_MS).toISOString()),
    unconfirmedSubscriptions: await deleteUnconfirmedSubscriptions(store.db, iso),
  };
}
