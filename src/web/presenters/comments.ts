// JSON of comments: explicit whitelists (never the author's user id or address).
import type { CommentThread, CommentView } from '../../commands/comments.js';
import type { ThreadNode } from '../../domain/comment.js';
import type { CommentRow } from '../../store/comments.js';

interface CommentJson {
  id: number;
  paperId: string;
  parentId: number | null;
  depth: number;
  author: string | null;
  byPaperAuthor: boolean;
  deleted: boolean;
  /** Hidden by a moderator, with the reason shown in its place. */
  hidden: boolean;
  hiddenReason: string | null;
  /** The Markdown as written ('' once deleted). */
  markdown: string;
  /** Sanitized HTML, safe to insert as is ('' once deleted). */
  html: string;
  createdAt: string;
  editedAt: string | null;
}

/** One comment (the answer of the POST routes). */
export function commentJson(c: CommentRow & { readonly byPaperAuthor?: boolean }): CommentJson {
  const deleted = c.deletedAt !== null;
  const hidden = !deleted && c.hiddenAt !== null;
  const gone = deleted || hidden;
  return {
    id: c.id,
    paperId: c.paperId,
    parentId: c.parentId,
    depth: c.depth,
    author: gone ? null : c.authorName,
    byPaperAuthor: c.byPaperAuthor ?? false,
    deleted,
    hidden,
    hiddenReason: hidden ? c.hiddenReason : null,
    markdown: gone ? '' : c.bodyMd,
    html: gone ? '' : c.bodyHtml,
    createdAt: c.createdAt,
    editedAt: c.editedAt,
  };
}

type NodeJson = CommentJson & { replies: NodeJson[] };

function nodeJson(node: ThreadNode<CommentView>): NodeJson {
  return { ...commentJson(node.comment), replies: node.replies.map(nodeJson) };
}

/** /api/papers/<id>/comments: the thread, nested as on the page. */
export function commentThreadJson(thread: CommentThread) {
  return { id: thread.paperId, count: thread.count, comments: thread.roots.map(nodeJson) };
}
