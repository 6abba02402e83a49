// The <head> links that let browsers and feed readers find a page's RSS and Atom feeds.
import { feedPath } from '../feeds.js';
import { html, type SafeHtml } from '../html.js';

/** `path` is the listing's path with its query ("/papers?date=2026-08-21"); `title` names it. */
export function feedLinks(path: string, title: string): SafeHtml {
  return html`<link rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="${feedPath(path, 'rss')}">
<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="${feedPath(path, 'atom')}">`;
}
