// The manage and unsubscribe links of every mail: the subscription's unsubscribe token is the whole
// authentication. An unknown (or forged) token is "not found" and changes nothing.
import { emailKey } from '../../domain/account.js';
import { notFound } from '../../domain/errors.js';
import type { SubscriptionPreferences } from '../../domain/subscription.js';
import { subscriptionByToken, subscriptionForUser, unsubscribeByToken, updatePreferences, type Subscription } from '../../store/subscriptions.js';
import type { SubscriptionContext } from './subscribe.js';

export const UNKNOWN_LINK = 'This subscription link does not work. If you copied it from a mail, check that it is complete.';

/** Tokens are 43 base64url characters (accounts/context.ts newSecret); anything else is refused before a lookup. */
function tokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

export async function subscriptionOfLinkOrThrow(ctx: SubscriptionContext, token: string): Promise<Subscription> {
  const sub = tokenShaped(token) ? await subscriptionByToken(ctx.store.db, token) : undefined;
  if (sub === undefined) throw notFound(UNKNOWN_LINK);
  return sub;
}

export async function changePreferences(ctx: SubscriptionContext, token: string, preferences: SubscriptionPreferences): Promise<Subscription> {
  const sub = tokenShaped(token) ? await updatePreferences(ctx.store.db, token, preferences, ctx.now().toISOString()) : undefined;
  if (sub === undefined) throw notFound(UNKNOWN_LINK);
  return sub;
}

/** Unsubscribes at once (idempotent: a second time answers the same). Unknown tokens: 404, no change. */
export async function unsubscribe(ctx: SubscriptionContext, token: string): Promise<Subscription> {
  const sub = tokenShaped(token) ? await unsubscribeByToken(ctx.store.db, token, ctx.now().toISOString()) : undefined;
  if (sub === undefined) throw notFound(UNKNOWN_LINK);
  return sub;
}

/**
 * The subscription an account may manage from its settings: the one of its address, once that
 * address is verified. An unverified account gets none: anyone can sign up with someone else's
 * address, and the manage page must not open to them.
 */
export async function subscriptionOfAccount(ctx: SubscriptionContext, account: { userId: number; email: string; emailVerified: boolean }): Promise<Subscription | undefined> {
  if (!account.emailVerified) return undefined;
  const sub = await subscriptionForUser(ctx.store.db, account.userId, emailKey(account.email));
  // A subscription made by the account for an address it has since left is not shown to it.
  if (sub === undefined || emailKey(sub.email) !== emailKey(account.email)) return undefined;
  return sub;
}
