// JSON in the Hugging Face daily-papers shapes (GET https://huggingface.co/api/daily_papers and
// /api/papers/<id>), built from an explicit field list so HF API clients work against Paperboy.
// User objects (submittedBy, authors[].user) are never emitted.
import type { DailyFeed } from '../../commands/daily-feed.js';
import { codeLink, projectLink, totalVotes, type DailyEntry, type Paper } from '../../domain/paper.js';
import { periodPath } from '../views/daily.js';

/**
 * A timestamp as the Hub writes it, "2026-08-21T09:30:00.000Z": huggingface_hub's parse_datetime
 * reads only '%Y-%m-%dT%H:%M:%S.%fZ' (older versions need the fraction), whatever form it was stored in.
 */
export function hfTimestamp(iso: string | null): string | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function hfPaper(p: Paper) {
  const code = codeLink(p);
  const project = projectLink(p);
  return {
    id: p.id,
    authors: p.authors.map((name) => ({ name, hidden: false })),
    publishedAt: hfTimestamp(p.publishedAt),
    title: p.title,
    summary: p.abstract,
    upvotes: totalVotes(p),
    ...(p.aiSummary ? { ai_summary: p.aiSummary } : {}),
    ...(p.aiKeywords.length > 0 ? { ai_keywords: p.aiKeywords } : {}),
    ...(code ? { githubRepo: code.url, ...(code.stars !== null ? { githubStars: code.stars } : {}) } : {}),
    ...(project ? { projectPage: project.url } : {}),
    // Paperboy additions (HF clients ignore unknown keys).
    categories: p.categories,
    withdrawn: p.withdrawn,
    upvotesBaseline: p.baseline ? { source: p.baseline.source, upvotes: p.baseline.upvotes, asOf: p.baseline.asOf } : null,
  };
}

export function hfDailyItem(entry: DailyEntry) {
  const p = entry.paper;
  const featuredAt = `${entry.day}T00:00:00.000Z`;
  return {
    paper: { ...hfPaper(p), submittedOnDailyAt: featuredAt },
    publishedAt: featuredAt,
    title: p.title,
    summary: p.abstract,
    numComments: p.localComments + (p.baseline?.comments ?? 0),
    isAuthorParticipating: false,
    // Who put it on the daily page: {kind: 'user', name} for a reader who submitted it (their public
    // name only, never the address), {kind: 'source', name} for an import. Explicit fields.
    submitter: { kind: entry.submitter.kind, name: entry.submitter.name },
  };
}

/** Paperboy's own JSON twin of a feed page: the HF items plus the period and navigation. */
export function feedJson(feed: DailyFeed) {
  const neighbour = (day: string | null) => (day && feed.period ? day : null);
  return {
    period: feed.period ? { kind: feed.period.kind, key: feed.period.key, first: feed.period.first, last: feed.period.last, path: periodPath(feed.period) } : null,
    prev: neighbour(feed.prev),
    next: neighbour(feed.next),
    total: feed.total,
    page: feed.page,
    limit: feed.limit,
    papers: feed.entries.map(hfDailyItem),
  };
}
