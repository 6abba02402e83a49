// The search page: the query with its filter controls, then ranked papers with the matched terms
// marked. Marked text arrives as segments and is escaped here like everything else; <mark> is the
// only markup added.
import type { PaperHit, PaperSearch } from '../../commands/search-papers.js';
import { codeLink } from '../../domain/paper.js';
import { DEFAULT_SEARCH_MODE, MAX_LIKE_CHARS, SEARCH_MODES, type SearchMode, type TextSegment } from '../../domain/search.js';
import { oneLineSummary, truncateAuthors } from '../../domain/summary.js';
import { html, type SafeHtml } from '../html.js';
import { feedLinks } from './feed-links.js';
import { compactCount, paperPath, shortDate } from './format.js';
import { renderTex } from './latex.js';
import { layout } from './layout.js';

/** The search URL for a result set, with only the parameters that differ from the defaults. */
export function searchPath(s: PaperSearch, page = s.query.page, prefix = ''): string {
  const q = s.query;
  const params = new URLSearchParams();
  if (q.q) params.set('q', q.q);
  if (q.filters.categories[0]) params.set('cat', q.filters.categories[0]);
  if (q.filters.from) params.set('from', q.filters.from);
  if (q.filters.to) params.set('to', q.filters.to);
  if (q.filters.hasCode) params.set('code', '1');
  if (q.sort !== 'relevance') params.set('sort', q.sort);
  if (q.mode !== DEFAULT_SEARCH_MODE) params.set('mode', q.mode);
  if (q.like) params.set('like', q.like);
  if (page > 0) params.set('p', String(page));
  const query = params.toString();
  return `${prefix}/search${query ? `?${query}` : ''}`;
}

function marked(segments: readonly TextSegment[]): SafeHtml {
  return html`${segments.map((s) => (s.match ? html`<mark>${s.text}</mark>` : s.text))}`;
}

function result(hit: PaperHit): SafeHtml {
  const p = hit.paper;
  const { shown, more } = truncateAuthors(p.authors);
  const code = codeLink(p);
  // Titles with LaTeX are typeset instead of marked: the markers would split the math.
  const title = hit.title && !p.title.includes('$') ? marked(hit.title) : renderTex(p.title);
  const snippet = hit.snippet && hit.snippet.some((s) => s.match) ? marked(hit.snippet) : renderTex(oneLineSummary(p));
  return html`<li class="result">
  <h2 class="title"><a href="${paperPath(p.id)}">${title}</a></h2>
  <p class="authors">${shown.join(', ')}${more > 0 ? html` <span class="more">and ${more} more</span>` : null}</p>
  <p class="snippet">${snippet}</p>
  <p class="meta">
    <span class="id">${p.id}</span>
    ${p.publishedAt ? html`<span>${shortDate(p.publishedAt)}</span>` : null}
    ${p.categories.map((c) => html`<span class="cat">${c}</span> `)}
    ${code ? html`<a class="code" href="${code.url}" rel="nofollow noopener">code${code.stars !== null ? html` <span class="stars">★ ${compactCount(code.stars)}</span>` : null}</a>` : null}
  </p>
</li>`;
}

function controls(s: PaperSearch): SafeHtml {
  const q = s.query;
  return html`<form class="search-form" method="get" action="/search" role="search">
  <p class="query"><input type="search" name="q" value="${q.q}" aria-label="Search papers" placeholder="graph neural networks author:&quot;Yann LeCun&quot; year:2024..2025">
  <button type="submit">Search</button></p>
  <fieldset class="filters"><legend>Filters</legend>
    <label>Category <input name="cat" value="${q.filters.categories[0] ?? ''}" placeholder="cs.LG or cs" size="10"></label>
    <label>From <input type="date" name="from" value="${q.filters.from ?? ''}"></label>
    <label>To <input type="date" name="to" value="${q.filters.to ?? ''}"></label>
    <label><input type="checkbox" name="code" value="1"${q.filters.hasCode ? html` checked` : null}> has code</label>
    <label>Match <select name="mode">
      ${SEARCH_MODES.map((m) => html`<option value="${m}"${q.mode === m ? html` selected` : null}>${MODE_LABELS[m]}</option>`)}
    </select></label>
    <label>Sort <select name="sort">
      <option value="relevance"${q.sort === 'relevance' ? html` selected` : null}>relevance</option>
      <option value="date"${q.sort === 'date' ? html` selected` : null}>newest first</option>
    </select></label>
  </fieldset>
</form>
<details class="like"${q.like ? html` open` : null}><summary>Find papers like an abstract</summary>
<form method="get" action="/search">
  <p><textarea name="like" rows="6" maxlength="${MAX_LIKE_CHARS}" aria-label="Abstract or any text" placeholder="Paste an abstract (or any text): papers nearest to it in meaning are listed.">${q.like ?? ''}</textarea></p>
  <p><button type="submit">Find similar papers</button></p>
</form></details>`;
}

const MODE_LABELS: Record<SearchMode, string> = { hybrid: 'words and meaning', keyword: 'words only', semantic: 'meaning only' };

const HELP = html`<section class="search-help"><h2>Search syntax</h2><dl class="facts">
  <dt><code>graph neural networks</code></dt><dd>by default, papers ranked by shared words and by meaning together; "words only" lists papers with all of these words first, then papers with some of them</dd>
  <dt><code>"in-context learning"</code></dt><dd>an exact phrase</dd>
  <dt><code>-vision</code></dt><dd>leave out papers with this word (or <code>-"a phrase"</code>)</dd>
  <dt><code>author:"Yann LeCun"</code></dt><dd>by this author (accents optional)</dd>
  <dt><code>cat:cs.LG</code>, <code>cat:cs</code></dt><dd>in a category or a whole archive</dd>
  <dt><code>year:2024..2025</code></dt><dd>published in these years</dd>
  <dt><code>2608.19880</code> or an arXiv URL</dt><dd>go straight to that paper</dd>
</dl></section>`;

function summary(s: PaperSearch): SafeHtml | null {
  if (s.empty) return null;
  const all = s.matchedAll;
  const some = s.query.mode === 'keyword' && s.hits.some((h) => h.tier === 'some');
  if (s.query.like) return html`<p class="count">Papers nearest in meaning to the pasted text.</p>`;
  if (s.hits.length === 0 && s.query.page === 0) return html`<p class="count">No papers match <code>${s.understood}</code>.</p>`;
  if (!all) return null;
  const n = all.capped ? `${all.count}+` : String(all.count);
  const noun = all.count === 1 ? 'paper matches' : 'papers match';
  return html`<p class="count">${n} ${noun} <code>${s.understood}</code>${some ? '; papers matching some of the words follow' : ''}.</p>`;
}

function pager(s: PaperSearch): SafeHtml | null {
  if (s.query.page === 0 && !s.hasMore) return null;
  return html`<nav class="pager" aria-label="Pages">
    ${s.query.page > 0 ? html`<a rel="prev" href="${searchPath(s, s.query.page - 1)}">← Previous page</a>` : html`<span></span>`}
    <span>Page ${s.query.page + 1}</span>
    ${s.hasMore ? html`<a rel="next" href="${searchPath(s, s.query.page + 1)}">Next page →</a>` : html`<span></span>`}
  </nav>`;
}

export function searchPage(s: PaperSearch, baseUrl: URL): SafeHtml {
  const offset = s.query.page * s.query.limit;
  // Keyword results come in tiers (every word, then some); fused and semantic rankings interleave them.
  const firstSome = s.query.mode === 'keyword' && !s.query.like ? s.hits.findIndex((h) => h.tier === 'some') : -1;
  const items = s.hits.map((h, i) => [
    i === firstSome && i > 0 ? html`<li class="tier-break" role="separator">Papers matching some of the words</li>` : null,
    result(h),
  ]);
  return layout(
    {
      title: s.query.q ? `${s.query.q.slice(0, 80)} — Search · Paperboy` : 'Search · Paperboy',
      description: 'Search the papers in this catalog by words, phrases, authors, categories and years.',
      canonical: new URL(searchPath(s), baseUrl).toString(),
      meta: html`<meta name="robots" content="noindex">${s.empty ? null : feedLinks(searchPath(s, 0), `Paperboy: search ${s.understood}`)}
<link rel="alternate" type="application/json" href="${searchPath(s, s.query.page, '/api')}">`,
      query: s.query.q,
    },
    html`<section class="search">
  <h1>Search</h1>
  ${controls(s)}
  ${s.missingReference ? html`<p class="note">arXiv ${s.missingReference} is not in this catalog. <a href="https://arxiv.org/abs/${s.missingReference}" rel="nofollow noopener">Open it on arXiv</a>.</p>` : null}
  ${summary(s)}
  ${s.hits.length > 0 ? html`<ol class="results" start="${offset + 1}">${items}</ol>` : null}
  ${pager(s)}
  ${s.empty ? HELP : null}
</section>`,
  );
}
