// Digest subscriptions in the store (0015), on both dialects: one row per address key, the
// pending -> active -> unsubscribed life cycle with single-use expiring confirmation tokens, the due
// listing the digest sender pages through, bounce counting once per key with suspension at the
// thresholds, and the account link set null when the account is deleted.
import { expect, it } from 'vitest';
import { emailKey } from '../../src/domain/account.js';
import { DEFAULT_PREFERENCES, HARD_BOUNCES_TO_SUSPEND, SOFT_BOUNCES_TO_SUSPEND, type SubscriptionPreferences } from '../../src/domain/subscription.js';
import type { Store } from '../../src/store/db.js';
import {
  activeSubscriptionsDue,
  confirmSubscription,
  listActiveSubscriptions,
  recordBounce,
  requestSubscription,
  subscriptionByConfirmToken,
  subscriptionById,
  subscriptionByToken,
  subscriptionForUser,
  unsubscribeByToken,
  updatePreferences,
} from '../../src/store/subscriptions.js';
import { describeEachDialect } from '../support/dialects.js';
import { addAccount } from '../support/votes.js';

const T0 = '2026-11-30T10:00:00.000Z';
const LATER = '2026-12-03T10:00:00.000Z';

async function subscribe(store: Store, email: string, n: number, prefs: SubscriptionPreferences = DEFAULT_PREFERENCES, userId: number | null = null) {
  return requestSubscription(store.db, {
    email,
    emailKey: emailKey(email),
    userId,
    preferences: prefs,
    unsubscribeToken: `unsub-${n}-${email}`,
    confirmTokenHash: `hash-${n}-${email}`,
    confirmExpiresAt: '2026-12-02T10:00:00.000Z',
    now: T0,
  });
}

async function activate(store: Store, email: string, n: number, prefs?: SubscriptionPreferences): Promise<number> {
  const out = await subscribe(store, email, n, prefs);
  const sub = await confirmSubscription(store.db, `hash-${n}-${email}`, T0);
  if (sub === undefined) throw new Error('not confirmed');
  return out.subscription.id;
}

describeEachDialect('subscriptions store', (ctx) => {
  it('keeps one row per address; confirmation tokens are single-use, expire, and only the newest works', async () => {
    const first = await subscribe(ctx.store, 'Ann@Example.org', 1);
    expect(first.previous).toBeUndefined();
    expect(first.subscription.status).toBe('pending');
    const again = await subscribe(ctx.store, 'ann@example.ORG', 2);
    expect(again.previous).toBe('pending');
    expect(again.subscription.id).toBe(first.subscription.id);
    // The first token was replaced; the second one works once.
    expect(await confirmSubscription(ctx.store.db, 'hash-1-Ann@Example.org', T0)).toBeUndefined();
    expect(await subscriptionByConfirmToken(ctx.store.db, 'hash-2-ann@example.ORG', LATER)).toBeUndefined();
    expect((await subscriptionByConfirmToken(ctx.store.db, 'hash-2-ann@example.ORG', T0))?.id).toBe(first.subscription.id);
    expect(await confirmSubscription(ctx.store.db, 'hash-2-ann@example.ORG', LATER)).toBeUndefined();
    const active = await confirmSubscription(ctx.store.db, 'hash-2-ann@example.ORG', T0);
    expect(active?.status).toBe('active');
    expect(active?.confirmedAt).toBe(T0);
    expect(await confirmSubscription(ctx.store.db, 'hash-2-ann@example.ORG', T0)).toBeUndefined();
    // Subscribing an active address leaves it as it is.
    const third = await subscribe(ctx.store, 'ann@example.org', 3);
    expect(third).toMatchObject({ previous: 'active', confirmationPending: false });
    expect((await subscriptionById(ctx.store.db, first.subscription.id))?.status).toBe('active');
    const rows = await ctx.store.db.selectFrom('subscriptions').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('stores preferences, unsubscribes by token, and re-subscribing needs a new confirmation', async () => {
    const id = await activate(ctx.store, 'bob@example.org', 1);
    const token = 'unsub-1-bob@example.org';
    const prefs: SubscriptionPreferences = { frequency: 'weekly', timeZone: 'Asia/Tokyo', sendHour: 8, sendWeekday: 5, categories: ['cs.LG', 'hep-th'], keywords: ['diffusion model'] };
    expect((await updatePreferences(ctx.store.db, token, prefs, T0))?.preferences).toEqual(prefs);
    expect(await updatePreferences(ctx.store.db, 'forged', prefs, T0)).toBeUndefined();
    expect((await subscriptionByToken(ctx.store.db, token))?.preferences).toEqual(prefs);
    expect(await unsubscribeByToken(ctx.store.db, 'forged', T0)).toBeUndefined();
    expect((await subscriptionById(ctx.store.db, id))?.status).toBe('active');
    expect((await unsubscribeByToken(ctx.store.db, token, T0))?.status).toBe('unsubscribed');
    expect((await unsubscribeByToken(ctx.store.db, token, T0))?.status).toBe('unsubscribed');
    const back = await subscribe(ctx.store, 'bob@example.org', 2);
    expect(back).toMatchObject({ previous: 'unsubscribed', confirmationPending: true });
    expect(back.subscription.status).toBe('pending');
    expect(back.subscription.preferences).toEqual(prefs);
    expect(back.subscription.unsubscribeToken).toBe(token);
  });

  it('lists active subscriptions by page and those due in a UTC hour', async () => {
    await activate(ctx.store, 'a@example.org', 1, { ...DEFAULT_PREFERENCES, timeZone: 'Europe/Berlin', sendHour: 7 });
    await activate(ctx.store, 'b@example.org', 2, { ...DEFAULT_PREFERENCES, timeZone: 'UTC', sendHour: 6 });
    await activate(ctx.store, 'c@example.org', 3, { ...DEFAULT_PREFERENCES, timeZone: 'UTC', sendHour: 9 });
    await subscribe(ctx.store, 'pending@example.org', 4, { ...DEFAULT_PREFERENCES, timeZone: 'UTC', sendHour: 6 });
    const first = await listActiveSubscriptions(ctx.store.db, { limit: 2 });
    expect(first.subscriptions.map((s) => s.email)).toEqual(['a@example.org', 'b@example.org']);
    const second = await listActiveSubscriptions(ctx.store.db, { limit: 2, afterId: first.nextAfterId ?? -1 });
    expect(second.subscriptions.map((s) => s.email)).toEqual(['c@example.org']);
    expect(second.nextAfterId).toBeNull();
    // 06:xx UTC on 30 November is 07:xx in Berlin (UTC+1): a and b are due, c and the pending one not.
    const due: string[] = [];
    let afterId: number | null = 0;
    while (afterId !== null) {
      const page = await activeSubscriptionsDue(ctx.store.db, new Date('2026-11-30T06:15:00Z'), { limit: 1, afterId });
      due.push(...page.subscriptions.map((s) => s.email));
      afterId = page.nextAfterId;
    }
    expect(due).toEqual(['a@example.org', 'b@example.org']);
  });

  it(`counts each bounce once per key and suspends at ${HARD_BOUNCES_TO_SUSPEND} hard or ${SOFT_BOUNCES_TO_SUSPEND} soft`, async () => {
    const hard = await activate(ctx.store, 'hard@example.org', 1);
    const bounce = (subscriptionId: number, kind: 'hard' | 'soft', key: string) =>
      recordBounce(ctx.store.db, { subscriptionId, kind, key, source: 'dsn', statusCode: kind === 'hard' ? '5.1.1' : '4.2.2', now: T0 });
    expect(await bounce(hard, 'hard', 'r1')).toEqual({ counted: true, suspended: false });
    expect(await bounce(hard, 'hard', 'r1')).toEqual({ counted: false, suspended: false });
    expect((await subscriptionById(ctx.store.db, hard))?.hardBounces).toBe(1);
    expect(await bounce(hard, 'hard', 'r2')).toEqual({ counted: true, suspended: true });
    expect((await subscriptionById(ctx.store.db, hard))?.status).toBe('suspended');

    const soft = await activate(ctx.store, 'soft@example.org', 2);
    for (const key of ['s1', 's2', 's3']) expect((await bounce(soft, 'soft', key)).suspended).toBe(false);
    expect(await bounce(soft, 'soft', 's3')).toEqual({ counted: false, suspended: false });
    expect(await bounce(soft, 'soft', 's4')).toEqual({ counted: true, suspended: true });
    expect((await subscriptionById(ctx.store.db, soft))).toMatchObject({ status: 'suspended', softBounces: 4, hardBounces: 0 });
    expect((await listActiveSubscriptions(ctx.store.db, { limit: 10 })).subscriptions).toEqual([]);
    // Unknown subscriptions count nothing; an unsubscribed one is counted but stays unsubscribed.
    expect(await bounce(9999, 'hard', 'x')).toEqual({ counted: false, suspended: false });
    const gone = await activate(ctx.store, 'gone@example.org', 3);
    await unsubscribeByToken(ctx.store.db, 'unsub-3-gone@example.org', T0);
    await bounce(gone, 'hard', 'g1');
    await bounce(gone, 'hard', 'g2');
    expect((await subscriptionById(ctx.store.db, gone))?.status).toBe('unsubscribed');
    // Re-confirming a suspended subscription starts the counts again.
    await subscribe(ctx.store, 'hard@example.org', 4);
    const again = await confirmSubscription(ctx.store.db, 'hash-4-hard@example.org', T0);
    expect(again).toMatchObject({ status: 'active', hardBounces: 0, softBounces: 0 });
  });

  it("keeps the subscription when its account is deleted, without the account link", async () => {
    const user = await addAccount(ctx.store, 'carol@example.org', T0);
    const out = await subscribe(ctx.store, 'carol@example.org', 1, DEFAULT_PREFERENCES, user);
    expect((await subscriptionForUser(ctx.store.db, user, null))?.id).toBe(out.subscription.id);
    expect((await subscriptionForUser(ctx.store.db, 12345, 'carol@example.org'))?.id).toBe(out.subscription.id);
    await ctx.store.db.deleteFrom('users').where('id', '=', user).execute();
    const after = await subscriptionById(ctx.store.db, out.subscription.id);
    expect(after?.userId).toBeNull();
    expect(after?.email).toBe('carol@example.org');
  });

  it('refuses a second row for the same address key and out-of-range hours at the database', async () => {
    await subscribe(ctx.store, 'dup@example.org', 1);
    const row = {
      email: 'DUP@example.org', email_key: 'dup@example.org', user_id: null, status: 'pending' as const, frequency: 'daily' as const,
      time_zone: 'UTC', send_hour: 7, send_weekday: 1, categories: '[]', keywords: '[]', unsubscribe_token: 'other', created_at: T0, updated_at: T0,
    };
    await expect(ctx.store.db.insertInto('subscriptions').values(row).execute()).rejects.toThrow();
    await expect(ctx.store.db.insertInto('subscriptions').values({ ...row, email_key: 'x@example.org', send_hour: 24 }).execute()).rejects.toThrow();
  });
});
