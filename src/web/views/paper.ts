// The paper page: everything about one paper, with metadata for reference managers (Zotero reads
// the citation_* tags; https://scholar.google.com/intl/en/scholar/inclusion.html#indexing) and
// Open Graph tags for link previews.
import type { PaperPage } from '../../commands/paper-page.js';
import { bibtex } from '../../domain/bibtex.js';
import { codeLink, projectLink, totalVotes } from '../../domain/paper.js';
import { html, type SafeHtml } from '../html.js';
import { compactCount, paperPath, shortDate, userPath } from './format.js';
import { plainTex, renderTex } from './latex.js';
import { layout } from './layout.js';
import { commentsSection } from './comments.js';
import { authorLinks, categoryChips } from './links.js';
import { voteCounts } from './vote.js';

function citationMeta(page: PaperPage, url: string) {
  const p = page.paper;
  const date = p.publishedAt ? p.publishedAt.slice(0, 10).replaceAll('-', '/') : null;
  return html`
<meta name="citation_title" content="${plainTex(p.title)}">
${p.authors.map((a) => html`<meta name="citation_author" content="${a}">\n`)}
${date ? html`<meta name="citation_publication_date" content="${date}"><meta name="citation_online_date" content="${date}">` : null}
<meta name="citation_arxiv_id" content="${p.id}">
<meta name="citation_pdf_url" content="https://arxiv.org/pdf/${p.id}">
<meta name="citation_abstract_html_url" content="https://arxiv.org/abs/${p.id}">
${p.doi ? html`<meta name="citation_doi" content="${p.doi}">` : null}
${p.journalRef ? html`<meta name="citation_journal_title" content="${p.journalRef}">` : null}
<meta property="og:type" content="article">
<meta property="og:site_name" content="Paperboy">
<meta property="og:title" content="${plainTex(p.title)}">
<meta property="og:description" content="${plainTex(p.abstract).slice(0, 300)}">
<meta property="og:url" content="${url}">
<meta name="twitter:card" content="summary">
<link rel="alternate" type="application/json" href="/api${paperPath(p.id)}">
<link rel="alternate" type="text/markdown" href="${paperPath(p.id)}.md">`;
}

function similarSection(page: PaperPage): SafeHtml | null {
  if (page.similar.length === 0) return null;
  return html`<section class="similar"><h2>Similar papers</h2><ol>${page.similar.map(
    (s) => html`<li><a href="${paperPath(s.paper.id)}">${renderTex(s.paper.title)}</a> <span class="meta">${s.paper.id}${s.paper.publishedAt ? html` · ${shortDate(s.paper.publishedAt)}` : null}</span></li>`,
  )}</ol><p class="note"><a href="/api${paperPath(page.paper.id)}/similar">JSON</a> · found by meaning (the papers' embeddings), not by shared words</p></section>`;
}

export function paperPageView(page: PaperPage, baseUrl: URL) {
  const p = page.paper;
  const url = new URL(paperPath(p.id), baseUrl).toString();
  const code = codeLink(p);
  const project = projectLink(p);
  const latest = p.versions.at(-1)?.version;
  return layout(
    { title: `${plainTex(p.title)} · Paperboy`, description: plainTex(p.abstract).slice(0, 300), canonical: url, meta: citationMeta(page, url) },
    html`<article class="paper">
  <p class="arxiv-id">arXiv:${p.id}${latest ? `v${latest}` : ''}${p.withdrawn ? html` <strong class="withdrawn">withdrawn</strong>` : null}</p>
  <h1>${renderTex(p.title)}</h1>
  <p class="authors">${authorLinks(p.authors)}</p>
  <div class="actions">
    <span class="votes" data-votes="${p.id}" data-baseline="${p.baseline?.upvotes ?? 0}"><a class="upvote" href="${paperPath(p.id)}/vote" data-vote="${p.id}" aria-label="Upvote">▲</a> <span class="count">${totalVotes(p)} upvotes</span> <span class="source">(${voteCounts(p.localVotes, p)})</span></span>
    <a href="https://arxiv.org/abs/${p.id}" rel="noopener">arXiv page</a>
    <a href="https://arxiv.org/pdf/${p.id}" rel="noopener">PDF</a>
    <a href="https://arxiv.org/html/${p.id}" rel="noopener">HTML</a>
    ${code ? html`<a class="code" href="${code.url}" rel="nofollow noopener">Code${code.stars !== null ? ` ★ ${compactCount(code.stars)}` : ''}</a>` : null}
    ${project ? html`<a href="${project.url}" rel="nofollow noopener">Project page</a>` : null}
  </div>
  ${p.aiSummary ? html`<section class="ai-summary"><h2>Summary</h2><p>${renderTex(p.aiSummary)}</p><p class="note">Machine-written summary from Hugging Face.</p></section>` : null}
  <section class="abstract"><h2>Abstract</h2><p>${renderTex(p.abstract)}</p></section>
  <dl class="facts">
    ${p.publishedAt ? html`<dt>Published</dt><dd>${shortDate(p.publishedAt)}</dd>` : null}
    ${p.updatedAt ? html`<dt>Updated</dt><dd>${shortDate(p.updatedAt)}</dd>` : null}
    ${page.featuredOn.length > 0 ? html`<dt>Featured</dt><dd>${page.featuredOn.map((d, i) => html`${i > 0 ? ', ' : ''}<a href="/papers?date=${d}">${shortDate(d)}</a>`)}</dd>` : null}
    ${p.categories.length > 0 ? html`<dt>Categories</dt><dd>${categoryChips(p.categories, true)}</dd>` : null}
    ${p.versions.length > 0 ? html`<dt>Versions</dt><dd><ol class="versions">${p.versions.map((v) => html`<li><a href="https://arxiv.org/abs/${p.id}v${v.version}" rel="noopener">v${v.version}</a> ${shortDate(v.submittedAt)}</li>`)}</ol></dd>` : null}
    ${p.comments ? html`<dt>Comments</dt><dd>${p.comments}</dd>` : null}
    ${p.journalRef ? html`<dt>Journal</dt><dd>${p.journalRef}</dd>` : null}
    ${p.doi ? html`<dt>DOI</dt><dd><a href="https://doi.org/${p.doi}" rel="noopener">${p.doi}</a></dd>` : null}
    ${p.aiKeywords.length > 0 ? html`<dt>Keywords</dt><dd>${p.aiKeywords.join(', ')}</dd>` : null}
    ${page.claimedBy.length > 0 ? html`<dt>Authors here</dt><dd class="claimed-by">${page.claimedBy.map((a, i) => html`${i > 0 ? ', ' : ''}<a href="${userPath(a.userId)}">${a.name}</a>`)} <span class="badge author">paper author</span></dd>` : null}
  </dl>
  <p class="claim"><a href="/claim?paper=${encodeURIComponent(p.id)}">Are you an author of this paper? Claim it</a></p>
  <section class="cite">
    <h2>Cite</h2>
    <pre id="bibtex" class="bibtex">${bibtex(p)}</pre>
    <button type="button" class="copy" data-copy="bibtex" hidden>Copy BibTeX</button>
  </section>
  ${similarSection(page)}
  ${commentsSection(p, page.comments)}
</article>`,
  );
}
