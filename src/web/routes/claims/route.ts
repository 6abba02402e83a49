// Author claims (issue 5, item 8). Readers: POST /papers/<id>/claim with an optional note (GET
// /claim?paper=… is the per-reader page with the form, or the claim's state). Moderators: POST
// /moderation/claims/<n>/approve and /reject with a reason (listed on /moderation). JSON twins
// under /api. Every POST needs the session and its CSRF token.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { claimAuthorshipOrThrow, decideClaimOrThrow, myClaim } from '../../../commands/author-claims.js';
import type { Claim } from '../../../store/author-claims.js';
import { findPaper } from '../../../store/papers-read.js';
import type { WebDeps } from '../../deps.js';
import { SESSION } from '../../middleware/access.js';
import { parseOr400 } from '../../validate.js';
import { claimPage } from '../../views/claims.js';
import { commentMessagePage } from '../../views/comments.js';
import { ClaimBody, ClaimPageQuery, ClaimParams, ModerateBody, PaperParams } from './schema.js';

const HTML = 'text/html; charset=utf-8';

/** The JSON of a claim: an explicit whitelist (the claimant's id only as their profile's key). */
export function claimJson(c: Claim) {
  return { id: c.id, paperId: c.paperId, status: c.status, note: c.note, createdAt: c.createdAt, decidedAt: c.decidedAt, decisionReason: c.decisionReason };
}

function claimPagePath(paperId: string): string {
  return `/claim?paper=${encodeURIComponent(paperId)}`;
}

export function registerClaimRoutes(app: FastifyInstance, deps: WebDeps): void {
  const config = { access: SESSION };

  const claim = async (request: FastifyRequest) => {
    const paperId = parseOr400(PaperParams, request.params);
    const { note } = parseOr400(ClaimBody, request.body);
    return claimAuthorshipOrThrow(deps.store, deps.now, await deps.sessions.checked(request), paperId, note);
  };
  for (const idPath of [':id', ':archive/:number']) {
    app.post(`/papers/${idPath}/claim`, { config }, async (request, reply) => {
      const done = await claim(request);
      return reply.redirect(claimPagePath(done.claim.paperId), 303);
    });
    app.post(`/api/papers/${idPath}/claim`, { config }, async (request, reply) => {
      const done = await claim(request);
      return reply.code(done.created ? 201 : 200).send({ ...claimJson(done.claim), created: done.created });
    });
  }

  for (const approve of [true, false]) {
    const action = approve ? 'approve' : 'reject';
    const decide = async (request: FastifyRequest) => {
      const { claim: id } = parseOr400(ClaimParams, request.params);
      const { reason } = parseOr400(ModerateBody, request.body);
      const session = await deps.sessions.checked(request);
      return decideClaimOrThrow(deps.store, deps.now, { userId: session.userId, role: session.role, emailVerified: session.emailVerified, secondFactor: session.mfa }, id, approve, reason);
    };
    app.post(`/moderation/claims/:claim/${action}`, { config }, async (request, reply) => {
      await decide(request);
      return reply.redirect('/moderation', 303);
    });
    app.post(`/api/moderation/claims/:claim/${action}`, { config }, async (request) => claimJson(await decide(request)));
  }

  const page = (reply: FastifyReply, status: number, body: { value: string }) =>
    reply.code(status).type(HTML).header('cache-control', 'no-store').header('vary', 'Cookie').send(body.value);

  app.get('/claim', async (request, reply) => {
    const { paper: id } = parseOr400(ClaimPageQuery, request.query);
    const paper = await findPaper(deps.store.db, id);
    if (!paper) return page(reply, 404, commentMessagePage('Not found', `No paper ${id} in this catalog.`));
    const session = await deps.sessions.current(request);
    const mine = session ? await myClaim(deps.store, session.userId, id) : undefined;
    return page(reply, 200, claimPage(paper, session, mine ?? null));
  });
}
