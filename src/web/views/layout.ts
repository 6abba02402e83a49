// The page frame: head (title, meta, feeds, styles), site header with navigation, footer. The
// footer's subscribe form is the same for every reader (no CSRF token: /subscribe is PUBLIC), so
// anonymous pages stay cacheable.
import { html, type SafeHtml } from '../html.js';

export interface PageHead {
  readonly title: string;
  readonly description?: string;
  readonly canonical?: string;
  /** Extra tags for <head>: citation_* and Open Graph metadata, feed links. */
  readonly meta?: SafeHtml;
  /** Text for the header's search box (the search page passes its query). */
  readonly query?: string;
}

export function layout(head: PageHead, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${head.title}</title>
${head.description ? html`<meta name="description" content="${head.description}">` : null}
${head.canonical ? html`<link rel="canonical" href="${head.canonical}">` : null}
<meta name="color-scheme" content="light dark">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/style.css">
${head.meta}
<script src="/static/app.js" defer></script>
<script src="/static/comments.js" defer></script>
<script src="/static/votes.js" defer></script>
</head>
<body>
<header class="site">
  <a class="brand" href="/">Paperboy</a>
  <nav aria-label="Feeds">
    <a href="/">Daily</a>
    <a href="/papers/week">Weekly</a>
    <a href="/papers/month">Monthly</a>
    <a href="/trending">Trending</a>
    <a href="/new">New on arXiv</a>
    <a href="/submit">Submit</a>
  </nav>
  <a class="account-link" href="/account">Account</a>
  <form class="site-search" method="get" action="/search" role="search">
    <input type="search" name="q" value="${head.query ?? ''}" aria-label="Search papers" placeholder="Search papers, authors, arXiv ids">
    <button type="submit">Search</button>
  </form>
</header>
<main id="main">
${body}
</main>
<footer class="site">
  <p>Paperboy — research papers found, ranked and delivered by their community. Metadata from arXiv and Hugging Face Daily Papers. <a href="/api/daily_papers">JSON API</a> · <a href="/about/ranking">How papers are ranked</a></p>
  <form class="footer-subscribe" method="post" action="/subscribe">
    <label>New papers by e-mail <input type="email" name="email" required maxlength="254" autocomplete="email" placeholder="you@example.org"></label>
    <button type="submit">Subscribe</button>
  </form>
</footer>
</body>
</html>`;
}
