// The daily page and its week and month views.
import type { DailyFeed } from '../../commands/daily-feed.js';
import { monthKey, weekKey, type Day, type Period } from '../../domain/period.js';
import { html } from '../html.js';
import { paperCard } from './card.js';
import { feedLinks } from './feed-links.js';
import { longDay, shortDate } from './format.js';
import { layout } from './layout.js';

const HEADINGS: Record<Period['kind'], string> = { day: 'Daily Papers', week: 'Papers of the week', month: 'Papers of the month' };

export function periodPath(period: Period): string {
  switch (period.kind) {
    case 'day':
      return `/papers?date=${period.key}`;
    case 'week':
      return `/papers/week/${period.key}`;
    case 'month':
      return `/papers/month/${period.key}`;
  }
}

/** The period of the same kind that holds `day`. */
function pathOfKindAt(kind: Period['kind'], day: Day): string {
  if (kind === 'day') return `/papers?date=${day}`;
  return kind === 'week' ? `/papers/week/${weekKey(day)}` : `/papers/month/${monthKey(day)}`;
}

export function periodTitle(period: Period): string {
  switch (period.kind) {
    case 'day':
      return longDay(period.key);
    case 'week':
      return `Week ${period.key.slice(6)} of ${period.key.slice(0, 4)} (${shortDate(period.first)} – ${shortDate(period.last)})`;
    case 'month': {
      const name = new Date(`${period.first}T00:00:00Z`).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
      return `${name} ${period.key.slice(0, 4)}`;
    }
  }
}

function pager(feed: DailyFeed, base: string) {
  const pages = Math.ceil(feed.total / feed.limit);
  if (pages <= 1) return null;
  const sep = base.includes('?') ? '&' : '?';
  return html`<nav class="pager" aria-label="Pages">
    ${feed.page > 0 ? html`<a rel="prev" href="${base}${sep}p=${feed.page - 1}">← Previous page</a>` : null}
    <span>Page ${feed.page + 1} of ${pages}</span>
    ${feed.page + 1 < pages ? html`<a rel="next" href="${base}${sep}p=${feed.page + 1}">Next page →</a>` : null}
  </nav>`;
}

export function dailyPage(feed: DailyFeed, baseUrl: URL) {
  const period = feed.period;
  if (!period) {
    return layout(
      { title: 'Daily Papers · Paperboy' },
      html`<section class="empty"><h1>No papers yet</h1><p>The catalog is empty. Import papers with <code>paperboy import hf-daily &lt;file&gt;</code>.</p></section>`,
    );
  }
  const path = periodPath(period);
  const anchor = period.first;
  const kinds = (['day', 'week', 'month'] as const).map((kind) =>
    kind === period.kind
      ? html`<strong aria-current="page">${kind}</strong>`
      : html`<a href="${pathOfKindAt(kind, anchor)}">${kind}</a>`,
  );
  const offset = feed.page * feed.limit;
  const title = periodTitle(period);
  return layout(
    {
      title: `${HEADINGS[period.kind]} — ${title} · Paperboy`,
      description: `Research papers featured ${period.kind === 'day' ? 'on' : 'in'} ${title}, ranked by upvotes.`,
      canonical: new URL(path, baseUrl).toString(),
      meta: html`${feedLinks(path, `Paperboy: ${HEADINGS[period.kind]}, ${title}`)}
<link rel="alternate" type="application/json" href="/api${path}">`,
    },
    html`<section class="feed">
  <header class="feed-head">
    <h1>${HEADINGS[period.kind]} <span class="period">${title}</span></h1>
    <nav class="days" aria-label="Dates">
      ${feed.prev ? html`<a class="prev" rel="prev" href="${pathOfKindAt(period.kind, feed.prev)}">← ${period.kind === 'day' ? shortDate(feed.prev) : `previous ${period.kind}`}</a>` : html`<span class="prev"></span>`}
      <span class="kinds">${kinds}</span>
      ${feed.next ? html`<a class="next" rel="next" href="${pathOfKindAt(period.kind, feed.next)}">${period.kind === 'day' ? shortDate(feed.next) : `next ${period.kind}`} →</a>` : html`<span class="next"></span>`}
    </nav>
    <p class="count">${feed.total} papers</p>
  </header>
  ${feed.entries.length === 0 ? html`<p class="empty">No papers were featured ${period.kind === 'day' ? 'on this day' : `in this ${period.kind}`}.</p>` : null}
  <ol class="cards" start="${offset + 1}">
    ${feed.entries.map((e, i) => html`<li>${paperCard(e, offset + i + 1)}</li>`)}
  </ol>
  ${pager(feed, path)}
</section>`,
  );
}
