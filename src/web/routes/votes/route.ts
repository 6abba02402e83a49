// Votes: POST /papers/<id>/vote and /unvote (HTML forms, answered with a redirect to the vote
// page) and their JSON twins under /api; GET /papers/<id>/vote (served through the paper routes'
// wildcard), the no-JavaScript page with the form; GET /api/me/votes?ids=…, the one per-user
// request a page makes (which of its papers I voted for, and the CSRF token), so the pages
// themselves stay the same for everyone and cacheable. Every POST needs the session and its CSRF
// token; the /api ones take a personal API token with the vote scope instead.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { castVote, myVotes, removeVote, voteStateOrThrow, type VoteContext, type VoteState } from '../../../commands/cast-vote.js';
import type { ArxivId } from '../../../domain/arxiv-id.js';
import { findPaper } from '../../../store/papers-read.js';
import type { WebDeps } from '../../deps.js';
import { SESSION, sessionOrToken } from '../../middleware/access.js';
import { parseOr400 } from '../../validate.js';
import { paperPath } from '../../views/format.js';
import { votePage } from '../../views/vote.js';
import { PaperIdText, PaperParams } from '../paper-id-params.js';
import { MyVotesQuery, VoteFormBody } from './schema.js';

/** The JSON of a vote's outcome: an explicit whitelist. */
function voteJson(state: VoteState) {
  return { id: state.paperId, voted: state.voted, votes: state.votes };
}

/** The paper's vote page (the redirect target of the forms). */
export function votePagePath(id: ArxivId): string {
  return `${paperPath(id)}/vote`;
}

/** GET /papers/<id>/vote, for the paper routes' wildcard: `rest` is the path's id part. */
export function votePageHandler(deps: WebDeps) {
  return async (request: FastifyRequest, reply: FastifyReply, rest: string) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(rest);
    } catch {
      decoded = '\u0000';
    }
    const id = parseOr400(PaperIdText, decoded);
    const session = await deps.sessions.current(request);
    const paper = await findPaper(deps.store.db, id);
    const state = session && paper ? await voteStateOrThrow(deps.store, session.userId, id) : null;
    const page = votePage(id, paper ?? null, session, state);
    return reply.code(paper ? 200 : 404).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.value);
  };
}

export function registerVoteRoutes(app: FastifyInstance, deps: WebDeps): void {
  const ctx: VoteContext = { store: deps.store, now: deps.now, newAccountHours: deps.config.newAccountHours };
  const config = { access: SESSION };
  const apiConfig = { access: sessionOrToken('vote') };

  const voterOf = async (request: FastifyRequest) => {
    const session = await deps.sessions.checked(request);
    return { userId: session.userId, emailVerified: session.emailVerified };
  };

  for (const action of ['vote', 'unvote'] as const) {
    const run = async (request: FastifyRequest) => {
      const id = parseOr400(PaperParams, request.params);
      parseOr400(VoteFormBody, request.body);
      const voter = await voterOf(request);
      return action === 'vote' ? castVote(ctx, voter, id) : removeVote(ctx, voter, id);
    };
    // Old-style ids keep their slash, so each route has a second form with two segments.
    for (const idPath of [':id', ':archive/:number']) {
      app.post(`/papers/${idPath}/${action}`, { config }, async (request, reply) => {
        const state = await run(request);
        return reply.redirect(votePagePath(state.paperId), 303);
      });
      app.post(`/api/papers/${idPath}/${action}`, { config: apiConfig }, async (request) => voteJson(await run(request)));
    }
  }

  app.get('/api/me/votes', async (request, reply) => {
    const { ids } = parseOr400(MyVotesQuery, request.query);
    const session = await deps.sessions.current(request);
    // Depends on the cookie: never stored by a browser or a shared cache.
    reply.header('cache-control', 'no-store').header('vary', 'Cookie');
    if (!session) return { loggedIn: false, csrfToken: null, voted: [] };
    return { loggedIn: true, csrfToken: session.csrfToken, voted: await myVotes(deps.store, session.userId, ids) };
  });
}
