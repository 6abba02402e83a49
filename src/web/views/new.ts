// The /new page: one day's arXiv announcements grouped by primary category.
import type { NewSubmissions } from '../../commands/new-submissions.js';
import { truncateAuthors, firstSentence } from '../../domain/summary.js';
import { html } from '../html.js';
import { longDay, paperPath, shortDate } from './format.js';
import { renderTex } from './latex.js';
import { layout } from './layout.js';
import { authorLinks, categoryChips } from './links.js';

export function newPath(day: string | null, cat: string | null, suffix = ''): string {
  const params = new URLSearchParams();
  if (day) params.set('date', day);
  if (cat) params.set('cat', cat);
  const query = params.toString();
  return `/new${suffix}${query ? `?${query}` : ''}`;
}

export function newPage(view: NewSubmissions, baseUrl: URL) {
  const cat = view.filter?.value ?? null;
  const heading = view.day ? longDay(view.day) : 'nothing yet';
  const feeds = html`<link rel="alternate" type="application/rss+xml" title="New on arXiv (RSS)" href="${newPath(null, cat, '.rss')}">
<link rel="alternate" type="application/atom+xml" title="New on arXiv (Atom)" href="${newPath(null, cat, '.atom')}">
<link rel="alternate" type="application/json" href="/api${newPath(view.day, cat)}">`;
  return layout(
    {
      title: `New on arXiv${cat ? ` in ${cat}` : ''} — ${heading} · Paperboy`,
      description: `Every paper first announced on ${heading}${cat ? ` in ${cat}` : ''}, by category.`,
      canonical: new URL(newPath(view.day, cat), baseUrl).toString(),
      meta: feeds,
    },
    html`<section class="feed new">
  <header class="feed-head">
    <h1>New on arXiv${cat ? html` in <span class="cat">${cat}</span>` : null} <span class="period">${heading}</span></h1>
    <nav class="days" aria-label="Dates">
      ${view.prev ? html`<a class="prev" rel="prev" href="${newPath(view.prev, cat)}">← ${shortDate(view.prev)}</a>` : html`<span class="prev"></span>`}
      <form class="cat-filter" method="get" action="/new">
        ${view.day ? html`<input type="hidden" name="date" value="${view.day}">` : null}
        <label>Category <input name="cat" value="${cat ?? ''}" placeholder="cs.LG or hep-th" size="12"></label>
        <button type="submit">Filter</button>
      </form>
      ${view.next ? html`<a class="next" rel="next" href="${newPath(view.next, cat)}">${shortDate(view.next)} →</a>` : html`<span class="next"></span>`}
    </nav>
    <p class="count">${view.total} papers</p>
  </header>
  ${view.groups.map(
    (g) => html`<section class="group">
    <h2 id="cat-${g.category}">${g.category} <span class="count">(${g.papers.length})</span></h2>
    <ol class="listing">
      ${g.papers.map(({ paper: p, crossList }) => {
        const { shown, more } = truncateAuthors(p.authors);
        return html`<li${crossList ? html` class="cross-list"` : null}>
        <a class="title" href="${paperPath(p.id)}">${renderTex(p.title)}</a>
        <span class="id">arXiv:${p.id}</span>${crossList ? html` <span class="badge">cross-list from ${p.primaryCategory ?? '?'}</span>` : null}
        <p class="authors">${authorLinks(shown)}${more > 0 ? ` and ${more} more` : ''}</p>
        <p class="summary">${renderTex(firstSentence(p.abstract))}</p>
        ${p.categories.length > 1 ? html`<p class="meta">${categoryChips(p.categories)}</p>` : null}
      </li>`;
      })}
    </ol>
  </section>`,
  )}
</section>`,
  );
}
