// A paged list of papers, newest first: the body of the author and category pages.
import type { PaperListing } from '../../commands/paper-listing.js';
import { oneLineSummary, truncateAuthors } from '../../domain/summary.js';
import { html, type SafeHtml } from '../html.js';
import { paperPath, shortDate } from './format.js';
import { renderTex } from './latex.js';
import { authorLinks, categoryChips } from './links.js';

/** The path of page `p` (from 0) of a listing at `base`. */
export function pagePath(base: string, p: number): string {
  return p > 0 ? `${base}?p=${p}` : base;
}

function pager(list: PaperListing, base: string): SafeHtml | null {
  if (list.page === 0 && !list.hasMore) return null;
  const pages = list.total === null ? null : Math.ceil(list.total / list.limit);
  return html`<nav class="pager" aria-label="Pages">
    ${list.page > 0 ? html`<a rel="prev" href="${pagePath(base, list.page - 1)}">← Newer</a>` : html`<span></span>`}
    <span>Page ${list.page + 1}${pages === null ? '' : ` of ${pages}`}</span>
    ${list.hasMore ? html`<a rel="next" href="${pagePath(base, list.page + 1)}">Older →</a>` : html`<span></span>`}
  </nav>`;
}

export function paperList(list: PaperListing, base: string): SafeHtml {
  if (list.papers.length === 0) {
    return html`<p class="empty">No papers on this page. <a href="${base}">Back to the newest</a>.</p>`;
  }
  return html`<ol class="listing" start="${list.page * list.limit + 1}">
  ${list.papers.map((p) => {
    const { shown, more } = truncateAuthors(p.authors);
    return html`<li>
    <a class="title" href="${paperPath(p.id)}">${renderTex(p.title)}</a>
    <span class="id">arXiv:${p.id}</span>${p.publishedAt ? html` <span class="id">${shortDate(p.publishedAt)}</span>` : null}
    <p class="authors">${authorLinks(shown)}${more > 0 ? ` and ${more} more` : ''}</p>
    <p class="summary">${renderTex(oneLineSummary(p))}</p>
    ${p.categories.length > 0 ? html`<p class="meta">${categoryChips(p.categories)}</p>` : null}
  </li>`;
  })}
</ol>
${pager(list, base)}`;
}
