// Subscription test helpers: the two active subscriptions the bounce fixtures in
// test/fixtures/bounces/ are about (ids 1 and 2 in a fresh database, with fixed unsubscribe tokens,
// so the fixtures' VERP addresses and List-Unsubscribe headers match them).
import path from 'node:path';
import { emailKey } from '../../src/domain/account.js';
import { DEFAULT_PREFERENCES } from '../../src/domain/subscription.js';
import type { Store } from '../../src/store/db.js';
import { confirmSubscription, requestSubscription } from '../../src/store/subscriptions.js';
import { REPO_ROOT } from './paths.js';

export const BOUNCE_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'bounces');
export const BOUNCE_ADDRESS = 'bounces@paperboy.test';
export const FIXTURE_SUBSCRIBERS = [
  { id: 1, email: 'ann@example.org', token: `fixture-token-1-${'a'.repeat(27)}` },
  { id: 2, email: 'bob@example.com', token: `fixture-token-2-${'a'.repeat(27)}` },
] as const;

/** An active subscription with a known unsubscribe token; returns its id. */
export async function activeSubscription(store: Store, email: string, token: string, now = '2026-11-29T10:00:00.000Z'): Promise<number> {
  const out = await requestSubscription(store.db, {
    email, emailKey: emailKey(email), userId: null, preferences: DEFAULT_PREFERENCES,
    unsubscribeToken: token, confirmTokenHash: `confirm-${token}`, confirmExpiresAt: '2099-01-01T00:00:00.000Z', now,
  });
  if ((await confirmSubscription(store.db, `confirm-${token}`, now)) === undefined) throw new Error(`could not confirm ${email}`);
  return out.subscription.id;
}

/** The fixtures' two subscribers, active, with ids 1 and 2 (checked). */
export async function addFixtureSubscribers(store: Store): Promise<void> {
  for (const s of FIXTURE_SUBSCRIBERS) {
    const id = await activeSubscription(store, s.email, s.token);
    if (id !== s.id) throw new Error(`expected subscription ${s.id} for ${s.email}, got ${id}`);
  }
}
