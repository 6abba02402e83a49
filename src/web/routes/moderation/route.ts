// Flags and moderation (issue 5, item 9). Readers: POST /comments/<n>/flag and /papers/<id>/flag
// (GET /flag?comment=…|paper=… is the per-reader page with the form). Moderators: POST
// /moderation/comments/<n>/{hide,restore} and /moderation/papers/<id>/{hide,restore} with a
// reason; GET /moderation, the open flags and the audit log. JSON twins under /api. Every POST
// needs the session and its CSRF token; the paths and bodies are validated before the role is
// checked (so a bad request is a 400 for anyone).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../../../commands/accounts/sessions.js';
import { SecondFactorRequired, flagOrThrow, moderationQueueOrThrow, setHiddenOrThrow, type Actor, type Target } from '../../../commands/moderation.js';
import { commentOrThrow } from '../../../commands/comments.js';
import { AppError } from '../../../domain/errors.js';
import type { WebDeps } from '../../deps.js';
import { SESSION } from '../../middleware/access.js';
import { parseOr400 } from '../../validate.js';
import { commentMessagePage } from '../../views/comments.js';
import { paperPath, userPath } from '../../views/format.js';
import { flagPage, moderationPage } from '../../views/moderation.js';
import { secondFactorNeededPage } from '../../views/two-factor.js';
import { CommentParams, FlagBody, FlagPageQuery, ModerateBody, PaperParams } from './schema.js';

const HTML = 'text/html; charset=utf-8';

function actorOf(session: Session): Actor {
  return { userId: session.userId, role: session.role, emailVerified: session.emailVerified, secondFactor: session.mfa };
}

function backTo(target: Target, paperId: string): string {
  return target.kind === 'comment' ? `${paperPath(paperId)}#comment-${target.id}` : paperPath(paperId);
}

export function registerModerationRoutes(app: FastifyInstance, deps: WebDeps): void {
  const config = { access: SESSION };
  const commentTarget = (request: FastifyRequest): Target => ({ kind: 'comment', id: String(parseOr400(CommentParams, request.params).cid) });
  const paperTarget = (request: FastifyRequest): Target => ({ kind: 'paper', id: parseOr400(PaperParams, request.params) });

  const routes: { paths: string[]; target: (r: FastifyRequest) => Target }[] = [
    { paths: ['/comments/:cid'], target: commentTarget },
    { paths: ['/papers/:id', '/papers/:archive/:number'], target: paperTarget },
  ];
  for (const { paths, target: targetOf } of routes) {
    for (const path of paths) {
      const flag = async (request: FastifyRequest) => {
        const target = targetOf(request);
        const { reason } = parseOr400(FlagBody, request.body);
        const done = await flagOrThrow(deps.store, deps.now, actorOf(await deps.sessions.checked(request)), target, reason);
        return { target, ...done };
      };
      app.post(`${path}/flag`, { config }, async (request, reply) => {
        const done = await flag(request);
        return reply.redirect(backTo(done.target, done.paperId), 303);
      });
      app.post(`/api${path}/flag`, { config }, async (request) => {
        const done = await flag(request);
        return { kind: done.target.kind, id: done.target.id, flagged: true, new: done.added };
      });
      for (const hidden of [true, false]) {
        const action = hidden ? 'hide' : 'restore';
        const moderate = async (request: FastifyRequest) => {
          const target = targetOf(request);
          const { reason } = parseOr400(ModerateBody, request.body);
          const done = await setHiddenOrThrow(deps.store, deps.now, actorOf(await deps.sessions.checked(request)), target, hidden, reason);
          return { target, ...done };
        };
        app.post(`/moderation${path}/${action}`, { config }, async (request, reply) => {
          try {
            await moderate(request);
          } catch (err) {
            if (err instanceof SecondFactorRequired) return page(reply, 403, secondFactorNeededPage(await deps.sessions.checked(request)));
            throw err;
          }
          return reply.redirect('/moderation', 303);
        });
        app.post(`/api/moderation${path}/${action}`, { config }, async (request) => {
          const done = await moderate(request);
          return { kind: done.target.kind, id: done.target.id, hidden };
        });
      }
    }
  }

  const page = (reply: FastifyReply, status: number, body: { value: string }) =>
    reply.code(status).type(HTML).header('cache-control', 'no-store').header('vary', 'Cookie').send(body.value);

  app.get('/flag', async (request, reply) => {
    const target = parseOr400(FlagPageQuery, request.query);
    return page(reply, 200, flagPage(target, await deps.sessions.current(request)));
  });

  const queueFor = async (request: FastifyRequest) => {
    const session = await deps.sessions.current(request);
    if (!session) return { session: null, queue: null };
    return { session, queue: await moderationQueueOrThrow(deps.store, actorOf(session)) };
  };

  app.get('/moderation', async (request, reply) => {
    try {
      const { session, queue } = await queueFor(request);
      if (!session || !queue) return page(reply, 401, commentMessagePage('Moderation', 'Moderators log in to see flags and the audit log.', 'moderate'));
      const paperOfComment = new Map<string, string>();
      for (const f of queue.flags) {
        if (f.kind !== 'comment') continue;
        const comment = await commentOrThrow(deps.store, Number(f.targetId)).catch(() => undefined);
        if (comment) paperOfComment.set(f.targetId, comment.paperId);
      }
      return page(reply, 200, moderationPage(queue, session, paperOfComment));
    } catch (err) {
      const session = await deps.sessions.current(request);
      if (err instanceof SecondFactorRequired && session) return page(reply, 403, secondFactorNeededPage(session));
      if (err instanceof AppError && err.status === 403) return page(reply, 403, commentMessagePage('Moderation', err.message));
      throw err;
    }
  });

  app.get('/api/moderation', async (request, reply) => {
    reply.header('cache-control', 'no-store').header('vary', 'Cookie');
    const session = await deps.sessions.require(request, reply);
    const queue = await moderationQueueOrThrow(deps.store, actorOf(session));
    return {
      flags: queue.flags.map((f) => ({ kind: f.kind, id: f.targetId, count: f.count, reasons: f.reasons, firstAt: f.firstAt })),
      claims: queue.claims.map((c) => ({ id: c.id, paperId: c.paperId, paperTitle: c.paperTitle, claimant: c.claimantName, claimantProfile: userPath(c.userId), note: c.note, createdAt: c.createdAt })),
      log: queue.log.map((e) => ({ actorId: e.actorId, action: e.action, targetKind: e.targetKind, targetId: e.targetId, reason: e.reason, at: e.at })),
    };
  });
}
