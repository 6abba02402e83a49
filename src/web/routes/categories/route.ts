// /categories/<cat> (HTML) and /api/categories/<cat> (JSON): the papers of an arXiv category
// (cs.LG) or archive (cs), newest first, paged with ?p= from 0, and its feeds /categories/<cat>.rss
// and .atom. A category with no papers here is a
// 404, unless only its case is off (cs.lg), which redirects to arXiv's spelling.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getCategoryPapers, type CategoryPapers } from '../../../commands/category-papers.js';
import { notFound } from '../../../domain/errors.js';
import type { WebDeps } from '../../deps.js';
import { anonymousCacheKey } from '../../middleware/session.js';
import { hfPaper } from '../../presenters/hf.js';
import { sendCached } from '../../send-cached.js';
import { FEED_TYPES, feedPath, feedUrls, renderFeed, splitFeedSuffix } from '../../feeds.js';
import { categoryFeed } from '../../presenters/listing-feeds.js';
import { parseOr400 } from '../../validate.js';
import { categoryMissingPage, categoryPage } from '../../views/category.js';
import { categoryPath } from '../../views/links.js';
import { pagePath } from '../../views/paper-list.js';
import { CategoryParams, CategoryQuery, PAGE_SIZE } from './schema.js';

function json(view: CategoryPapers) {
  return {
    category: view.filter.value,
    archive: view.filter.archive,
    page: view.page,
    limit: view.limit,
    hasMore: view.hasMore,
    papers: view.papers.map(hfPaper),
  };
}

export function registerCategoryRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { store, config, cache } = deps;
  const handler = (kind: 'html' | 'json') => async (request: FastifyRequest<{ Params: { cat: string } }>, reply: FastifyReply) => {
    const split = kind === 'html' ? splitFeedSuffix(request.params.cat) : { base: request.params.cat, format: null };
    const { cat } = parseOr400(CategoryParams, { cat: split.base });
    const { p } = parseOr400(CategoryQuery, request.query);
    const format = split.format ?? kind;
    const cached = await cache.get(anonymousCacheKey(request), async () => {
      const found = await getCategoryPapers(store, cat, p, PAGE_SIZE);
      // A redirect's body is its target, so requests sharing this render can redirect too.
      if (found && 'spelled' in found) {
        const page = pagePath(categoryPath(found.spelled), p);
        const target = format === 'json' ? `/api${page}` : format === 'html' ? page : feedPath(page, format);
        return { status: 301, type: 'text/plain; charset=utf-8', body: Buffer.from(target) };
      }
      if (format === 'rss' || format === 'atom') {
        if (!found) throw notFound(`No paper in this catalog is listed in ${cat}.`);
        const feed = categoryFeed(found, config.baseUrl, feedUrls(config.baseUrl, request.url, format));
        return { status: 200, type: FEED_TYPES[format], body: Buffer.from(renderFeed(format, feed)) };
      }
      if (format === 'json') {
        if (!found) throw notFound(`No paper in this catalog is listed in ${cat}.`);
        return { status: 200, type: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(json(found))) };
      }
      const page = found ? categoryPage(found, config.baseUrl) : categoryMissingPage(cat);
      return { status: found ? 200 : 404, type: 'text/html; charset=utf-8', body: Buffer.from(page.value) };
    });
    if (cached.status === 301) return reply.redirect(cached.body.toString(), 301);
    return sendCached(request, reply, cached);
  };
  app.get('/categories/:cat', handler('html'));
  app.get('/api/categories/:cat', handler('json'));
}
