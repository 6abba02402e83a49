// /trending (HTML), its JSON twin /api/trending and its feeds /trending.rss and /trending.atom
// (?window= as on the page), all from getTrending; /about/ranking explains
// the order. Anonymous responses go through the page cache like the daily pages.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getTrending } from '../../../commands/trending.js';
import type { WebDeps } from '../../deps.js';
import { anonymousCacheKey } from '../../middleware/session.js';
import { trendingJson } from '../../presenters/trending.js';
import { sendCached } from '../../send-cached.js';
import { FEED_FORMATS, FEED_TYPES, feedUrls, renderFeed } from '../../feeds.js';
import { trendingFeed } from '../../presenters/listing-feeds.js';
import { parseOr400 } from '../../validate.js';
import { aboutRankingPage } from '../../views/about-ranking.js';
import { trendingPage } from '../../views/trending.js';
import { TRENDING_PAGE_SIZE, TrendingQuery } from './schema.js';

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export function registerTrendingRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { store, config, cache } = deps;

  async function send(request: FastifyRequest, reply: FastifyReply, type: string, render: () => Promise<string>) {
    const cached = await cache.get(anonymousCacheKey(request), async () => ({ status: 200, type, body: Buffer.from(await render()) }));
    return sendCached(request, reply, cached);
  }

  const trending = (request: FastifyRequest) => {
    const q = parseOr400(TrendingQuery, request.query);
    return () => getTrending(store, { window: q.window, page: q.p, limit: TRENDING_PAGE_SIZE, now: deps.now(), newAccountHours: config.newAccountHours });
  };

  app.get('/trending', async (request, reply) => {
    const load = trending(request);
    return send(request, reply, HTML, async () => trendingPage(await load(), config.baseUrl).value);
  });
  app.get('/api/trending', async (request, reply) => {
    const load = trending(request);
    return send(request, reply, JSON_TYPE, async () => JSON.stringify(trendingJson(await load())));
  });
  for (const format of FEED_FORMATS) {
    app.get(`/trending.${format}`, async (request, reply) => {
      const load = trending(request);
      const urls = feedUrls(config.baseUrl, request.url, format);
      return send(request, reply, FEED_TYPES[format], async () => renderFeed(format, trendingFeed(await load(), config.baseUrl, urls)));
    });
  }
  app.get('/about/ranking', async (request, reply) => send(request, reply, HTML, async () => aboutRankingPage(config.newAccountHours).value));
}
