// Use-cases of moderation (issue 5, item 9): readers flag a comment or a paper; moderators (and
// admins) hide or restore one with a reason, which resolves its flags and writes the audit log;
// an admin grants the moderator role from the CLI (cli/user.ts).
import { emailKey, type Role } from '../domain/account.js';
import { AppError, badRequest, forbidden, notFound } from '../domain/errors.js';
import { findComment, paperIdExists } from '../store/comments.js';
import { pendingClaims, type PendingClaim } from '../store/author-claims.js';
import type { Store } from '../store/db.js';
import { totpCredential } from '../store/two-factor.js';
import { insertFlag, openFlags, recentLog, setCommentHidden, setPaperHidden, setRoleByEmailKey, type FlagTarget, type LogEntry, type OpenFlag } from '../store/moderation.js';

/** Longest flag or moderation reason kept (characters). */
export const MAX_REASON_CHARS = 500;
/** Flagged targets and log entries shown on the moderation page. */
export const MODERATION_PAGE_ROWS = 100;

export interface Actor {
  readonly userId: number;
  readonly role: Role;
  readonly emailVerified: boolean;
  /** The actor's session passed two-factor authentication (required to moderate). */
  readonly secondFactor: boolean;
}

/**
 * 403 for a moderator or admin whose session has not passed two-factor authentication (not
 * enrolled, or logged in before enrolling): moderation needs it (issue 5, ASVS V2 level 2 for
 * privileged accounts). The web layer shows a page linking to the set-up.
 */
export class SecondFactorRequired extends AppError {
  constructor() {
    super('forbidden', 'Moderators and admins moderate only from a session that passed two-factor authentication: set it up at /account/two-factor, or log in again with a code.');
  }
}

export interface Target {
  readonly kind: FlagTarget;
  /** A comment id as text, or an arXiv id. */
  readonly id: string;
}

export function isModerator(role: Role): boolean {
  return role === 'moderator' || role === 'admin';
}

/** 403 unless the actor moderates (moderator or admin) from a session that passed two-factor authentication. */
export function moderatorOrThrow(actor: Actor): void {
  if (!isModerator(actor.role)) throw forbidden('Only moderators can do this.');
  if (!actor.secondFactor) throw new SecondFactorRequired();
}

/** 404 unless the target exists; the paper a comment belongs to. */
async function targetPaperOrThrow(store: Store, target: Target): Promise<string> {
  if (target.kind === 'paper') {
    if (!(await paperIdExists(store.db, target.id))) throw notFound(`No paper ${target.id} in this catalog.`);
    return target.id;
  }
  const comment = await findComment(store.db, Number(target.id));
  if (!comment || comment.deletedAt !== null) throw notFound(`No comment ${target.id}.`);
  return comment.paperId;
}

/** Flags the target for moderators; flagging twice is one flag. Returns the target's paper. */
export async function flagOrThrow(store: Store, now: () => Date, actor: Actor, target: Target, reason: string): Promise<{ readonly paperId: string; readonly added: boolean }> {
  if (!actor.emailVerified) throw forbidden('Confirm your e-mail address before flagging.');
  const paperId = await targetPaperOrThrow(store, target);
  const added = await insertFlag(store.db, { kind: target.kind, targetId: target.id, userId: actor.userId, reason, at: now().toISOString() });
  return { paperId, added };
}

/** Hides (or restores) the target, with a reason, as a moderator. Returns the target's paper. */
export async function setHiddenOrThrow(store: Store, now: () => Date, actor: Actor, target: Target, hidden: boolean, reason: string): Promise<{ readonly paperId: string }> {
  moderatorOrThrow(actor);
  if (reason.trim() === '') throw badRequest('Give a reason: it is shown in place of what is hidden and kept in the audit log.');
  const paperId = await targetPaperOrThrow(store, target);
  const at = now().toISOString();
  if (target.kind === 'comment') await setCommentHidden(store.db, Number(target.id), hidden, actor.userId, reason, at);
  else await setPaperHidden(store.db, target.id, hidden, actor.userId, reason, at);
  return { paperId };
}

export interface ModerationQueue {
  readonly flags: readonly OpenFlag[];
  /** Authorship claims waiting for a decision, oldest first. */
  readonly claims: readonly PendingClaim[];
  readonly log: readonly LogEntry[];
}

export async function moderationQueueOrThrow(store: Store, actor: Actor): Promise<ModerationQueue> {
  moderatorOrThrow(actor);
  const [flags, claims, log] = await Promise.all([openFlags(store.db, MODERATION_PAGE_ROWS), pendingClaims(store.db, MODERATION_PAGE_ROWS), recentLog(store.db, MODERATION_PAGE_ROWS)]);
  return { flags, claims, log };
}

export type GrantOutcome =
  | { readonly kind: 'granted' | 'already'; readonly userId: number; /** Whether the account has two-factor on (moderating needs it). */ readonly twoFactorEnabled: boolean }
  | { readonly kind: 'no_account' };

/** Makes the account with this address a moderator (an admin stays admin). For the CLI. */
export async function grantModerator(store: Store, now: () => Date, email: string): Promise<GrantOutcome> {
  const done = await setRoleByEmailKey(store.db, emailKey(email), 'moderator', ['admin'], null, now().toISOString());
  if (!done) return { kind: 'no_account' };
  const totp = await totpCredential(store.db, done.userId);
  return { kind: done.changed ? 'granted' : 'already', userId: done.userId, twoFactorEnabled: totp?.enabledAt != null };
}
