// Digest subscriptions (0015). Writes that race (two confirmations of one link, a bounce report
// ingested twice at once) are conditional updates or `on conflict do nothing` inserts, so only one
// of them takes effect. Preferences are read back through zod, so a hand-edited row that breaks
// the JSON shape fails loudly instead of sending a wrong digest.
import { z } from 'zod';
import {
  bouncesSuspend,
  type BounceKind,
  type SubscriptionPreferences,
  type SubscriptionStatus,
  isDue,
} from '../domain/subscription.js';
import type { Db } from './db.js';
import type { SubscriptionsTable } from './schema.js';

export interface Subscription {
  readonly id: number;
  readonly email: string;
  readonly userId: number | null;
  readonly status: SubscriptionStatus;
  /** Capability of the manage and unsubscribe links in every mail. */
  readonly unsubscribeToken: string;
  readonly preferences: SubscriptionPreferences;
  readonly hardBounces: number;
  readonly softBounces: number;
  readonly createdAt: string;
  readonly confirmedAt: string | null;
  readonly updatedAt: string;
}

const StringList = z.array(z.string());

type Row = Pick<
  SubscriptionsTable,
  | 'email'
  | 'user_id'
  | 'status'
  | 'frequency'
  | 'time_zone'
  | 'send_hour'
  | 'send_weekday'
  | 'categories'
  | 'keywords'
  | 'unsubscribe_token'
  | 'created_at'
  | 'confirmed_at'
  | 'updated_at'
> & { id: number; hard_bounces: number; soft_bounces: number };

const COLUMNS = [
  'id',
  'email',
  'user_id',
  'status',
  'frequency',
  'time_zone',
  'send_hour',
  'send_weekday',
  'categories',
  'keywords',
  'unsubscribe_token',
  'hard_bounces',
  'soft_bounces',
  'created_at',
  'confirmed_at',
  'updated_at',
] as const;

function toSubscription(row: Row): Subscription {
  return {
    id: Number(row.id),
    email: row.email,
    userId: row.user_id === null ? null : Number(row.user_id),
    status: row.status,
    unsubscribeToken: row.unsubscribe_token,
    preferences: {
      frequency: row.frequency,
      timeZone: row.time_zone,
      sendHour: Number(row.send_hour),
      sendWeekday: Number(row.send_weekday),
      categories: StringList.parse(JSON.parse(row.categories)),
      keywords: StringList.parse(JSON.parse(row.keywords)),
    },
    hardBounces: Number(row.hard_bounces),
    softBounces: Number(row.soft_bounces),
    createdAt: row.created_at,
    confirmedAt: row.confirmed_at,
    updatedAt: row.updated_at,
  };
}

function preferenceColumns(p: SubscriptionPreferences) {
  return {
    frequency: p.frequency,
    time_zone: p.timeZone,
    send_hour: p.sendHour,
    send_weekday: p.sendWeekday,
    categories: JSON.stringify(p.categories),
    keywords: JSON.stringify(p.keywords),
  };
}

export async function subscriptionById(db: Db, id: number): Promise<Subscription | undefined> {
  const row = await db.selectFrom('subscriptions').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

export async function subscriptionByEmailKey(db: Db, emailKey: string): Promise<Subscription | undefined> {
  const row = await db.selectFrom('subscriptions').select(COLUMNS).where('email_key', '=', emailKey).executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

/** The subscription a mail's manage or unsubscribe link names; undefined for unknown tokens. */
export async function subscriptionByToken(db: Db, unsubscribeToken: string): Promise<Subscription | undefined> {
  const row = await db.selectFrom('subscriptions').select(COLUMNS).where('unsubscribe_token', '=', unsubscribeToken).executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

/** The subscription of an account: the one it made or manages, else the one of its address. */
export async function subscriptionForUser(db: Db, userId: number, emailKey: string | null): Promise<Subscription | undefined> {
  const own = await db.selectFrom('subscriptions').select(COLUMNS).where('user_id', '=', userId).orderBy('id').executeTakeFirst();
  if (own) return toSubscription(own);
  return emailKey === null ? undefined : subscriptionByEmailKey(db, emailKey);
}

export interface SubscribeRequest {
  readonly email: string;
  readonly emailKey: string;
  readonly userId: number | null;
  /** Preferences of a new row; an existing row keeps its own. */
  readonly preferences: SubscriptionPreferences;
  /** Used only when a new row is made. */
  readonly unsubscribeToken: string;
  readonly confirmTokenHash: string;
  readonly confirmExpiresAt: string;
  readonly now: string;
}

export interface SubscribeOutcome {
  /** Status before the request: undefined for a new address. */
  readonly previous: SubscriptionStatus | undefined;
  readonly subscription: Subscription;
  /** Whether the confirmation token was stored (false for an already active subscription). */
  readonly confirmationPending: boolean;
}

/**
 * Records a request to subscribe: a new pending row, or a new confirmation token on a pending,
 * unsubscribed or suspended one (only the newest link works). An active subscription is left as it is.
 */
export async function requestSubscription(db: Db, r: SubscribeRequest): Promise<SubscribeOutcome> {
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('subscriptions').select(COLUMNS).where('email_key', '=', r.emailKey).executeTakeFirst();
    if (existing === undefined) {
      const inserted = await tx
        .insertInto('subscriptions')
        .values({
          email: r.email,
          email_key: r.emailKey,
          user_id: r.userId,
          status: 'pending',
          ...preferenceColumns(r.preferences),
          unsubscribe_token: r.unsubscribeToken,
          confirm_token_hash: r.confirmTokenHash,
          confirm_expires_at: r.confirmExpiresAt,
          created_at: r.now,
          updated_at: r.now,
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return { previous: undefined, subscription: toSubscription(inserted), confirmationPending: true };
    }
    const before = toSubscription(existing);
    if (before.status === 'active') {
      if (r.userId !== null && before.userId === null) {
        await tx.updateTable('subscriptions').set({ user_id: r.userId, updated_at: r.now }).where('id', '=', before.id).execute();
      }
      return { previous: 'active', subscription: before, confirmationPending: false };
    }
    const updated = await tx
      .updateTable('subscriptions')
      .set({
        status: 'pending',
        confirm_token_hash: r.confirmTokenHash,
        confirm_expires_at: r.confirmExpiresAt,
        updated_at: r.now,
        ...(r.userId !== null && before.userId === null ? { user_id: r.userId } : {}),
      })
      .where('id', '=', before.id)
      .returning(COLUMNS)
      .executeTakeFirstOrThrow();
    return { previous: before.status, subscription: toSubscription(updated), confirmationPending: true };
  });
}

/** The pending subscription a confirmation link is for, without using the link (for the page with the button). */
export async function subscriptionByConfirmToken(db: Db, confirmTokenHash: string, now: string): Promise<Subscription | undefined> {
  const row = await db
    .selectFrom('subscriptions')
    .select(COLUMNS)
    .where('confirm_token_hash', '=', confirmTokenHash)
    .where('confirm_expires_at', '>', now)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

/**
 * Uses a confirmation link: the pending subscription becomes active, its bounce counts start again,
 * and the token is cleared. Undefined when the link is unknown, used or expired.
 */
export async function confirmSubscription(db: Db, confirmTokenHash: string, now: string): Promise<Subscription | undefined> {
  const row = await db
    .updateTable('subscriptions')
    .set({ status: 'active', confirmed_at: now, updated_at: now, confirm_token_hash: null, confirm_expires_at: null, hard_bounces: 0, soft_bounces: 0 })
    .where('confirm_token_hash', '=', confirmTokenHash)
    .where('confirm_expires_at', '>', now)
    .where('status', '=', 'pending')
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

/** Stores new preferences; undefined when the token names no subscription. */
export async function updatePreferences(db: Db, unsubscribeToken: string, preferences: SubscriptionPreferences, now: string): Promise<Subscription | undefined> {
  const row = await db
    .updateTable('subscriptions')
    .set({ ...preferenceColumns(preferences), updated_at: now })
    .where('unsubscribe_token', '=', unsubscribeToken)
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? toSubscription(row) : undefined;
}

/**
 * Unsubscribes the subscription of the token (from any status but unsubscribed; a pending one also
 * loses its confirmation link). Returns it, or undefined for an unknown token; an already
 * unsubscribed one is returned unchanged.
 */
export async function unsubscribeByToken(db: Db, unsubscribeToken: string, now: string): Promise<Subscription | undefined> {
  const row = await db
    .updateTable('subscriptions')
    .set({ status: 'unsubscribed', updated_at: now, confirm_token_hash: null, confirm_expires_at: null })
    .where('unsubscribe_token', '=', unsubscribeToken)
    .where('status', '!=', 'unsubscribed')
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? toSubscription(row) : subscriptionByToken(db, unsubscribeToken);
}

export interface Page {
  /** Subscriptions with id greater than this (0 for the first page). */
  readonly afterId?: number;
  /** Rows per page. */
  readonly limit: number;
}

export interface SubscriptionPage {
  readonly subscriptions: readonly Subscription[];
  /** Pass as afterId for the next page; null when this was the last. */
  readonly nextAfterId: number | null;
}

/** Active subscriptions in id order, a page at a time. */
export async function listActiveSubscriptions(db: Db, page: Page): Promise<SubscriptionPage> {
  const rows = await db
    .selectFrom('subscriptions')
    .select(COLUMNS)
    .where('status', '=', 'active')
    .where('id', '>', page.afterId ?? 0)
    .orderBy('id')
    .limit(page.limit)
    .execute();
  const subscriptions = rows.map(toSubscription);
  const last = subscriptions.at(-1);
  return { subscriptions, nextAfterId: subscriptions.length === page.limit && last !== undefined ? last.id : null };
}

/**
 * Active subscriptions whose digest is due in the UTC hour containing `at` (domain isDue: local
 * send hour in their time zone, and weekday for weekly ones). Pages over the active rows: a page may
 * hold fewer than `limit` due ones; keep calling with nextAfterId until it is null.
 */
export async function activeSubscriptionsDue(db: Db, at: Date, page: Page): Promise<SubscriptionPage> {
  const all = await listActiveSubscriptions(db, page);
  return { subscriptions: all.subscriptions.filter((s) => isDue(s.preferences, at)), nextAfterId: all.nextAfterId };
}

export interface BounceRecord {
  readonly subscriptionId: number;
  readonly kind: BounceKind;
  /** De-duplication key: the report's Message-ID, a hash of the report, or of the refused send. */
  readonly key: string;
  readonly source: 'dsn' | 'smtp';
  /** Enhanced status code (5.1.1), when known. */
  readonly statusCode?: string | null;
  readonly now: string;
}

export interface BounceOutcome {
  /** False when this key was counted before (or the subscription does not exist): nothing changed. */
  readonly counted: boolean;
  /** Whether the subscription is suspended now (by this bounce or earlier). */
  readonly suspended: boolean;
}

/**
 * Counts one bounce, once per key, and suspends the subscription when it reaches the thresholds of
 * domain/subscription.ts (an active or pending one; unsubscribed stays unsubscribed).
 */
export async function recordBounce(db: Db, b: BounceRecord): Promise<BounceOutcome> {
  return db.transaction().execute(async (tx) => {
    const sub = await tx.selectFrom('subscriptions').select(['id', 'status']).where('id', '=', b.subscriptionId).executeTakeFirst();
    if (sub === undefined) return { counted: false, suspended: false };
    const inserted = await tx
      .insertInto('subscription_bounces')
      .values({ key: b.key, subscription_id: b.subscriptionId, kind: b.kind, source: b.source, status_code: b.statusCode ?? null, at: b.now })
      .onConflict((oc) => oc.column('key').doNothing())
      .executeTakeFirst();
    if ((inserted.numInsertedOrUpdatedRows ?? 0n) === 0n) return { counted: false, suspended: sub.status === 'suspended' };
    const row = await tx
      .updateTable('subscriptions')
      .set((eb) => (b.kind === 'hard' ? { hard_bounces: eb('hard_bounces', '+', 1) } : { soft_bounces: eb('soft_bounces', '+', 1) }))
      .set({ updated_at: b.now })
      .where('id', '=', b.subscriptionId)
      .returning(['status', 'hard_bounces', 'soft_bounces'])
      .executeTakeFirstOrThrow();
    const suspend = (row.status === 'active' || row.status === 'pending') && bouncesSuspend(Number(row.hard_bounces), Number(row.soft_bounces));
    if (suspend) {
      await tx.updateTable('subscriptions').set({ status: 'suspended', updated_at: b.now }).where('id', '=', b.subscriptionId).execute();
    }
    return { counted: true, suspended: suspend || row.status === 'suspended' };
  });
}

/** The id of the subscription of an address, for bounce reports that name only the recipient. */
export async function subscriptionIdByEmailKey(db: Db, emailKey: string): Promise<number | undefined> {
  const row = await db.selectFrom('subscriptions').select('id').where('email_key', '=', emailKey).executeTakeFirst();
  return row === undefined ? undefined : Number(row.id);
}

const MAIL_ACTION = 'subscription_mail';

/**
 * Takes one of `max` mail slots of an address in the window since `windowStart` (rate_limit_hits,
 * 0008): true and recorded when one is free, false when the address had its share.
 */
export async function takeMailSlot(db: Db, emailKey: string, now: string, windowStart: string, max: number): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('rate_limit_hits')
      .where('action', '=', MAIL_ACTION)
      .where('subject', '=', emailKey)
      .where('at', '>', windowStart)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(row.n) >= max) return false;
    await tx.insertInto('rate_limit_hits').values({ action: MAIL_ACTION, subject: emailKey, at: now }).execute();
    return true;
  });
}

/**
 * Deletes subscriptions that were never confirmed and whose last confirmation link has expired:
 * the address's owner never agreed, so the row is kept no longer than its link. Rows confirmed
 * once (then unsubscribed, suspended or asked again) keep their history. Returns how many.
 */
export async function deleteUnconfirmedSubscriptions(db: Db, now: string): Promise<number> {
  const result = await db
    .deleteFrom('subscriptions')
    .where('status', '=', 'pending')
    .where('confirmed_at', 'is', null)
    .where('confirm_expires_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
