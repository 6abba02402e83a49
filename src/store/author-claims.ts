// Author claims (0013): a reader claims to be an author of a paper; a moderator approves or rejects
// the claim with a reason, in one transaction with its audit-log row. Approved claimants are the
// paper's "author users" (marked on its page and comments).
import type { ArxivId } from '../domain/arxiv-id.js';
import type { Db } from './db.js';
import { logModeration } from './moderation.js';
import type { ClaimStatus } from './schema.js';

export type { ClaimStatus } from './schema.js';

/** Ids per `in (…)` list: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const IN_CHUNK = 500;

export interface Claim {
  readonly id: number;
  readonly paperId: ArxivId;
  readonly userId: number;
  readonly note: string;
  readonly status: ClaimStatus;
  readonly createdAt: string;
  readonly decidedAt: string | null;
  readonly decisionReason: string | null;
}

function claimQuery(db: Db) {
  return db.selectFrom('author_claims').select(['id', 'paper_id', 'user_id', 'note', 'status', 'created_at', 'decided_at', 'decision_reason']);
}

type Raw = Awaited<ReturnType<ReturnType<typeof claimQuery>['execute']>>[number];

function toClaim(r: Raw): Claim {
  return {
    id: Number(r.id),
    paperId: r.paper_id as ArxivId,
    userId: Number(r.user_id),
    note: r.note,
    status: r.status,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
  };
}

export async function findClaim(db: Db, id: number): Promise<Claim | undefined> {
  const row = await claimQuery(db).where('id', '=', id).executeTakeFirst();
  return row && toClaim(row);
}

/** The reader's claim on the paper, if any. */
export async function claimOf(db: Db, paperId: string, userId: number): Promise<Claim | undefined> {
  const row = await claimQuery(db).where('paper_id', '=', paperId).where('user_id', '=', userId).executeTakeFirst();
  return row && toClaim(row);
}

/**
 * Files a pending claim unless the reader already has one on the paper (whatever its state: a
 * second claim changes nothing). Returns the claim and whether it is new.
 */
export async function insertClaim(db: Db, c: { readonly paperId: ArxivId; readonly userId: number; readonly note: string; readonly at: string }): Promise<{ readonly claim: Claim; readonly created: boolean }> {
  const result = await db
    .insertInto('author_claims')
    .values({ paper_id: c.paperId, user_id: c.userId, note: c.note, status: 'pending', created_at: c.at, decided_at: null, decided_by: null, decision_reason: null })
    .onConflict((oc) => oc.columns(['paper_id', 'user_id']).doNothing())
    .executeTakeFirst();
  const claim = await claimOf(db, c.paperId, c.userId);
  if (!claim) throw new Error(`claim on ${c.paperId} by ${c.userId} vanished after insert`);
  return { claim, created: (result.numInsertedOrUpdatedRows ?? 0n) > 0n };
}

/** Approves or rejects a claim and logs it, in one transaction; undefined for no such claim. */
export async function decideClaim(db: Db, id: number, approve: boolean, actorId: number | null, reason: string, at: string): Promise<Claim | undefined> {
  return db.transaction().execute(async (tx) => {
    const result = await tx
      .updateTable('author_claims')
      .set({ status: approve ? 'approved' : 'rejected', decided_at: at, decided_by: actorId, decision_reason: reason })
      .where('id', '=', id)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return undefined;
    await logModeration(tx, { actorId, action: approve ? 'approve_claim' : 'reject_claim', targetKind: 'claim', targetId: String(id), reason, at });
    const row = await claimQuery(tx).where('id', '=', id).executeTakeFirstOrThrow();
    return toClaim(row);
  });
}

export interface PendingClaim extends Claim {
  readonly paperTitle: string;
  readonly claimantName: string;
}

/** Pending claims of live accounts, oldest first. */
export async function pendingClaims(db: Db, limit: number): Promise<PendingClaim[]> {
  const rows = await db
    .selectFrom('author_claims as c')
    .innerJoin('papers as p', 'p.id', 'c.paper_id')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .where('c.status', '=', 'pending')
    .where('u.deleted_at', 'is', null)
    .select(['c.id', 'c.paper_id', 'c.user_id', 'c.note', 'c.status', 'c.created_at', 'c.decided_at', 'c.decision_reason', 'p.title', 'u.display_name'])
    .orderBy('c.created_at')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...toClaim(r), paperTitle: r.title, claimantName: r.display_name }));
}

export interface ClaimedAuthor {
  readonly userId: number;
  readonly name: string;
}

/** The paper's approved claimants with live accounts, in order of their claims. */
export async function approvedClaimants(db: Db, paperId: string): Promise<ClaimedAuthor[]> {
  const rows = await db
    .selectFrom('author_claims as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .where('c.paper_id', '=', paperId)
    .where('c.status', '=', 'approved')
    .where('u.deleted_at', 'is', null)
    .select(['c.user_id', 'u.display_name'])
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ userId: Number(r.user_id), name: r.display_name }));
}

/** Which of `userIds` have an approved claim on the paper. */
export async function approvedAmong(db: Db, paperId: string, userIds: readonly number[]): Promise<Set<number>> {
  const found = new Set<number>();
  const unique = [...new Set(userIds)];
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const rows = await db
      .selectFrom('author_claims')
      .select('user_id')
      .where('paper_id', '=', paperId)
      .where('status', '=', 'approved')
      .where('user_id', 'in', unique.slice(i, i + IN_CHUNK))
      .execute();
    for (const r of rows) found.add(Number(r.user_id));
  }
  return found;
}
