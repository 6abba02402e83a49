// /authors/<name> (HTML) and /api/authors/<name> (JSON): an author's papers, newest first, paged
// with ?p= from 0, and its feeds /authors/<name>.rss and .atom. A name no paper lists is a 404
// (with a page that suggests searches). A name that itself ends in .rss or .atom is read as a feed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getAuthorPapers, type AuthorPapers } from '../../../commands/author-papers.js';
import { notFound } from '../../../domain/errors.js';
import type { WebDeps } from '../../deps.js';
import { anonymousCacheKey } from '../../middleware/session.js';
import { hfPaper } from '../../presenters/hf.js';
import { sendCached } from '../../send-cached.js';
import { FEED_TYPES, feedUrls, renderFeed, splitFeedSuffix } from '../../feeds.js';
import { authorFeed } from '../../presenters/listing-feeds.js';
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
  const handler = (kind: 'html' | 'json') => async (request: FastifyRequest<{ Params: { name: string } }>, reply: FastifyReply) => {
    const split = kind === 'html' ? splitFeedSuffix(request.params.name) : { base: request.params.name, format: null };
    const { name } = parseOr400(AuthorParams, { name: split.base });
    const { p } = parseOr400(AuthorQuery, request.query);
    const format = split.format ?? kind;
    const cached = await cache.get(anonymousCacheKey(request), async () => {
      const view = await getAuthorPapers(store, name, p, PAGE_SIZE);
      if (format === 'rss' || format === 'atom') {
        if (!view) throw notFound(`No paper in this catalog lists the author "${name}".`);
        const feed = authorFeed(view, config.baseUrl, feedUrls(config.baseUrl, request.url, format));
        return { status: 200, type: FEED_TYPES[format], body: Buffer.from(renderFeed(format, feed)) };
      }
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
