// /authors/<name> (HTML) and /api/authors/<name> (JSON): an author's papers, newest first, paged
// with ?p= from 0. A name no paper lists is a 404 (with a page that suggests searches).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getAuthorPapers, type AuthorPapers } from '../../../commands/author-papers.js';
import { notFound } from '../../../domain/errors.js';
import type { WebDeps } from '../../deps.js';
import { anonymousCacheKey } from '../../middleware/session.js';
import { hfPaper } from '../../presenters/hf.js';
import { sendCached } from '../../send-cached.js';
import { parseOr400 } from '../../validate.js';
import { authorMissingPage, authorPage } from '../../views/author.js';
import { AuthorParams, AuthorQuery, PAGE_SIZE } from './schema.js';

function json(view: AuthorPapers) {
  return {
    name: view.name,
    spellings: view.spellings,
    total: view.total,
    page: view.page,
    limit: view.limit,
    hasMore: view.hasMore,
    papers: view.papers.map(hfPaper),
  };
}

export function registerAuthorRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { store, config, cache } = deps;
  const handler = (format: 'html' | 'json') => async (request: FastifyRequest, reply: FastifyReply) => {
    const { name } = parseOr400(AuthorParams, request.params);
    const { p } = parseOr400(AuthorQuery, request.query);
    const cached = await cache.get(anonymousCacheKey(request), async () => {
      const view = await getAuthorPapers(store, name, p, PAGE_SIZE);
      if (format === 'json') {
        if (!view) throw notFound(`No paper in this catalog lists the author "${name}".`);
        return { status: 200, type: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(json(view))) };
      }
      const page = view ? authorPage(view, config.baseUrl) : authorMissingPage(name);
      return { status: view ? 200 : 404, type: 'text/html; charset=utf-8', body: Buffer.from(page.value) };
    });
    return sendCached(request, reply, cached);
  };
  app.get('/authors/:name', handler('html'));
  app.get('/api/authors/:name', handler('json'));
}
