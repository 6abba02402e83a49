// One paper on a feed: title, authors, votes, code, comments, one-line summary, categories.
import { codeLink, type DailyEntry } from '../../domain/paper.js';
import { oneLineSummary, truncateAuthors } from '../../domain/summary.js';
import { html } from '../html.js';
import { compactCount, paperPath } from './format.js';
import { renderTex } from './latex.js';
import { authorLinks, categoryChips } from './links.js';

export function paperCard(entry: DailyEntry, rank: number) {
  const p = entry.paper;
  const { shown, more } = truncateAuthors(p.authors);
  const code = codeLink(p);
  const baseline = p.baseline;
  return html`<article class="card" id="p-${p.id.replace('/', '-')}">
  <div class="votes" title="${baseline ? `${baseline.upvotes} upvotes on Hugging Face as of ${baseline.asOf}` : 'upvotes'}">
    <span class="rank">#${rank}</span>
    <span class="count">${p.localVotes + (baseline?.upvotes ?? 0)}</span>
    ${baseline ? html`<span class="source">${baseline.upvotes} on HF</span>` : null}
  </div>
  <div class="body">
    <h2 class="title"><a href="${paperPath(p.id)}">${renderTex(p.title)}</a></h2>
    <p class="authors">${authorLinks(shown)}${more > 0 ? html` <span class="more">and ${more} more</span>` : null}</p>
    <p class="summary">${renderTex(oneLineSummary(p))}</p>
    <p class="meta">
      ${categoryChips(p.categories)}
      ${code ? html`<a class="code" href="${code.url}" rel="nofollow noopener">code${code.stars !== null ? html` <span class="stars">★ ${compactCount(code.stars)}</span>` : null}</a>` : null}
      <a class="comments" href="${paperPath(p.id)}#comments">${p.localComments} comments${baseline && baseline.comments > 0 ? ` · ${baseline.comments} on HF` : ''}</a>
      <span class="submitter">via ${entry.submitter.name}</span>
    </p>
  </div>
</article>`;
}
