// Use-cases of author claims (issue 5, item 8): a reader with a confirmed address claims to be an
// author of a paper, with an optional note; a moderator approves or rejects the claim with a
// reason (audit-logged in the same transaction). Approved claimants are marked as the paper's
// authors on its page and on their comments (store/comments.ts paperAuthorUsers).
import type { ArxivId } from '../domain/arxiv-id.js';
import { badRequest, forbidden, notFound } from '../domain/errors.js';
import { claimOf, decideClaim, findClaim, insertClaim, type Claim } from '../store/author-claims.js';
import type { Store } from '../store/db.js';
import { visiblePaperOrThrow } from './comments.js';
import { MAX_REASON_CHARS, moderatorOrThrow, type Actor } from './moderation.js';

/** Longest note a claimant may add for the moderators (characters). */
export const MAX_CLAIM_NOTE_CHARS = MAX_REASON_CHARS;

export async function claimAuthorshipOrThrow(
  store: Store,
  now: () => Date,
  actor: Pick<Actor, 'userId' | 'emailVerified'>,
  paperId: ArxivId,
  note: string,
): Promise<{ readonly claim: Claim; readonly created: boolean }> {
  if (!actor.emailVerified) throw forbidden('Confirm your e-mail address before claiming authorship.');
  if (note.length > MAX_CLAIM_NOTE_CHARS) throw badRequest(`A note is at most ${MAX_CLAIM_NOTE_CHARS} characters.`);
  await visiblePaperOrThrow(store, paperId);
  return insertClaim(store.db, { paperId, userId: actor.userId, note: note.trim(), at: now().toISOString() });
}

/** The reader's claim on the paper (for the claim page), if any. */
export async function myClaim(store: Store, userId: number, paperId: ArxivId): Promise<Claim | undefined> {
  return claimOf(store.db, paperId, userId);
}

/** Approves or rejects a claim as a moderator, with a reason kept in the audit log. */
export async function decideClaimOrThrow(store: Store, now: () => Date, actor: Actor, claimId: number, approve: boolean, reason: string): Promise<Claim> {
  moderatorOrThrow(actor);
  if (reason.trim() === '') throw badRequest('Give a reason: it is kept in the audit log.');
  if (!(await findClaim(store.db, claimId))) throw notFound(`No authorship claim ${claimId}.`);
  const decided = await decideClaim(store.db, claimId, approve, actor.userId, reason, now().toISOString());
  if (!decided) throw notFound(`No authorship claim ${claimId}.`);
  return decided;
}
