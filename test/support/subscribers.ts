// Active digest subscriptions made through the store, as the subscribe + confirm journey leaves
// them (requestSubscription, then confirmSubscription with the link's token hash).
import { createHash, randomBytes } from 'node:crypto';
import { emailKey } from '../../src/domain/account.js';
import { DEFAULT_PREFERENCES, type SubscriptionPreferences } from '../../src/domain/subscription.js';
import type { Db } from '../../src/store/db.js';
import { confirmSubscription, requestSubscription, type Subscription } from '../../src/store/subscriptions.js';

const NOW = '2026-08-01T00:00:00.000Z';
const LATER = '2026-08-01T00:00:01.000Z';
const EXPIRES = '2099-01-01T00:00:00.000Z';

/** A pending subscription (made, never confirmed). */
export async function pendingSubscriber(db: Db, email: string, preferences: Partial<SubscriptionPreferences> = {}): Promise<{ sub: Subscription; confirmHash: string }> {
  const confirmHash = createHash('sha256').update(randomBytes(16)).digest('hex');
  const out = await requestSubscription(db, {
    email,
    emailKey: emailKey(email),
    userId: null,
    preferences: { ...DEFAULT_PREFERENCES, ...preferences },
    unsubscribeToken: randomBytes(24).toString('base64url'),
    confirmTokenHash: confirmHash,
    confirmExpiresAt: EXPIRES,
    now: NOW,
  });
  return { sub: out.subscription, confirmHash };
}

/** An active (confirmed) subscription. */
export async function activeSubscriber(db: Db, email: string, preferences: Partial<SubscriptionPreferences> = {}): Promise<Subscription> {
  const { confirmHash } = await pendingSubscriber(db, email, preferences);
  const sub = await confirmSubscription(db, confirmHash, LATER);
  if (sub === undefined) throw new Error(`could not confirm ${email}`);
  return sub;
}
