// Comments: POST /papers/<id>/comments (new comment or reply), /comments/<n>/edit and
// /comments/<n>/delete (HTML forms, answered with a redirect to the comment on the paper page) and
// their JSON twins under /api; GET /api/papers/<id>/comments (served through the paper routes'
// wildcard), the thread as JSON, cached like the page; GET /comments/new and /comments/edit, the
// per-reader pages holding the forms and the CSRF token, never cached; GET /api/me/comments?paper=,
// which comments on the page are the reader's (public/comments.js shows "edit" only on those). Every POST needs the
// session and its CSRF token (middleware/access.ts); the /api ones take a personal API token with the
// comment scope instead.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  commentOrThrow,
  commentThreadOrThrow,
  deleteCommentOrThrow,
  editCommentOrThrow,
  myCommentIds,
  ownCommentForEditOrThrow,
  postCommentOrThrow,
  type CommentContext,
} from '../../../commands/comments.js';
import type { ArxivId } from '../../../domain/arxiv-id.js';
import { AppError } from '../../../domain/errors.js';
import { isModerator } from '../../../commands/moderation.js';
import { findPaper } from '../../../store/papers-read.js';
import type { WebDeps } from '../../deps.js';
import { SESSION, sessionOrToken } from '../../middleware/access.js';
import { anonymousCacheKey } from '../../middleware/session.js';
import { commentJson, commentThreadJson } from '../../presenters/comments.js';
import { sendCached } from '../../send-cached.js';
import { parseOr400 } from '../../validate.js';
import { renderComment } from '../../views/comment-markdown.js';
import { commentAnchor, commentMessagePage, editCommentPage, newCommentPage } from '../../views/comments.js';
import { paperPath } from '../../views/format.js';
import { CommentParams, DeleteCommentBody, EditCommentBody, EditCommentQuery, MyCommentsQuery, NewCommentBody, NewCommentQuery } from './schema.js';
import { PaperParams } from '../paper-id-params.js';

const HTML = 'text/html; charset=utf-8';

function commentUrl(paperId: string, commentId: number): string {
  return `${paperPath(paperId)}#${commentAnchor(commentId)}`;
}

/** GET /api/papers/<id>/comments, for the paper routes' wildcard. */
export function commentsJsonHandler(deps: WebDeps) {
  return async (request: FastifyRequest, reply: FastifyReply, id: ArxivId) => {
    const cached = await deps.cache.get(anonymousCacheKey(request), async () => {
      const thread = await commentThreadOrThrow(deps.store, id);
      return { status: 200, type: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(commentThreadJson(thread))) };
    });
    return sendCached(request, reply, cached);
  };
}

export function registerCommentRoutes(app: FastifyInstance, deps: WebDeps): void {
  const ctx: CommentContext = { store: deps.store, now: deps.now, render: (markdown) => renderComment(markdown).value, newAccountHours: deps.config.newAccountHours };
  const config = { access: SESSION };
  const apiConfig = { access: sessionOrToken('comment') };


  const post = async (request: FastifyRequest) => {
    const paperId = parseOr400(PaperParams, request.params);
    const input = parseOr400(NewCommentBody, request.body);
    const session = await deps.sessions.checked(request);
    return postCommentOrThrow(ctx, session, { paperId, parentId: input.parent, markdown: input.body });
  };
  const edit = async (request: FastifyRequest) => {
    const { cid } = parseOr400(CommentParams, request.params);
    const input = parseOr400(EditCommentBody, request.body);
    return editCommentOrThrow(ctx, (await deps.sessions.checked(request)).userId, cid, input.body);
  };
  const remove = async (request: FastifyRequest) => {
    const { cid } = parseOr400(CommentParams, request.params);
    parseOr400(DeleteCommentBody, request.body);
    return { id: cid, ...(await deleteCommentOrThrow(ctx, (await deps.sessions.checked(request)).userId, cid)) };
  };

  // Old-style ids keep their slash, so each paper route has a second form with two segments.
  for (const idPath of [':id', ':archive/:number']) {
    app.post(`/papers/${idPath}/comments`, { config }, async (request, reply) => {
      const c = await post(request);
      return reply.redirect(commentUrl(c.paperId, c.id), 303);
    });
    app.post(`/api/papers/${idPath}/comments`, { config: apiConfig }, async (request) => commentJson(await post(request)));
  }
  app.post('/comments/:cid/edit', { config }, async (request, reply) => {
    const c = await edit(request);
    return reply.redirect(commentUrl(c.paperId, c.id), 303);
  });
  app.post('/api/comments/:cid/edit', { config: apiConfig }, async (request) => commentJson(await edit(request)));
  app.post('/comments/:cid/delete', { config }, async (request, reply) => {
    const done = await remove(request);
    return reply.redirect(done.kept ? commentUrl(done.paperId, done.id) : `${paperPath(done.paperId)}#comments`, 303);
  });
  app.post('/api/comments/:cid/delete', { config: apiConfig }, async (request) => {
    const done = await remove(request);
    return { id: done.id, paperId: done.paperId, deleted: true, placeholderKept: done.kept };
  });

  // The per-reader form pages: depend on the cookie, so never stored by a browser or a cache.
  const page = (reply: FastifyReply, status: number, body: { value: string }) =>
    reply.code(status).type(HTML).header('cache-control', 'no-store').header('vary', 'Cookie').send(body.value);

  app.get('/comments/new', async (request, reply) => {
    const query = parseOr400(NewCommentQuery, request.query);
    const session = await deps.sessions.current(request);
    const paper = await findPaper(deps.store.db, query.paper);
    if (!paper) return page(reply, 404, commentMessagePage('Not found', `No paper ${query.paper} in this catalog.`));
    let parent = null;
    if (query.parent !== null) {
      try {
        parent = await commentOrThrow(deps.store, query.parent);
      } catch (err) {
        if (err instanceof AppError) return page(reply, err.status, commentMessagePage('Not found', err.message));
        throw err;
      }
      if (parent.paperId !== paper.id) return page(reply, 404, commentMessagePage('Not found', `No comment ${query.parent} on this paper.`));
    }
    return page(reply, 200, newCommentPage(paper, parent, session));
  });

  // The page's one per-reader request (public/comments.js): which comments on it are mine.
  app.get('/api/me/comments', async (request, reply) => {
    const { paper } = parseOr400(MyCommentsQuery, request.query);
    const session = await deps.sessions.current(request);
    reply.header('cache-control', 'no-store').header('vary', 'Cookie');
    if (!session) return { loggedIn: false, moderator: false, mine: [] };
    // "Can moderate now": the role alone is not enough until this session has passed two-factor.
    return { loggedIn: true, moderator: isModerator(session.role) && session.mfa, mine: await myCommentIds(deps.store, session.userId, paper) };
  });

  app.get('/comments/edit', async (request, reply) => {
    const { id } = parseOr400(EditCommentQuery, request.query);
    const session = await deps.sessions.current(request);
    if (!session) return page(reply, 401, commentMessagePage('Log in to edit', 'Only the writer of a comment can edit it.', 'edit your comments'));
    try {
      return page(reply, 200, editCommentPage(await ownCommentForEditOrThrow(deps.store, session.userId, id), session));
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return page(reply, err.status, commentMessagePage(err.status === 403 ? 'Not your comment' : 'Not found', err.message));
      throw err;
    }
  });
}
