// /new (HTML), /api/new (JSON) and /new.rss, /new.atom: one day's arXiv announcements.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { getNewSubmissions, type NewSubmissions } from '../../../commands/new-submissions.js';
import type { WebDeps } from '../../deps.js';
import { anonymousCacheKey } from '../../middleware/session.js';
import { sendCached } from '../../send-cached.js';
import { atom, rss, type Feed } from '../../presenters/feed.js';
import { hfPaper } from '../../presenters/hf.js';
import { parseOr400 } from '../../validate.js';
import { paperPath } from '../../views/format.js';
import { newPage, newPath } from '../../views/new.js';
import { NewQuery } from './schema.js';

type Format = 'html' | 'json' | 'rss' | 'atom';

const TYPES: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

function toFeed(view: NewSubmissions, baseUrl: URL, suffix: string): Feed {
  const cat = view.filter?.value ?? null;
  const items = view.groups.flatMap((g) => g.papers).map(({ paper }) => ({
    url: new URL(paperPath(paper.id), baseUrl).toString(),
    title: paper.title,
    summary: paper.abstract,
    authors: paper.authors,
    categories: paper.categories,
    updated: paper.publishedAt ?? new Date(0).toISOString(),
  }));
  return {
    title: `Paperboy: new on arXiv${cat ? ` in ${cat}` : ''}`,
    description: `Papers first announced on ${view.day ?? 'no day yet'}${cat ? ` in ${cat}` : ''}.`,
    pageUrl: new URL(newPath(null, cat), baseUrl).toString(),
    selfUrl: new URL(newPath(null, cat, suffix), baseUrl).toString(),
    updated: items[0]?.updated ?? new Date(0).toISOString(),
    items,
  };
}

function json(view: NewSubmissions) {
  return {
    date: view.day,
    cat: view.filter?.value ?? null,
    prev: view.prev,
    next: view.next,
    total: view.total,
    groups: view.groups.map((g) => ({ category: g.category, papers: g.papers.map((e) => ({ ...hfPaper(e.paper), crossList: e.crossList })) })),
  };
}

export function registerNewRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { store, config, cache } = deps;
  const handler = (format: Format) => async (request: FastifyRequest, reply: FastifyReply) => {
    const q = parseOr400(NewQuery, request.query);
    const filter = q.cat ? { value: q.cat, archive: !q.cat.includes('.') } : null;
    const cached = await cache.get(anonymousCacheKey(request), async () => {
      const view = await getNewSubmissions(store, q.date ?? null, filter);
      const body =
        format === 'html' ? newPage(view, config.baseUrl).value
        : format === 'json' ? JSON.stringify(json(view))
        : format === 'rss' ? rss(toFeed(view, config.baseUrl, '.rss'))
        : atom(toFeed(view, config.baseUrl, '.atom'));
      return { status: 200, type: TYPES[format], body: Buffer.from(body) };
    });
    return sendCached(request, reply, cached);
  };
  app.get('/new', handler('html'));
  app.get('/api/new', handler('json'));
  app.get('/new.rss', handler('rss'));
  app.get('/new.atom', handler('atom'));
}
