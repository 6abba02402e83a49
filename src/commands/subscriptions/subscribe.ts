// Subscribing to the digest with double opt-in (issue 6). The answer is always the same ("check your
// mail"), whatever the address's state, so the form cannot tell who is subscribed: a new, pending,
// unsubscribed or suspended address gets a confirmation link, an active one a note with its manage
// link. Nothing but these two mails ever goes to an address that has not confirmed, and at most
// SUBSCRIBE_MAILS_PER_DAY of them per address, so the form cannot be used to flood someone's inbox.
import { emailKey, hoursAfter } from '../../domain/account.js';
import { badRequest } from '../../domain/errors.js';
import { manageSubscriptionUrl, unsubscribeUrl } from '../../domain/subscription-links.js';
import { CONFIRM_TOKEN_TTL_HOURS, DEFAULT_PREFERENCES } from '../../domain/subscription.js';
import { alreadySubscribedMail, confirmSubscriptionMail } from '../../email/subscription-mails.js';
import { confirmSubscription, requestSubscription, subscriptionByConfirmToken, takeMailSlot, type Subscription } from '../../store/subscriptions.js';
import { isSecretShaped, newSecret, secretId, tokenLink, type AccountContext } from '../accounts/context.js';

/** Subscription mails (confirmation or "already subscribed") per address per day, whatever asks for them. */
export const SUBSCRIBE_MAILS_PER_DAY = 3;
const MAIL_WINDOW_HOURS = 24;

export type SubscriptionContext = AccountContext;

export const CONFIRM_PATH = '/subscribe/confirm';

export const CONFIRM_LINK_DEAD = 'This link does not work: it was already used, has expired, or was replaced by a newer one.';

export async function subscribe(ctx: SubscriptionContext, input: { readonly email: string; readonly userId?: number | null }): Promise<void> {
  const email = input.email.trim();
  const key = emailKey(email);
  const now = ctx.now();
  const token = newSecret();
  const outcome = await requestSubscription(ctx.store.db, {
    email,
    emailKey: key,
    userId: input.userId ?? null,
    preferences: DEFAULT_PREFERENCES,
    unsubscribeToken: newSecret(),
    confirmTokenHash: secretId(token),
    confirmExpiresAt: hoursAfter(now, CONFIRM_TOKEN_TTL_HOURS).toISOString(),
    now: now.toISOString(),
  });
  const windowStart = hoursAfter(now, -MAIL_WINDOW_HOURS).toISOString();
  if (!(await takeMailSlot(ctx.store.db, key, now.toISOString(), windowStart, SUBSCRIBE_MAILS_PER_DAY))) return;
  const sub = outcome.subscription;
  if (outcome.confirmationPending) {
    await ctx.mailer.send(confirmSubscriptionMail(sub.email, tokenLink(ctx, CONFIRM_PATH, token), CONFIRM_TOKEN_TTL_HOURS));
  } else {
    await ctx.mailer.send(alreadySubscribedMail(sub.email, manageSubscriptionUrl(ctx.baseUrl, sub.unsubscribeToken), unsubscribeUrl(ctx.baseUrl, sub.unsubscribeToken)));
  }
}

/** True when the confirmation link would still work (the page with the button says so before the POST). */
export async function confirmationUsable(ctx: SubscriptionContext, token: string): Promise<boolean> {
  if (!isSecretShaped(token)) return false;
  return (await subscriptionByConfirmToken(ctx.store.db, secretId(token), ctx.now().toISOString())) !== undefined;
}

/** The POST behind the confirmation page's button: the subscription becomes active. */
export async function confirmSubscriptionToken(ctx: SubscriptionContext, token: string): Promise<Subscription> {
  const sub = isSecretShaped(token) ? await confirmSubscription(ctx.store.db, secretId(token), ctx.now().toISOString()) : undefined;
  if (sub === undefined) throw badRequest(CONFIRM_LINK_DEAD);
  return sub;
}
