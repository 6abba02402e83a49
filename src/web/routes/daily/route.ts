// The daily feed: HTML pages (/, /papers?date=, /papers/week/<w>, /papers/month/<m>), their JSON
// twins under /api, their RSS and Atom feeds (/papers.rss?date=, /papers/week/<w>.atom …), and the
// HF-compatible /api/daily_papers. All are built by getDailyFeed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { getDailyFeed, type FeedQuery } from '../../../commands/daily-feed.js';
import { dayPeriod, monthKey, weekKey, type Period } from '../../../domain/period.js';
import { latestDay } from '../../../store/daily-read.js';
import type { WebDeps } from '../../deps.js';
import { anonymousCacheKey } from '../../middleware/session.js';
import { sendCached } from '../../send-cached.js';
import { FEED_FORMATS, FEED_TYPES, feedUrls, renderFeed, splitFeedSuffix } from '../../feeds.js';
import { dailyFeed } from '../../presenters/listing-feeds.js';
import { feedJson, hfDailyItem } from '../../presenters/hf.js';
import { parseOr400 } from '../../validate.js';
import { dailyPage } from '../../views/daily.js';
import { DailyPapersQuery, DayPageQuery, MonthParam, PAGE_SIZE, PeriodPageQuery, WeekParam } from './schema.js';

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export function registerDailyRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { store, config, cache } = deps;

  async function send(request: FastifyRequest, reply: FastifyReply, type: string, render: () => Promise<string>) {
    const cached = await cache.get(anonymousCacheKey(request), async () => ({ status: 200, type, body: Buffer.from(await render()) }));
    return sendCached(request, reply, cached);
  }

  const feed = (period: Period | null, p: number, limit = PAGE_SIZE): FeedQuery => ({ period, page: p, limit, sort: 'upvotes' });

  const dayPage = async (request: FastifyRequest, reply: FastifyReply) => {
    const q = parseOr400(DayPageQuery, request.query);
    const period = q.date ? dayPeriod(q.date) : null;
    return send(request, reply, HTML, async () => dailyPage(await getDailyFeed(store, feed(period, q.p)), config.baseUrl).value);
  };
  app.get('/', dayPage);
  app.get('/papers', dayPage);
  for (const format of FEED_FORMATS) {
    app.get(`/papers.${format}`, async (request, reply) => {
      const q = parseOr400(DayPageQuery, request.query);
      const period = q.date ? dayPeriod(q.date) : null;
      const urls = feedUrls(config.baseUrl, request.url, format);
      return send(request, reply, FEED_TYPES[format], async () => renderFeed(format, dailyFeed(await getDailyFeed(store, feed(period, q.p)), config.baseUrl, urls)));
    });
  }

  app.get('/api/papers', async (request, reply) => {
    const q = parseOr400(DayPageQuery, request.query);
    const period = q.date ? dayPeriod(q.date) : null;
    return send(request, reply, JSON_TYPE, async () => JSON.stringify(feedJson(await getDailyFeed(store, feed(period, q.p)))));
  });

  for (const [kind, Param, keyOf] of [
    ['week', WeekParam, weekKey],
    ['month', MonthParam, monthKey],
  ] as const) {
    // Without a key: the period holding the latest featured day.
    app.get(`/papers/${kind}`, async (_request, reply) => {
      const day = await latestDay(store.db);
      return reply.redirect(day ? `/papers/${kind}/${keyOf(day)}` : '/', 302);
    });
    for (const api of [false, true]) {
      app.get<{ Params: { key: string } }>(`${api ? '/api' : ''}/papers/${kind}/:key`, async (request, reply) => {
        // /papers/week/2026-W34.rss: the feed of the page without the suffix.
        const { base, format } = api ? { base: request.params.key, format: null } : splitFeedSuffix(request.params.key);
        const { key } = parseOr400(z.object({ key: Param }), { key: base });
        const q = parseOr400(PeriodPageQuery, request.query);
        if (format) {
          const urls = feedUrls(config.baseUrl, request.url, format);
          return send(request, reply, FEED_TYPES[format], async () => renderFeed(format, dailyFeed(await getDailyFeed(store, feed(key, q.p)), config.baseUrl, urls)));
        }
        return api
          ? send(request, reply, JSON_TYPE, async () => JSON.stringify(feedJson(await getDailyFeed(store, feed(key, q.p)))))
          : send(request, reply, HTML, async () => dailyPage(await getDailyFeed(store, feed(key, q.p)), config.baseUrl).value);
      });
    }
  }

  app.get('/api/daily_papers', async (request, reply) => {
    const q = parseOr400(DailyPapersQuery, request.query);
    const period = q.date ? dayPeriod(q.date) : (q.week ?? q.month ?? null);
    return send(request, reply, JSON_TYPE, async () => {
      const result = await getDailyFeed(store, { period, page: q.p, limit: q.limit, sort: q.sort, submitter: q.submitter });
      return JSON.stringify(result.entries.map(hfDailyItem));
    });
  });
}
