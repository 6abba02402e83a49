// Comments (0009): one row per comment; a thread is a paper's rows in id order, nested by
// parent_id. Counts are count(*) of live rows, so they cannot drift from the rows.
import { approvedAmong } from './author-claims.js';
import type { Db } from './db.js';

/** Ids per `in (…)` list: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const IN_CHUNK = 500;

export interface CommentRow {
  readonly id: number;
  readonly paperId: string;
  readonly userId: number;
  readonly parentId: number | null;
  readonly depth: number;
  readonly bodyMd: string;
  readonly bodyHtml: string;
  readonly createdAt: string;
  readonly editedAt: string | null;
  readonly deletedAt: string | null;
  /** Set while a moderator hides the comment, with the reason shown in its place. */
  readonly hiddenAt: string | null;
  readonly hiddenReason: string | null;
  /** The author's display name (kept for a deleted account, whose row stays). */
  readonly authorName: string;
}

function commentQuery(db: Db) {
  return db
    .selectFrom('comments as c')
    .innerJoin('users as u', 'u.id', 'c.user_id')
    .select([
      'c.id',
      'c.paper_id',
      'c.user_id',
      'c.parent_id',
      'c.depth',
      'c.body_md',
      'c.body_html',
      'c.created_at',
      'c.edited_at',
      'c.deleted_at',
      'c.hidden_at',
      'c.hidden_reason',
      'u.display_name',
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof commentQuery>['execute']>>[number];

function toRow(r: Raw): CommentRow {
  return {
    id: Number(r.id),
    paperId: r.paper_id,
    userId: Number(r.user_id),
    parentId: r.parent_id === null ? null : Number(r.parent_id),
    depth: Number(r.depth),
    bodyMd: r.body_md,
    bodyHtml: r.body_html,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    deletedAt: r.deleted_at,
    hiddenAt: r.hidden_at,
    hiddenReason: r.hidden_reason,
    authorName: r.display_name,
  };
}

/** Whether the catalog has the paper (comments hang off catalog papers only). */
export async function paperIdExists(db: Db, id: string): Promise<boolean> {
  return (await db.selectFrom('papers').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Every comment of the paper (deleted placeholders included), in posting order. */
export async function commentsOfPaper(db: Db, paperId: string): Promise<CommentRow[]> {
  return (await commentQuery(db).where('c.paper_id', '=', paperId).orderBy('c.id').execute()).map(toRow);
}

export async function findComment(db: Db, id: number): Promise<CommentRow | undefined> {
  const row = await commentQuery(db).where('c.id', '=', id).executeTakeFirst();
  return row && toRow(row);
}

export interface NewComment {
  readonly paperId: string;
  readonly userId: number;
  readonly parentId: number | null;
  readonly depth: number;
  readonly bodyMd: string;
  readonly bodyHtml: string;
  readonly at: string;
}

/** Adds the comment; its id. */
export async function insertComment(db: Db, c: NewComment): Promise<number> {
  const row = await db
    .insertInto('comments')
    .values({
      paper_id: c.paperId,
      user_id: c.userId,
      parent_id: c.parentId,
      depth: c.depth,
      body_md: c.bodyMd,
      body_html: c.bodyHtml,
      created_at: c.at,
      edited_at: null,
      deleted_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** New text for a live comment. */
export async function updateCommentBody(db: Db, id: number, bodyMd: string, bodyHtml: string, at: string): Promise<void> {
  await db.updateTable('comments').set({ body_md: bodyMd, body_html: bodyHtml, edited_at: at }).where('id', '=', id).where('deleted_at', 'is', null).execute();
}

/**
 * Deletes the comment: the row goes when nothing replies to it, otherwise it stays as a "[deleted]"
 * placeholder (text emptied) holding its replies. One transaction, so a reply posted meanwhile is
 * either seen (placeholder) or refused by the foreign key. Returns whether the row was kept.
 */
export async function deleteComment(db: Db, id: number, at: string): Promise<{ readonly kept: boolean }> {
  return db.transaction().execute(async (tx) => {
    const reply = await tx.selectFrom('comments').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst();
    if (reply) {
      await tx.updateTable('comments').set({ body_md: '', body_html: '', deleted_at: at }).where('id', '=', id).execute();
      return { kept: true };
    }
    await tx.deleteFrom('comments').where('id', '=', id).execute();
    return { kept: false };
  });
}

/** Ids of the user's live comments on the paper. */
export async function commentIdsOf(db: Db, paperId: string, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('comments').select('id').where('paper_id', '=', paperId).where('user_id', '=', userId).where('deleted_at', 'is', null).orderBy('id').execute();
  return rows.map((r) => Number(r.id));
}

/** Live (neither deleted nor hidden) comments of the given papers; papers without any are absent. */
export async function countCommentsFor(db: Db, ids: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += IN_CHUNK) {
    const rows = await db
      .selectFrom('comments')
      .where('paper_id', 'in', unique.slice(i, i + IN_CHUNK))
      .where('deleted_at', 'is', null)
      .where('hidden_at', 'is', null)
      .groupBy('paper_id')
      .select(['paper_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .execute();
    for (const r of rows) counts.set(r.paper_id, Number(r.n));
  }
  return counts;
}

/** Which of `userIds` are authors of the paper, by an approved authorship claim (author-claims.ts). */
export async function paperAuthorUsers(db: Db, paperId: string, userIds: readonly number[]): Promise<Set<number>> {
  return userIds.length === 0 ? new Set() : approvedAmong(db, paperId, userIds);
}
