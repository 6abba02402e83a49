// One paper on a feed: title, authors, votes, code, comments, one-line summary, categories. The
// ▲ link opens the vote page; public/votes.js turns it into a button for logged-in readers.
import { codeLink, totalVotes, type DailyEntry } from '../../domain/paper.js';
import { oneLineSummary, truncateAuthors } from '../../domain/summary.js';
import { html } from '../html.js';
import { compactCount, paperPath, userPath } from './format.js';
import { renderTex } from './latex.js';
import { authorLinks, categoryChips } from './links.js';

export function paperCard(entry: DailyEntry, rank: number) {
  const p = entry.paper;
  const { shown, more } = truncateAuthors(p.authors);
  const code = codeLink(p);
  const baseline = p.baseline;
  return html`<article class="card" id="p-${p.id.replace('/', '-')}">
  <div class="votes" data-votes="${p.id}" data-baseline="${baseline?.upvotes ?? 0}" title="${baseline ? `Upvotes here plus ${baseline.upvotes} on Hugging Face as of ${baseline.asOf}` : 'Upvotes here'}">
    <span class="rank">#${rank}</span>
    <a class="upvote" href="${paperPath(p.id)}/vote" data-vote="${p.id}" aria-label="Upvote">▲</a>
    <span class="count">${totalVotes(p)}</span>
    <span class="source"><span class="here">${p.localVotes}</span> here${baseline ? ` · ${baseline.upvotes} on HF` : ''}</span>
  </div>
  <div class="body">
    <h2 class="title"><a href="${paperPath(p.id)}">${renderTex(p.title)}</a></h2>
    <p class="authors">${authorLinks(shown)}${more > 0 ? html` <span class="more">and ${more} more</span>` : null}</p>
    <p class="summary">${renderTex(oneLineSummary(p))}</p>
    <p class="meta">
      ${categoryChips(p.categories)}
      ${code ? html`<a class="code" href="${code.url}" rel="nofollow noopener">code${code.stars !== null ? html` <span class="stars">★ ${compactCount(code.stars)}</span>` : null}</a>` : null}
      <a class="comments" href="${paperPath(p.id)}#comments">${p.localComments} comments${baseline && baseline.comments > 0 ? ` · ${baseline.comments} on HF` : ''}</a>
      ${entry.submitter.kind === 'user' ? html`<span class="submitter">submitted by <a href="${userPath(entry.submitter.userId)}">${entry.submitter.name}</a></span>` : html`<span class="submitter">via ${entry.submitter.name}</span>`}
    </p>
  </div>
</article>`;
}
