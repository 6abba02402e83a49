// /trending: papers of the day, week, month or all time ranked by votes with time decay.
import type { Trending } from '../../commands/trending.js';
import { TRENDING_WINDOWS, type TrendingWindow } from '../../domain/ranking.js';
import { html } from '../html.js';
import { paperCard } from './card.js';
import { feedLinks } from './feed-links.js';
import { shortDate } from './format.js';
import { layout } from './layout.js';

const NAMES: Record<TrendingWindow, string> = { day: 'today', week: 'this week', month: 'this month', all: 'all time' };
const SPANS: Record<TrendingWindow, string> = { day: 'day', week: 'week', month: '30 days', all: 'catalog' };

export function trendingPath(window: TrendingWindow, page = 0): string {
  return `/trending?window=${window}${page > 0 ? `&p=${page}` : ''}`;
}

function range(t: Trending): string {
  if (t.first === null) return 'every paper in the catalog';
  return t.first === t.last ? `papers featured on ${shortDate(t.last)}` : `papers featured ${shortDate(t.first)} – ${shortDate(t.last)}`;
}

function pager(t: Trending) {
  const pages = Math.ceil(t.total / t.limit);
  if (pages <= 1) return null;
  return html`<nav class="pager" aria-label="Pages">
    ${t.page > 0 ? html`<a rel="prev" href="${trendingPath(t.window, t.page - 1)}">← Previous page</a>` : null}
    <span>Page ${t.page + 1} of ${pages}</span>
    ${t.page + 1 < pages ? html`<a rel="next" href="${trendingPath(t.window, t.page + 1)}">Next page →</a>` : null}
  </nav>`;
}

export function trendingPage(t: Trending, baseUrl: URL) {
  const tabs = TRENDING_WINDOWS.map((w) => (w === t.window ? html`<strong aria-current="page">${w}</strong>` : html`<a href="${trendingPath(w)}">${w}</a>`));
  const offset = t.page * t.limit;
  return layout(
    {
      title: `Trending ${NAMES[t.window]} · Paperboy`,
      description: `Research papers trending ${NAMES[t.window]}: ranked by readers' votes, newer papers first among equals.`,
      canonical: new URL(trendingPath(t.window), baseUrl).toString(),
      meta: html`${feedLinks(trendingPath(t.window), `Paperboy: trending ${NAMES[t.window]}`)}
<link rel="alternate" type="application/json" href="/api${trendingPath(t.window)}">`,
    },
    html`<section class="feed trending">
  <header class="feed-head">
    <h1>Trending <span class="period">${NAMES[t.window]}</span></h1>
    <nav class="days" aria-label="Windows"><span class="kinds">${tabs}</span></nav>
    <p class="count">${t.total} papers · ${range(t)} · <a href="/about/ranking">how this is ranked</a></p>
    ${t.fellBack ? html`<p class="notice" role="status">Nothing in this catalog is from the past ${SPANS[t.window]}, so this ${SPANS[t.window]} ends at the newest papers it has (${shortDate(t.last)}).</p>` : null}
  </header>
  ${t.entries.length === 0 ? html`<p class="empty">${t.candidates === 0 ? 'No papers were featured in this window.' : 'No paper in this window has votes yet.'}</p>` : null}
  <ol class="cards" start="${offset + 1}">
    ${t.entries.map((e, i) => html`<li>${paperCard(e, offset + i + 1)}</li>`)}
  </ol>
  ${pager(t)}
</section>`,
  );
}
