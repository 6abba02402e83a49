// Search: the page /search, its JSON twin /api/search, its feeds /search.rss and /search.atom (the
// page's query, filters and mode), and the Hugging Face-compatible /api/papers/search?q=&limit=.
// All run searchPapers; a query naming a paper in the catalog
// (an arXiv id or URL) jumps to it. Results are cached per URL like every anonymous page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { searchPapers, type PaperSearch, type PaperSearchQuery } from '../../../commands/search-papers.js';
import type { ArxivId } from '../../../domain/arxiv-id.js';
import { parseQuery } from '../../../domain/query-parser.js';
import { DEFAULT_SEARCH_MODE, NO_FILTERS, type SearchFilters } from '../../../domain/search.js';
import { findPaper } from '../../../store/papers-read.js';
import type { WebDeps } from '../../deps.js';
import { FEED_FORMATS, FEED_TYPES, feedUrls, renderFeed } from '../../feeds.js';
import { anonymousCacheKey } from '../../middleware/session.js';
import { searchFeed } from '../../presenters/listing-feeds.js';
import { sendCached } from '../../send-cached.js';
import { hfSearchItem, searchJson } from '../../presenters/search.js';
import { parseOr400 } from '../../validate.js';
import { paperPath } from '../../views/format.js';
import { searchPage } from '../../views/search.js';
import { ApiSearchQuery, HfSearchQuery, PAGE_SIZE, SearchPageQuery } from './schema.js';

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

type Controls = ReturnType<typeof SearchPageQuery.parse>;

function filtersOf(q: Controls): SearchFilters {
  return { from: q.from ?? null, to: q.to ?? null, categories: q.cat ? [q.cat] : [], hasCode: q.code };
}

export function registerSearchRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { store, config, cache } = deps;

  /** Runs the search, or answers with the paper a pasted id names. Referencing queries skip the cache. */
  async function respond(
    request: FastifyRequest,
    reply: FastifyReply,
    query: PaperSearchQuery,
    type: string,
    onPaper: (id: ArxivId) => Promise<unknown>,
    render: (s: PaperSearch) => string,
  ) {
    if (parseQuery(query.q).reference) {
      const outcome = await searchPapers(store, query);
      return outcome.kind === 'paper' ? onPaper(outcome.id) : reply.code(200).type(type).send(render(outcome));
    }
    const cached = await cache.get(anonymousCacheKey(request), async () => {
      const outcome = await searchPapers(store, query);
      // Without a reference the command always answers with results.
      const body = outcome.kind === 'results' ? render(outcome) : '';
      return { status: 200, type, body: Buffer.from(body) };
    });
    return sendCached(request, reply, cached);
  }

  app.get('/search', async (request, reply) => {
    const q = parseOr400(SearchPageQuery, request.query);
    const query = { q: q.q, filters: filtersOf(q), sort: q.sort, mode: q.mode, page: q.p, limit: PAGE_SIZE, highlight: true, count: true, ...(q.like ? { like: q.like } : {}) };
    return respond(request, reply, query, HTML, async (id) => reply.redirect(paperPath(id), 302), (s) => searchPage(s, config.baseUrl).value);
  });

  for (const format of FEED_FORMATS) {
    app.get(`/search.${format}`, async (request, reply) => {
      const q = parseOr400(SearchPageQuery, request.query);
      const query = { q: q.q, filters: filtersOf(q), sort: q.sort, mode: q.mode, page: q.p, limit: PAGE_SIZE, highlight: false, count: false, ...(q.like ? { like: q.like } : {}) };
      const urls = feedUrls(config.baseUrl, request.url, format);
      // A pasted arXiv id or URL leads to the paper, as on the page.
      return respond(request, reply, query, FEED_TYPES[format], async (id) => reply.redirect(paperPath(id), 302), (s) => renderFeed(format, searchFeed(s, config.baseUrl, urls)));
    });
  }

  app.get('/api/search', async (request, reply) => {
    const q = parseOr400(ApiSearchQuery, request.query);
    const query = { q: q.q, filters: filtersOf(q), sort: q.sort, mode: q.mode, page: q.p, limit: q.limit, highlight: true, count: true, ...(q.like ? { like: q.like } : {}) };
    return respond(request, reply, query, JSON_TYPE, async (id) => reply.redirect(`/api${paperPath(id)}`, 302), (s) => JSON.stringify(searchJson(s)));
  });

  app.get('/api/papers/search', async (request, reply) => {
    const q = parseOr400(HfSearchQuery, request.query);
    const query: PaperSearchQuery = { q: q.q, filters: NO_FILTERS, sort: 'relevance', mode: DEFAULT_SEARCH_MODE, page: 0, limit: q.limit, highlight: false, count: false };
    // A pasted id answers with that paper alone, as Hugging Face's search does.
    const items = async (id: ArxivId) => {
      const paper = await findPaper(store.db, id);
      return reply.type(JSON_TYPE).send(JSON.stringify(paper ? [hfSearchItem(paper)] : []));
    };
    return respond(request, reply, query, JSON_TYPE, items, (s) => JSON.stringify(s.hits.map((h) => hfSearchItem(h.paper))));
  });
}
