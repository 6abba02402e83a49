// Comments on the paper page, and the per-user pages with the comment forms. The paper page is
// the same for every reader (cached), so it holds no form and no CSRF token: its "Write a comment",
// "reply" and "edit" links lead to /comments/new and /comments/edit, rendered per reader and never
// cached, where the forms (with the reader's token) live.
import type { Session } from '../../commands/accounts/sessions.js';
import type { CommentThread, CommentView } from '../../commands/comments.js';
import { MAX_COMMENT_DEPTH, type ThreadNode } from '../../domain/comment.js';
import type { Paper } from '../../domain/paper.js';
import type { CommentRow } from '../../store/comments.js';
import { html, trustedHtml, type SafeHtml } from '../html.js';
import { MAX_COMMENT_CHARS } from './comment-markdown.js';
import { paperPath, shortDate } from './format.js';
import { plainTex, renderTex } from './latex.js';
import { layout } from './layout.js';

export function commentAnchor(id: number): string {
  return `comment-${id}`;
}

/** The stored rendering: sanitized by renderComment when the comment was written or edited. */
function storedBody(c: Pick<CommentRow, 'bodyHtml'>): SafeHtml {
  return trustedHtml(c.bodyHtml);
}

function commentItem(paperId: string, node: ThreadNode<CommentView>): SafeHtml {
  const c = node.comment;
  const deleted = c.deletedAt !== null;
  const hidden = !deleted && c.hiddenAt !== null;
  const replyHref = `/comments/new?paper=${encodeURIComponent(paperId)}&parent=${c.id}`;
  return html`<li class="comment" id="${commentAnchor(c.id)}">
<div class="meta">${deleted ? html`<span class="who deleted">[deleted]</span>` : html`<span class="who">${c.authorName}</span>${c.byPaperAuthor ? html` <span class="badge author" title="An author of this paper">paper author</span>` : null}`} · <a href="#${commentAnchor(c.id)}"><time datetime="${c.createdAt}">${shortDate(c.createdAt)}</time></a>${c.editedAt && !deleted ? ' · edited' : null}</div>
${deleted ? html`<div class="body deleted">[deleted]</div>` : hidden ? html`<div class="body hidden">[hidden by a moderator: ${c.hiddenReason ?? ''}]</div>` : html`<div class="body">${storedBody(c)}</div>
<p class="links">${c.depth < MAX_COMMENT_DEPTH ? html`<a href="${replyHref}">reply</a> · ` : null}<a class="edit" href="/comments/edit?id=${c.id}" data-comment="${c.id}">edit</a> · <a href="/flag?comment=${c.id}">flag</a></p>`}
${node.replies.length > 0 ? html`<ol class="replies">${node.replies.map((r) => commentItem(paperId, r))}</ol>` : null}
</li>`;
}

/** The paper page's comment section (the same for every reader). */
export function commentsSection(p: Paper, thread: CommentThread): SafeHtml {
  const hf = p.baseline && p.baseline.comments > 0
    ? html` The paper has ${p.baseline.comments} ${p.baseline.comments === 1 ? 'comment' : 'comments'} on <a href="https://huggingface.co/papers/${p.id}" rel="noopener">Hugging Face</a>.`
    : null;
  const count = thread.count === 0 ? 'No comments here yet.' : `${thread.count} ${thread.count === 1 ? 'comment' : 'comments'} here.`;
  return html`<section id="comments" class="comments" data-paper="${p.id}"><h2>Comments</h2>
<p class="count">${count}${hf} <a href="/comments/new?paper=${encodeURIComponent(p.id)}">Write a comment</a> · <a href="/api${paperPath(p.id)}/comments">JSON</a> · <a href="/flag?paper=${encodeURIComponent(p.id)}">Flag this paper</a></p>
${thread.roots.length > 0 ? html`<ol class="thread">${thread.roots.map((n) => commentItem(p.id, n))}</ol>` : null}
</section>`;
}

function commentBox(value: string): SafeHtml {
  return html`<label for="comment-body">Comment (Markdown; math between $…$ or $$…$$)</label>
<textarea id="comment-body" name="body" rows="8" maxlength="${MAX_COMMENT_CHARS}" required>${value}</textarea>`;
}

function loginPrompt(what: string): SafeHtml {
  return html`<p><a href="/login">Log in</a> or <a href="/signup">sign up</a> to ${what}.</p>`;
}

const UNVERIFIED = html`<p>Confirm your e-mail address to comment: the link is in the mail we sent. <a href="/account">Your account</a> can send a new one.</p>`;

/** /comments/new?paper=…[&parent=…]: the form for a new comment or a reply. */
export function newCommentPage(paper: Paper, parent: CommentRow | null, session: Session | null): SafeHtml {
  const path = paperPath(paper.id);
  let form: SafeHtml;
  if (!session) form = loginPrompt('comment');
  else if (!session.emailVerified) form = UNVERIFIED;
  else {
    form = html`<form class="comment-form" method="post" action="${path}/comments">
<input type="hidden" name="_csrf" value="${session.csrfToken}">
${parent ? html`<input type="hidden" name="parent" value="${parent.id}">` : null}
${commentBox('')}
<button type="submit">${parent ? 'Reply' : 'Post comment'}</button>
</form>`;
  }
  return layout(
    { title: `${parent ? 'Reply' : 'Comment'}: ${plainTex(paper.title)} · Paperboy` },
    html`<section class="comment-page">
<h1>${parent ? 'Reply to a comment' : 'Write a comment'}</h1>
<p class="title">On <a href="${path}#comments">${renderTex(paper.title)}</a> <span class="id">arXiv:${paper.id}</span></p>
${parent ? html`<blockquote class="comment"><div class="meta">${parent.authorName} wrote:</div><div class="body">${storedBody(parent)}</div></blockquote>` : null}
${form}
</section>`,
  );
}

/** /comments/edit?id=…: edit or delete one's own comment. */
export function editCommentPage(comment: CommentRow, session: Session): SafeHtml {
  const back = `${paperPath(comment.paperId)}#${commentAnchor(comment.id)}`;
  return layout(
    { title: 'Edit comment · Paperboy' },
    html`<section class="comment-page">
<h1>Edit your comment</h1>
<p><a href="${back}">Back to the comment</a></p>
<form class="comment-form" method="post" action="/comments/${comment.id}/edit">
<input type="hidden" name="_csrf" value="${session.csrfToken}">
${commentBox(comment.bodyMd)}
<button type="submit">Save</button>
</form>
<form class="comment-delete" method="post" action="/comments/${comment.id}/delete">
<input type="hidden" name="_csrf" value="${session.csrfToken}">
<button type="submit">Delete this comment</button>
</form>
</section>`,
  );
}

/** A per-user comment page that cannot show its form (not logged in, not found, not yours). */
export function commentMessagePage(title: string, text: string, loginFor?: string): SafeHtml {
  return layout({ title: `${title} · Paperboy` }, html`<section class="comment-page"><h1>${title}</h1><p>${text}</p>${loginFor ? loginPrompt(loginFor) : null}<p><a href="/">Today's papers</a></p></section>`);
}
