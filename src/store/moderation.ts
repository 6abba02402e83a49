// Moderation (0010): flags, hiding and restoring comments and papers, roles, and the audit log.
// Every hide, restore and grant writes its log row in the same transaction as the change.
import type { Role } from '../domain/account.js';
import type { Db } from './db.js';
import type { FlagTarget, ModerationAction } from './schema.js';

export type { FlagTarget, ModerationAction } from './schema.js';

export interface LogEntry {
  readonly actorId: number | null;
  readonly action: ModerationAction;
  readonly targetKind: FlagTarget | 'user' | 'claim';
  readonly targetId: string;
  readonly reason: string;
  readonly at: string;
}

/** Records the flag; false when this reader had already flagged the target (nothing changes). */
export async function insertFlag(db: Db, f: { readonly kind: FlagTarget; readonly targetId: string; readonly userId: number; readonly reason: string; readonly at: string }): Promise<boolean> {
  const result = await db
    .insertInto('flags')
    .values({ target_kind: f.kind, target_id: f.targetId, user_id: f.userId, reason: f.reason, created_at: f.at, resolved_at: null })
    .onConflict((oc) => oc.columns(['target_kind', 'target_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
}

export interface OpenFlag {
  readonly kind: FlagTarget;
  readonly targetId: string;
  readonly count: number;
  readonly reasons: readonly string[];
  readonly firstAt: string;
}

/** Unresolved flags grouped by target, oldest first. */
export async function openFlags(db: Db, limit: number): Promise<OpenFlag[]> {
  const rows = await db.selectFrom('flags').select(['target_kind', 'target_id', 'reason', 'created_at']).where('resolved_at', 'is', null).orderBy('created_at').orderBy('id').execute();
  const byTarget = new Map<string, { kind: FlagTarget; targetId: string; count: number; reasons: string[]; firstAt: string }>();
  for (const r of rows) {
    const key = `${r.target_kind}:${r.target_id}`;
    let entry = byTarget.get(key);
    if (!entry) {
      entry = { kind: r.target_kind, targetId: r.target_id, count: 0, reasons: [], firstAt: r.created_at };
      byTarget.set(key, entry);
    }
    entry.count += 1;
    if (r.reason !== '') entry.reasons.push(r.reason);
  }
  return [...byTarget.values()].slice(0, limit);
}

/** Writes one audit-log row; call it inside the transaction of the change it records. */
export async function logModeration(db: Db, e: LogEntry): Promise<void> {
  await db
    .insertInto('moderation_log')
    .values({ actor_id: e.actorId, action: e.action, target_kind: e.targetKind, target_id: e.targetId, reason: e.reason, created_at: e.at })
    .execute();
}

async function resolveFlags(db: Db, kind: FlagTarget, targetId: string, at: string): Promise<void> {
  await db.updateTable('flags').set({ resolved_at: at }).where('target_kind', '=', kind).where('target_id', '=', targetId).where('resolved_at', 'is', null).execute();
}

/** Hides or restores a comment, resolves its flags and logs it, in one transaction. */
export async function setCommentHidden(db: Db, commentId: number, hidden: boolean, actorId: number | null, reason: string, at: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('comments')
      .set(hidden ? { hidden_at: at, hidden_reason: reason } : { hidden_at: null, hidden_reason: null })
      .where('id', '=', commentId)
      .execute();
    await resolveFlags(tx, 'comment', String(commentId), at);
    await logModeration(tx, { actorId, action: hidden ? 'hide' : 'restore', targetKind: 'comment', targetId: String(commentId), reason, at });
  });
}

/** Hides or restores a paper, resolves its flags and logs it, in one transaction. */
export async function setPaperHidden(db: Db, paperId: string, hidden: boolean, actorId: number | null, reason: string, at: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    if (hidden) {
      await tx
        .insertInto('hidden_papers')
        .values({ paper_id: paperId, reason, moderator_id: actorId, hidden_at: at })
        .onConflict((oc) => oc.column('paper_id').doUpdateSet({ reason, moderator_id: actorId, hidden_at: at }))
        .execute();
    } else {
      await tx.deleteFrom('hidden_papers').where('paper_id', '=', paperId).execute();
    }
    await resolveFlags(tx, 'paper', paperId, at);
    await logModeration(tx, { actorId, action: hidden ? 'hide' : 'restore', targetKind: 'paper', targetId: paperId, reason, at });
  });
}

/** Why the paper is hidden, or undefined when it is not. */
export async function paperHiddenReason(db: Db, paperId: string): Promise<string | undefined> {
  return (await db.selectFrom('hidden_papers').select('reason').where('paper_id', '=', paperId).executeTakeFirst())?.reason;
}

/**
 * Sets a live account's role (unless its role is one of `keep`) and logs the change; the previous
 * role, or undefined for no such account.
 */
export async function setRoleByEmailKey(
  db: Db,
  emailKey: string,
  role: Role,
  keep: readonly Role[],
  actorId: number | null,
  at: string,
): Promise<{ readonly userId: number; readonly previous: Role; readonly changed: boolean } | undefined> {
  return db.transaction().execute(async (tx) => {
    const user = await tx.selectFrom('users').select(['id', 'role']).where('email_key', '=', emailKey).where('deleted_at', 'is', null).executeTakeFirst();
    if (!user) return undefined;
    const changed = user.role !== role && !keep.includes(user.role);
    if (changed) {
      await tx.updateTable('users').set({ role }).where('id', '=', user.id).execute();
      await logModeration(tx, { actorId, action: 'grant_moderator', targetKind: 'user', targetId: String(user.id), reason: `role ${user.role} → ${role}`, at });
    }
    return { userId: Number(user.id), previous: user.role, changed };
  });
}

/** The newest audit-log entries. */
export async function recentLog(db: Db, limit: number): Promise<LogEntry[]> {
  const rows = await db.selectFrom('moderation_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    actorId: r.actor_id === null ? null : Number(r.actor_id),
    action: r.action,
    targetKind: r.target_kind,
    targetId: r.target_id,
    reason: r.reason,
    at: r.created_at,
  }));
}
