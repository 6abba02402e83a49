// Links to author and category pages, for every view that names authors or shows category chips.
import { html, type SafeHtml } from '../html.js';

/** /authors/<name>: the exact stored spelling, escaped as one path segment ("/" included). */
export function authorPath(name: string, suffix = ''): string {
  return `/authors/${encodeURIComponent(name)}${suffix}`;
}

export function categoryPath(cat: string): string {
  return `/categories/${encodeURIComponent(cat)}`;
}

/** "A, B, C" with each name linked to its author page. */
export function authorLinks(names: readonly string[]): SafeHtml {
  return html`${names.map((name, i) => html`${i > 0 ? ', ' : ''}<a href="${authorPath(name)}">${name}</a>`)}`;
}

/** Category chips linked to their pages; the first is marked primary when asked. */
export function categoryChips(cats: readonly string[], markPrimary = false): SafeHtml {
  return html`${cats.map((c, i) => html`<a class="cat${markPrimary && i === 0 ? ' primary' : ''}" href="${categoryPath(c)}">${c}</a> `)}`;
}
