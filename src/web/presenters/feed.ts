// RSS 2.0 (https://www.rssboard.org/rss-specification) and Atom 1.0 (RFC 4287) for any list of
// papers. Item ids are the papers' canonical URLs, so a paper has the same GUID in every feed and
// across rebuilds. Dates: RFC 822 in RSS (toUTCString: "Mon, 30 Nov 2026 09:00:00 GMT"), RFC 3339
// in Atom (toISOString).
import type { Paper } from '../../domain/paper.js';
import { paperPath } from '../views/format.js';

export interface FeedItem {
  readonly url: string;
  readonly title: string;
  readonly summary: string;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  /** ISO timestamp. */
  readonly updated: string;
}

export interface Feed {
  readonly title: string;
  readonly description: string;
  /** The HTML page this feed mirrors. */
  readonly pageUrl: string;
  /** The feed's own URL. */
  readonly selfUrl: string;
  readonly updated: string;
  readonly items: readonly FeedItem[];
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Characters XML 1.0 forbids: control characters, U+FFFE/U+FFFF and unpaired surrogates. */
// eslint-disable-next-line no-control-regex -- matching the control characters XML 1.0 forbids
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Escapes text for XML and drops characters XML 1.0 forbids. */
export function xml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

/** Stands in for the date of a feed with no items (Atom requires one; a fixed value keeps rebuilds identical). */
const EPOCH = new Date(0).toISOString();

/** A paper as a feed item; `date` is when it appeared in this listing (featured day or publication). */
export function paperItem(paper: Paper, baseUrl: URL, date: string | null): FeedItem {
  return {
    url: new URL(paperPath(paper.id), baseUrl).toString(),
    title: paper.title,
    summary: paper.abstract,
    authors: paper.authors,
    categories: paper.categories,
    updated: date ?? paper.publishedAt ?? EPOCH,
  };
}

/** The newest item date: a feed's own date changes only when its items do. */
export function newestDate(items: readonly FeedItem[], fallback: string | null = null): string {
  let newest = fallback ?? EPOCH;
  for (const i of items) if (Date.parse(i.updated) > Date.parse(newest)) newest = i.updated;
  return newest;
}

function rfc822(iso: string): string {
  return new Date(iso).toUTCString();
}

export function rss(feed: Feed): string {
  const items = feed.items.map(
    (i) => `<item>
<title>${xml(i.title)}</title>
<link>${xml(i.url)}</link>
<guid isPermaLink="true">${xml(i.url)}</guid>
<description>${xml(i.summary)}</description>
<dc:creator>${xml(i.authors.join(', '))}</dc:creator>
${i.categories.map((c) => `<category>${xml(c)}</category>`).join('')}
<pubDate>${rfc822(i.updated)}</pubDate>
</item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${xml(feed.title)}</title>
<link>${xml(feed.pageUrl)}</link>
<description>${xml(feed.description)}</description>
<atom:link href="${xml(feed.selfUrl)}" rel="self" type="application/rss+xml"/>
<lastBuildDate>${rfc822(feed.updated)}</lastBuildDate>
${items.join('\n')}
</channel>
</rss>
`;
}

export function atom(feed: Feed): string {
  const entries = feed.items.map(
    (i) => `<entry>
<id>${xml(i.url)}</id>
<title>${xml(i.title)}</title>
<link href="${xml(i.url)}"/>
<updated>${new Date(i.updated).toISOString()}</updated>
${i.authors.map((a) => `<author><name>${xml(a)}</name></author>`).join('')}
${i.categories.map((c) => `<category term="${xml(c)}"/>`).join('')}
<summary>${xml(i.summary)}</summary>
</entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<id>${xml(feed.selfUrl)}</id>
<title>${xml(feed.title)}</title>
<subtitle>${xml(feed.description)}</subtitle>
<link rel="alternate" type="text/html" href="${xml(feed.pageUrl)}"/>
<link rel="self" type="application/atom+xml" href="${xml(feed.selfUrl)}"/>
<updated>${new Date(feed.updated).toISOString()}</updated>
<author><name>Paperboy</name></author>
${entries.join('\n')}
</feed>
`;
}
