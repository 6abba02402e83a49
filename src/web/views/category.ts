// The category page: every paper listed in an arXiv category or archive, newest first; and the
// 404 page for a category with no papers here.
import type { CategoryPapers } from '../../commands/category-papers.js';
import { html } from '../html.js';
import { feedLinks } from './feed-links.js';
import { layout } from './layout.js';
import { categoryPath } from './links.js';
import { newPath } from './new.js';
import { pagePath, paperList } from './paper-list.js';

export function categoryPage(view: CategoryPapers, baseUrl: URL) {
  const cat = view.filter.value;
  const base = categoryPath(cat);
  const what = view.filter.archive ? html`<span class="cat">${cat}</span> and its categories` : html`<span class="cat">${cat}</span>`;
  return layout(
    {
      title: `${cat} · Paperboy`,
      description: `Papers in ${cat}${view.filter.archive ? ' and its categories' : ''}, newest first.`,
      canonical: new URL(pagePath(base, view.page), baseUrl).toString(),
      meta: html`${feedLinks(base, `Paperboy: papers in ${cat}`)}
<link rel="alternate" type="application/json" href="/api${pagePath(base, view.page)}">`,
    },
    html`<section class="feed category">
  <header class="feed-head">
    <h1>Papers in ${what}</h1>
    <p class="count">Newest first, cross-lists included · <a href="${newPath(null, cat)}">new on arXiv in ${cat}</a></p>
  </header>
  ${paperList(view, base)}
</section>`,
  );
}

export function categoryMissingPage(cat: string) {
  return layout(
    { title: 'Category not found · Paperboy', meta: html`<meta name="robots" content="noindex">` },
    html`<section class="error">
  <h1>No papers in <span class="cat">${cat}</span></h1>
  <p>No paper in this catalog is listed in ${cat}${cat.includes('.') ? '' : ' or its categories'}. Categories are spelled as on arXiv: <code>cs.LG</code>, <code>math.AG</code>, <code>hep-th</code>; a whole archive is <code>cs</code> or <code>math</code>.</p>
  <p><a href="https://arxiv.org/list/${cat}/recent" rel="nofollow noopener">${cat} on arXiv</a> · <a href="/">today's papers</a></p>
</section>`,
  );
}
