// Feeds of every listing page: the page path + `.rss` (RSS 2.0) or `.atom` (Atom 1.0), with the
// page's query (/papers.rss?date=…, /papers/week/2026-W34.atom, /search.rss?q=…&mode=keyword).
// A feed mirrors the first page of the listing it names, or the page `p` asks for.
import { atom, rss, type Feed } from './presenters/feed.js';

export const FEED_FORMATS = ['rss', 'atom'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
};

export function renderFeed(format: FeedFormat, feed: Feed): string {
  return format === 'rss' ? rss(feed) : atom(feed);
}

/** "2026-W34.rss" → { base: "2026-W34", format: "rss" }; no feed suffix → format null. */
export function splitFeedSuffix(segment: string): { base: string; format: FeedFormat | null } {
  for (const format of FEED_FORMATS) {
    if (segment.endsWith(`.${format}`)) return { base: segment.slice(0, -format.length - 1), format };
  }
  return { base: segment, format: null };
}

/** A page path (with its query) turned into its feed's: "/search?q=x" → "/search.rss?q=x". */
export function feedPath(pagePath: string, format: FeedFormat): string {
  const q = pagePath.indexOf('?');
  return q < 0 ? `${pagePath}.${format}` : `${pagePath.slice(0, q)}.${format}${pagePath.slice(q)}`;
}

/** The absolute URLs of a feed and of the page it mirrors, from the feed request's own URL. */
export function feedUrls(baseUrl: URL, requestUrl: string, format: FeedFormat): { selfUrl: string; pageUrl: string } {
  const self = new URL(requestUrl, baseUrl);
  const page = new URL(self);
  page.pathname = self.pathname.slice(0, -format.length - 1);
  return { selfUrl: self.toString(), pageUrl: page.toString() };
}
