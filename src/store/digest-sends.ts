// The digest send log (0016): one row per (subscription, period key). Claims are single
// statements whose conditions make concurrent runs take each send at most once: an insert that
// only happens for an active subscription and does nothing on conflict, and takeovers that only
// succeed while the row is still in the state the taker read.
import { sql } from 'kysely';
import type { Db } from './db.js';

export const DIGEST_SEND_STATUSES = ['claimed', 'sent', 'empty', 'bounced', 'deferred'] as const;
export type DigestSendStatus = (typeof DIGEST_SEND_STATUSES)[number];
/** States after which a period is over for the subscriber. */
export const FINAL_SEND_STATUSES: readonly DigestSendStatus[] = ['sent', 'empty', 'bounced'];

/** Keys per `in (…)` list: far below either dialect's parameter limit. */
const IN_CHUNK = 500;

export interface DigestClaim {
  readonly subscriptionId: number;
  readonly periodKey: string;
  /** Used when the row is new; a taken-over row keeps the Message-ID of its first claim. */
  readonly messageId: string;
  /** Who claims: a run id (host:pid:random). */
  readonly runner: string;
  /** ISO time after which another run may take the claim over. */
  readonly leaseUntil: string;
  readonly now: string;
}

export interface ClaimedRow {
  readonly status: DigestSendStatus;
  readonly claimedBy: string | null;
  readonly claimedUntil: string | null;
}

export type ClaimResult =
  | { readonly kind: 'claimed'; readonly id: number; readonly messageId: string; readonly attempts: number }
  | { readonly kind: 'done'; readonly status: DigestSendStatus }
  | { readonly kind: 'busy'; readonly claimedBy: string | null }
  | { readonly kind: 'inactive' };

const activeSubscription = (db: Db, id: number) =>
  db.selectFrom('subscriptions').select('subscriptions.id').where('subscriptions.id', '=', id).where('subscriptions.status', '=', 'active');

/**
 * Claims the send of `periodKey` to a subscription for this run. A new row is only made for an
 * active subscription. An existing row is taken over when 'deferred', or when 'claimed' and
 * `mayTakeOver` says its runner is gone (lease over, or a dead process); never when final.
 */
export async function claimDigestSend(db: Db, c: DigestClaim, mayTakeOver: (row: ClaimedRow) => boolean): Promise<ClaimResult> {
  // Constants are cast so PostgreSQL knows their types inside INSERT … SELECT.
  const inserted = await db
    .insertInto('digest_sends')
    .columns(['subscription_id', 'period_key', 'status', 'message_id', 'papers', 'attempts', 'claimed_by', 'claimed_until', 'created_at', 'updated_at'])
    .expression(
      activeSubscription(db, c.subscriptionId)
        .clearSelect()
        .select([
          'subscriptions.id',
          sql<string>`cast(${c.periodKey} as text)`.as('period_key'),
          sql<string>`cast('claimed' as text)`.as('status'),
          sql<string>`cast(${c.messageId} as text)`.as('message_id'),
          sql<number>`0`.as('papers'),
          sql<number>`1`.as('attempts'),
          sql<string>`cast(${c.runner} as text)`.as('claimed_by'),
          sql<string>`cast(${c.leaseUntil} as text)`.as('claimed_until'),
          sql<string>`cast(${c.now} as text)`.as('created_at'),
          sql<string>`cast(${c.now} as text)`.as('updated_at'),
        ]),
    )
    .onConflict((oc) => oc.columns(['subscription_id', 'period_key']).doNothing())
    .returning(['id', 'message_id', 'attempts'])
    .executeTakeFirst();
  if (inserted !== undefined) return { kind: 'claimed', id: Number(inserted.id), messageId: inserted.message_id, attempts: Number(inserted.attempts) };

  const row = await db
    .selectFrom('digest_sends')
    .select(['id', 'status', 'claimed_by', 'claimed_until'])
    .where('subscription_id', '=', c.subscriptionId)
    .where('period_key', '=', c.periodKey)
    .executeTakeFirst();
  if (row === undefined) return { kind: 'inactive' };
  const current: ClaimedRow = { status: row.status, claimedBy: row.claimed_by, claimedUntil: row.claimed_until };
  if (FINAL_SEND_STATUSES.includes(row.status)) return { kind: 'done', status: row.status };
  if (row.status === 'claimed' && !mayTakeOver(current)) return { kind: 'busy', claimedBy: row.claimed_by };
  const taken = await db
    .updateTable('digest_sends')
    .set((eb) => ({ status: 'claimed', claimed_by: c.runner, claimed_until: c.leaseUntil, attempts: eb('attempts', '+', 1), updated_at: c.now }))
    .where('id', '=', row.id)
    .where('status', '=', row.status)
    .where((eb) => (row.claimed_by === null ? eb('claimed_by', 'is', null) : eb('claimed_by', '=', row.claimed_by)))
    .where((eb) => eb.exists(activeSubscription(db, c.subscriptionId)))
    .returning(['id', 'message_id', 'attempts'])
    .executeTakeFirst();
  if (taken !== undefined) return { kind: 'claimed', id: Number(taken.id), messageId: taken.message_id, attempts: Number(taken.attempts) };
  // Lost a race, or the subscription is no longer active: read what it is now.
  const after = await db.selectFrom('digest_sends').select(['status', 'claimed_by']).where('id', '=', row.id).executeTakeFirst();
  if (after !== undefined && FINAL_SEND_STATUSES.includes(after.status)) return { kind: 'done', status: after.status };
  if (after?.status === 'claimed' && after.claimed_by !== c.runner) return { kind: 'busy', claimedBy: after.claimed_by };
  return { kind: 'inactive' };
}

export interface BatchClaim {
  readonly subscriptionId: number;
  readonly periodKey: string;
  readonly messageId: string;
}

/**
 * Claims many new sends in one statement: a row for each (subscription, period) that has none yet
 * and whose subscription is active. Returns the claimed ones by `${subscriptionId}:${periodKey}`;
 * the others (an existing row, or an inactive subscription) go through claimDigestSend one by one.
 * Claiming ahead of sending is safe: a claim whose mail never left is sent by the next run.
 */
export async function claimNewDigestSends(
  db: Db,
  claims: readonly BatchClaim[],
  runner: string,
  leaseUntil: string,
  now: string,
): Promise<Map<string, { readonly id: number; readonly messageId: string; readonly attempts: number }>> {
  const out = new Map<string, { id: number; messageId: string; attempts: number }>();
  for (let i = 0; i < claims.length; i += IN_CHUNK / 5) {
    const part = claims.slice(i, i + IN_CHUNK / 5);
    // Casts tell PostgreSQL the types of the VALUES columns; SQLite ignores them.
    const values = sql.join(part.map((c) => sql`(cast(${c.subscriptionId} as integer), cast(${c.periodKey} as text), cast(${c.messageId} as text))`));
    // The WHERE before ON CONFLICT also keeps SQLite's parser from reading ON as a join constraint.
    const rows = await sql<{ id: number | string; subscription_id: number | string; period_key: string; message_id: string; attempts: number | string }>`
      with v(sid, period_key, message_id) as (values ${values})
      insert into digest_sends (subscription_id, period_key, status, message_id, papers, attempts, claimed_by, claimed_until, created_at, updated_at)
      select s.id, v.period_key, 'claimed', v.message_id, 0, 1, cast(${runner} as text), cast(${leaseUntil} as text), cast(${now} as text), cast(${now} as text)
      from v join subscriptions s on s.id = v.sid
      where s.status = 'active'
      on conflict (subscription_id, period_key) do nothing
      returning id, subscription_id, period_key, message_id, attempts`.execute(db);
    for (const r of rows.rows) out.set(`${r.subscription_id}:${r.period_key}`, { id: Number(r.id), messageId: r.message_id, attempts: Number(r.attempts) });
  }
  return out;
}

export interface SendOutcome {
  readonly status: Exclude<DigestSendStatus, 'claimed'>;
  readonly papers: number;
  readonly error?: string | null;
  readonly now: string;
}

/** Records how this run's claim ended; false when the claim is no longer this runner's. */
export async function finishDigestSend(db: Db, id: number, runner: string, o: SendOutcome): Promise<boolean> {
  const result = await db
    .updateTable('digest_sends')
    .set({
      status: o.status,
      papers: o.papers,
      last_error: o.error?.slice(0, 1000) ?? null,
      claimed_by: null,
      claimed_until: null,
      updated_at: o.now,
      sent_at: o.status === 'sent' ? o.now : null,
    })
    .where('id', '=', id)
    .where('status', '=', 'claimed')
    .where('claimed_by', '=', runner)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Gives back this runner's unsent claims as 'deferred' (taken over by the next run); returns how many. */
export async function releaseClaims(db: Db, runner: string, now: string): Promise<number> {
  const result = await db
    .updateTable('digest_sends')
    .set({ status: 'deferred', claimed_by: null, claimed_until: null, updated_at: now })
    .where('claimed_by', '=', runner)
    .where('status', '=', 'claimed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** `${subscriptionId}:${periodKey}` of the finished sends among these subscriptions and periods. */
export async function finishedSends(db: Db, subscriptionIds: readonly number[], periodKeys: readonly string[]): Promise<Set<string>> {
  const done = new Set<string>();
  const keys = [...new Set(periodKeys)];
  const ids = [...new Set(subscriptionIds)];
  if (keys.length === 0) return done;
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const rows = await db
      .selectFrom('digest_sends')
      .select(['subscription_id', 'period_key'])
      .where('subscription_id', 'in', ids.slice(i, i + IN_CHUNK))
      .where('period_key', 'in', keys)
      .where('status', 'in', [...FINAL_SEND_STATUSES])
      .execute();
    for (const r of rows) done.add(`${r.subscription_id}:${r.period_key}`);
  }
  return done;
}

export interface DigestSendRow {
  readonly subscriptionId: number;
  readonly periodKey: string;
  readonly status: DigestSendStatus;
  readonly messageId: string;
  readonly papers: number;
  readonly attempts: number;
  readonly lastError: string | null;
}

/** The log of one period, by subscription id. */
export async function sendLog(db: Db, periodKey: string): Promise<DigestSendRow[]> {
  const rows = await db.selectFrom('digest_sends').selectAll().where('period_key', '=', periodKey).orderBy('subscription_id').execute();
  return rows.map((r) => ({
    subscriptionId: Number(r.subscription_id),
    periodKey: r.period_key,
    status: r.status,
    messageId: r.message_id,
    papers: Number(r.papers),
    attempts: Number(r.attempts),
    lastError: r.last_error,
  }));
}
