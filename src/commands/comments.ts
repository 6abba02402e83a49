// Use-cases of comments: post (top-level or a reply, within MAX_COMMENT_DEPTH), edit and delete
// one's own, and a paper's thread for its page and JSON. The Markdown is rendered once here, when
// written or edited, by the renderer the caller passes (web/views/comment-markdown.ts: it is a
// view concern, and commands do not import web); pages then show the stored HTML.
// Posting is rate-limited in the database (issue 5, item 10): comments of one account are at least
// COMMENT_INTERVAL_S apart (NEW_ACCOUNT_COMMENT_INTERVAL_S for new accounts), and a new account
// posts at most NEW_ACCOUNT_COMMENTS_PER_WINDOW in any NEW_ACCOUNT_COMMENT_WINDOW_HOURS. Edits are not limited.
import type { ArxivId } from '../domain/arxiv-id.js';
import { MAX_COMMENT_DEPTH, buildThread, type ThreadNode } from '../domain/comment.js';
import { badRequest, forbidden, notFound } from '../domain/errors.js';
import { isNewAccount } from '../domain/new-account.js';
import {
  COMMENT_INTERVAL_S,
  NEW_ACCOUNT_COMMENTS_PER_WINDOW,
  NEW_ACCOUNT_COMMENT_INTERVAL_S,
  NEW_ACCOUNT_COMMENT_WINDOW_HOURS,
  RATE_LIMIT_ACTIONS,
} from '../domain/rate-limits.js';
import { commentIdsOf, commentsOfPaper, deleteComment, findComment, insertComment, paperAuthorUsers, paperIdExists, updateCommentBody, type CommentRow } from '../store/comments.js';
import type { Store } from '../store/db.js';
import { paperHiddenReason } from '../store/moderation.js';
import { withinRateLimits, type RateLimit } from '../store/rate-limits.js';
import { userCreatedAt } from '../store/votes.js';
import { valueOrRateLimited, waitText } from './rate-limit.js';

export interface CommentContext {
  readonly store: Store;
  readonly now: () => Date;
  /** Markdown → sanitized HTML (safe to put in a page as is). */
  readonly render: (markdown: string) => string;
  /** config.newAccountHours: accounts younger than this are limited harder. */
  readonly newAccountHours: number;
}

const MS_PER_HOUR = 3_600_000;

/** The posting limits of an account at `now`. */
async function commentLimits(ctx: CommentContext, userId: number, now: Date): Promise<RateLimit[]> {
  const createdAt = ctx.newAccountHours > 0 ? await userCreatedAt(ctx.store.db, userId) : undefined;
  const fresh = createdAt !== undefined && isNewAccount(createdAt, now, ctx.newAccountHours);
  const subject = String(userId);
  const interval = { action: RATE_LIMIT_ACTIONS.comment, subject, limit: 1, windowMs: (fresh ? NEW_ACCOUNT_COMMENT_INTERVAL_S : COMMENT_INTERVAL_S) * 1000 };
  if (!fresh) return [interval];
  return [interval, { action: RATE_LIMIT_ACTIONS.commentDay, subject, limit: NEW_ACCOUNT_COMMENTS_PER_WINDOW, windowMs: NEW_ACCOUNT_COMMENT_WINDOW_HOURS * MS_PER_HOUR }];
}

function limitMessage(seconds: number, limit: RateLimit): string {
  if (limit.action === RATE_LIMIT_ACTIONS.commentDay) {
    return `New accounts can post ${NEW_ACCOUNT_COMMENTS_PER_WINDOW} comments in ${NEW_ACCOUNT_COMMENT_WINDOW_HOURS} hours. You can comment again in ${waitText(seconds)}.`;
  }
  return `Comments are at least ${limit.windowMs / 1000} seconds apart. You can comment again in ${waitText(seconds)}.`;
}

export interface Commenter {
  readonly userId: number;
  readonly emailVerified: boolean;
}

export interface CommentView extends CommentRow {
  /** The commenter's account is linked to an author of the paper (store/comments.ts paperAuthorUsers). */
  readonly byPaperAuthor: boolean;
}

export interface CommentThread {
  readonly paperId: ArxivId;
  /** Live comments (placeholders of deleted or hidden ones not counted). */
  readonly count: number;
  readonly roots: readonly ThreadNode<CommentView>[];
}

/** 404 for a paper not in the catalog or hidden by moderators (with their reason). */
export async function visiblePaperOrThrow(store: Store, paperId: string): Promise<void> {
  if (!(await paperIdExists(store.db, paperId))) throw notFound(`No paper ${paperId} in this catalog.`);
  const hidden = await paperHiddenReason(store.db, paperId);
  if (hidden !== undefined) throw notFound(`Moderators hid paper ${paperId}: ${hidden}`);
}

async function liveCommentOrThrow(store: Store, id: number): Promise<CommentRow> {
  const comment = await findComment(store.db, id);
  if (!comment || comment.deletedAt !== null) throw notFound(`No comment ${id}.`);
  return comment;
}

async function ownCommentOrThrow(store: Store, userId: number, id: number): Promise<CommentRow> {
  const comment = await liveCommentOrThrow(store, id);
  if (comment.userId !== userId) throw forbidden('You can only change your own comments.');
  if (comment.hiddenAt !== null) throw forbidden(`A moderator hid this comment (${comment.hiddenReason ?? 'no reason given'}); it cannot be changed.`);
  return comment;
}

export async function postCommentOrThrow(
  ctx: CommentContext,
  who: Commenter,
  input: { readonly paperId: ArxivId; readonly parentId: number | null; readonly markdown: string },
): Promise<CommentRow> {
  if (!who.emailVerified) throw forbidden('Confirm your e-mail address before commenting: the link is in the mail we sent (your account page can send a new one).');
  await visiblePaperOrThrow(ctx.store, input.paperId);
  let depth = 0;
  if (input.parentId !== null) {
    const parent = await liveCommentOrThrow(ctx.store, input.parentId);
    if (parent.paperId !== input.paperId) throw badRequest(`Comment ${input.parentId} is on another paper.`);
    if (parent.hiddenAt !== null) throw badRequest(`A moderator hid comment ${input.parentId}; it takes no replies.`);
    if (parent.depth >= MAX_COMMENT_DEPTH) throw badRequest(`Replies nest at most ${MAX_COMMENT_DEPTH} deep; reply to an earlier comment in the thread instead.`);
    depth = parent.depth + 1;
  }
  const now = ctx.now();
  const bodyHtml = ctx.render(input.markdown);
  const limits = await commentLimits(ctx, who.userId, now);
  const insert = (tx: typeof ctx.store.db) =>
    insertComment(tx, { paperId: input.paperId, userId: who.userId, parentId: input.parentId, depth, bodyMd: input.markdown, bodyHtml, at: now.toISOString() });
  const id = valueOrRateLimited(await withinRateLimits(ctx.store, limits, now, insert), now, limitMessage);
  const posted = await findComment(ctx.store.db, id);
  if (!posted) throw new Error(`comment ${id} vanished after insert`);
  return posted;
}

export async function editCommentOrThrow(ctx: CommentContext, userId: number, id: number, markdown: string): Promise<CommentRow> {
  await ownCommentOrThrow(ctx.store, userId, id);
  await updateCommentBody(ctx.store.db, id, markdown, ctx.render(markdown), ctx.now().toISOString());
  return liveCommentOrThrow(ctx.store, id);
}

/** Deletes one's own comment; `kept` when it stays as a "[deleted]" placeholder for its replies. */
export async function deleteCommentOrThrow(ctx: CommentContext, userId: number, id: number): Promise<{ readonly paperId: string; readonly kept: boolean }> {
  const comment = await ownCommentOrThrow(ctx.store, userId, id);
  const { kept } = await deleteComment(ctx.store.db, id, ctx.now().toISOString());
  return { paperId: comment.paperId, kept };
}

/** The comment, for its edit page: 404 unknown or deleted, 403 someone else's. */
export async function ownCommentForEditOrThrow(store: Store, userId: number, id: number): Promise<CommentRow> {
  return ownCommentOrThrow(store, userId, id);
}

/** A live comment (for the reply page): 404 unknown or deleted. */
export async function commentOrThrow(store: Store, id: number): Promise<CommentRow> {
  return liveCommentOrThrow(store, id);
}

/** The paper's comments as a thread (404 for an unknown paper). */
export async function commentThreadOrThrow(store: Store, paperId: ArxivId): Promise<CommentThread> {
  await visiblePaperOrThrow(store, paperId);
  return commentThread(store, paperId);
}

/** The paper's comments as a thread (empty for an unknown paper). */
export async function commentThread(store: Store, paperId: ArxivId): Promise<CommentThread> {
  const rows = await commentsOfPaper(store.db, paperId);
  const authors = await paperAuthorUsers(store.db, paperId, [...new Set(rows.map((r) => r.userId))]);
  const views: CommentView[] = rows.map((r) => ({ ...r, byPaperAuthor: r.deletedAt === null && r.hiddenAt === null && authors.has(r.userId) }));
  return { paperId, count: rows.filter((r) => r.deletedAt === null && r.hiddenAt === null).length, roots: buildThread(views) };
}

/** Which of the paper's comments the user wrote (for the page's per-reader request). */
export async function myCommentIds(store: Store, userId: number, paperId: ArxivId): Promise<number[]> {
  return commentIdsOf(store.db, paperId, userId);
}
