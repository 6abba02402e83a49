// The author page: every paper by one author, newest first; and the 404 page for a name that no
// paper lists, which points to the searches that might find it.
import type { AuthorPapers } from '../../commands/author-papers.js';
import { html } from '../html.js';
import { feedLinks } from './feed-links.js';
import { layout } from './layout.js';
import { authorPath } from './links.js';
import { pagePath, paperList } from './paper-list.js';

function searches(name: string) {
  const inCatalog = `/search?q=${encodeURIComponent(`author:"${name.replaceAll('"', '')}"`)}`;
  const onArxiv = `https://arxiv.org/search/?searchtype=author&query=${encodeURIComponent(name)}`;
  return html`<a href="${inCatalog}">Search this catalog for the name</a> · <a href="${onArxiv}" rel="nofollow noopener">search arXiv for the author</a>`;
}

export function authorPage(view: AuthorPapers, baseUrl: URL) {
  const base = authorPath(view.name);
  const canonical = authorPath(view.spellings[0] ?? view.name);
  const others = view.spellings.filter((s) => s !== view.name);
  return layout(
    {
      title: `${view.name} · Paperboy`,
      description: `${view.total} ${view.total === 1 ? 'paper' : 'papers'} by ${view.name}, newest first.`,
      canonical: new URL(pagePath(canonical, view.page), baseUrl).toString(),
      meta: html`${feedLinks(base, `Paperboy: papers by ${view.name}`)}
<link rel="alternate" type="application/json" href="/api${pagePath(base, view.page)}">`,
    },
    html`<section class="feed author">
  <header class="feed-head">
    <h1>Papers by <span class="name">${view.name}</span></h1>
    ${others.length > 0 ? html`<p class="note">Also written as ${others.join(', ')}.</p>` : null}
    <p class="count">${view.total} ${view.total === 1 ? 'paper' : 'papers'}, newest first · ${searches(view.name)}</p>
  </header>
  ${paperList(view, base)}
</section>`,
  );
}

export function authorMissingPage(name: string) {
  return layout(
    { title: 'Author not found · Paperboy', meta: html`<meta name="robots" content="noindex">` },
    html`<section class="error">
  <h1>No papers by <span class="name">${name}</span></h1>
  <p>No paper in this catalog lists this author. Names match whole, ignoring accents and case.</p>
  <p>${searches(name)} · <a href="/">today's papers</a></p>
</section>`,
  );
}
