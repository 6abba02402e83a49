// Public profiles: a reader's public name and the papers they upvoted, submitted, commented on
// (live, non-hidden comments) and authored (approved claims), newest first. Papers hidden by
// moderators or withdrawn are left out, as on every listing. Never reads an address.
import type { ArxivId } from '../domain/arxiv-id.js';
import { displayNameKey } from '../domain/display-name.js';
import type { Db } from './db.js';
import { notHiddenPaper } from './hidden-papers.js';

export interface ProfileUser {
  readonly id: number;
  readonly displayName: string;
  readonly createdAt: string;
}

/** A live account by id, or by display name when exactly one live account has it. */
export async function profileUser(db: Db, who: { readonly id: number } | { readonly name: string }): Promise<ProfileUser | undefined> {
  let q = db.selectFrom('users').select(['id', 'display_name', 'created_at']).where('deleted_at', 'is', null);
  // Accounts are found by their unique name key (any case); rows from before accounts, which
  // have none, by the exact name.
  q = 'id' in who ? q.where('id', '=', who.id) : q.where((eb) => eb.or([eb('display_name_key', '=', displayNameKey(who.name)), eb.and([eb('display_name_key', 'is', null), eb('display_name', '=', who.name)])]));
  const rows = await q.limit(2).execute();
  const row = rows.length === 1 ? rows[0] : undefined;
  return row && { id: Number(row.id), displayName: row.display_name, createdAt: row.created_at };
}

export interface ProfileEntry {
  readonly paperId: ArxivId;
  /** When the reader voted, submitted, last commented, or was approved as author (ISO). */
  readonly at: string;
}

export interface ProfileList {
  readonly entries: readonly ProfileEntry[];
  readonly hasMore: boolean;
}

function toList(rows: readonly { paper_id: string; at: string | null }[], limit: number): ProfileList {
  return { entries: rows.slice(0, limit).map((r) => ({ paperId: r.paper_id as ArxivId, at: r.at ?? '' })), hasMore: rows.length > limit };
}

function visiblePapers(db: Db) {
  return db.selectFrom('papers as p').select('p.id').where('p.withdrawn', '=', 0).where(notHiddenPaper('p.id'));
}

export async function upvotedBy(db: Db, userId: number, limit: number): Promise<ProfileList> {
  const rows = await db
    .selectFrom('votes')
    .select(['paper_id', 'created_at as at'])
    .where('user_id', '=', userId)
    .where('paper_id', 'in', visiblePapers(db))
    .orderBy('created_at', 'desc')
    .orderBy('paper_id', 'desc')
    .limit(limit + 1)
    .execute();
  return toList(rows, limit);
}

export async function submittedBy(db: Db, userId: number, limit: number): Promise<ProfileList> {
  const rows = await db
    .selectFrom('daily_entries')
    .select(['paper_id', 'created_at as at'])
    .where('submitter_user_id', '=', userId)
    .where('paper_id', 'in', visiblePapers(db))
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return toList(rows, limit);
}

/** Papers with at least one live, non-hidden comment by the user; `at` is the latest. */
export async function commentedBy(db: Db, userId: number, limit: number): Promise<ProfileList> {
  const rows = await db
    .selectFrom('comments')
    .select(['paper_id', (eb) => eb.fn.max('created_at').as('at')])
    .where('user_id', '=', userId)
    .where('deleted_at', 'is', null)
    .where('hidden_at', 'is', null)
    .where('paper_id', 'in', visiblePapers(db))
    .groupBy('paper_id')
    .orderBy('at', 'desc')
    .orderBy('paper_id', 'desc')
    .limit(limit + 1)
    .execute();
  return toList(rows, limit);
}

export async function authoredBy(db: Db, userId: number, limit: number): Promise<ProfileList> {
  const rows = await db
    .selectFrom('author_claims')
    .select(['paper_id', 'decided_at as at'])
    .where('user_id', '=', userId)
    .where('status', '=', 'approved')
    .where('paper_id', 'in', visiblePapers(db))
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  return toList(rows, limit);
}
