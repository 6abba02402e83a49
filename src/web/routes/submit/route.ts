// Submissions (issue 5, item 7): GET /submit, the per-reader page with the form (never cached);
// POST /submit, the form (303 to the paper's card on its daily page; a refusal re-renders the page
// with the reason and its status, a duplicate with a link to the existing entry); POST /api/submit
// {"paper"} → the entry (201 new, 200 when this reader had already submitted it; 409 with
// `existing` for a paper already on a daily page); GET /api/submit, what the page knows (log-in
// state, CSRF token, whether papers are fetched from arXiv). POSTs need the session and its token.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AlreadyFeatured, MAX_REFERENCE_CHARS, submitPaperOrThrow, type Submission, type SubmitContext } from '../../../commands/submit-paper.js';
import { AppError, RateLimited } from '../../../domain/errors.js';
import type { WebDeps } from '../../deps.js';
import { SESSION, sessionOrToken } from '../../middleware/access.js';
import { parseOr400 } from '../../validate.js';
import { paperPath } from '../../views/format.js';
import { entryPath, submitPage } from '../../views/submit.js';
import { SubmitBody } from './schema.js';

const HTML = 'text/html; charset=utf-8';

/** The JSON of a submission: an explicit whitelist. */
function submissionJson(s: Submission, submittedBy: string) {
  return {
    id: s.paper.id,
    title: s.paper.title,
    day: s.day,
    url: entryPath(s.day, s.paper.id),
    paperUrl: paperPath(s.paper.id),
    submittedBy,
    created: s.created,
    fetchedFromArxiv: s.fetched,
  };
}

export function registerSubmitRoutes(app: FastifyInstance, deps: WebDeps): void {
  const ctx: SubmitContext = { store: deps.store, now: deps.now, newAccountHours: deps.config.newAccountHours, arxiv: deps.arxiv };
  const config = { access: SESSION };
  const fetches = deps.arxiv !== null;

  const page = (reply: FastifyReply, status: number, body: { value: string }) =>
    reply.code(status).type(HTML).header('cache-control', 'no-store').header('vary', 'Cookie').send(body.value);

  app.get('/submit', async (request, reply) => page(reply, 200, submitPage(await deps.sessions.current(request), fetches)));

  app.get('/api/submit', async (request, reply) => {
    const session = await deps.sessions.current(request);
    reply.header('cache-control', 'no-store').header('vary', 'Cookie');
    return {
      loggedIn: session !== null,
      emailVerified: session?.emailVerified ?? false,
      csrfToken: session?.csrfToken ?? null,
      fetchesFromArxiv: fetches,
    };
  });

  app.post('/submit', { config }, async (request, reply) => {
    const session = await deps.sessions.checked(request);
    const raw: unknown = request.body;
    const typed = typeof raw === 'object' && raw !== null && 'paper' in raw && typeof raw.paper === 'string' ? raw.paper : '';
    try {
      const { paper } = parseOr400(SubmitBody, raw);
      const done = await submitPaperOrThrow(ctx, session, paper);
      return reply.redirect(entryPath(done.day, done.paper.id), 303);
    } catch (err) {
      // Refusals (4xx, and 503 when arXiv cannot be reached) re-render the form; anything else is a 500.
      if (!(err instanceof AppError) || (err.status >= 500 && err.status !== 503)) throw err;
      if (err instanceof RateLimited) reply.header('retry-after', String(err.retryAfterSeconds));
      const existing = err instanceof AlreadyFeatured ? { paperId: err.paperId, day: err.day } : null;
      return page(reply, err.status, submitPage(session, fetches, { value: typed.slice(0, MAX_REFERENCE_CHARS), error: err.message, existing }));
    }
  });

  // API clients may submit with a personal API token holding the submit scope.
  app.post('/api/submit', { config: { access: sessionOrToken('submit') } }, async (request, reply) => {
    const { paper } = parseOr400(SubmitBody, request.body);
    const session = await deps.sessions.checked(request);
    try {
      const done = await submitPaperOrThrow(ctx, session, paper);
      return reply.code(done.created ? 201 : 200).send(submissionJson(done, session.displayName));
    } catch (err) {
      if (!(err instanceof AlreadyFeatured)) throw err;
      return reply.code(409).send({
        error: err.id,
        message: err.message,
        existing: { id: err.paperId, day: err.day, url: entryPath(err.day, err.paperId), paperUrl: paperPath(err.paperId) },
      });
    }
  });
}
