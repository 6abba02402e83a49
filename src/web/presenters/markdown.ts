// The paper page as Markdown (/papers/<id>.md), for scripts and LLM tools.
import type { PaperPage } from '../../commands/paper-page.js';
import { bibtex } from '../../domain/bibtex.js';
import { codeLink, projectLink, totalVotes } from '../../domain/paper.js';

/** Escapes Markdown's inline syntax so titles cannot inject links or headings. */
function md(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

export function paperMarkdown(page: PaperPage, pageUrl: string): string {
  const p = page.paper;
  const code = codeLink(p);
  const project = projectLink(p);
  const cite = bibtex(p);
  // A fence longer than any backtick run inside, so a title cannot close it early.
  const longestRun = Math.max(0, ...(cite.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const lines = [
    `# ${md(p.title)}`,
    '',
    `**Authors:** ${p.authors.map(md).join(', ')}`,
    '',
    `- arXiv: [${p.id}](https://arxiv.org/abs/${p.id}) · [PDF](https://arxiv.org/pdf/${p.id})`,
    ...(p.publishedAt ? [`- Published: ${p.publishedAt.slice(0, 10)}`] : []),
    ...(p.categories.length > 0 ? [`- Categories: ${p.categories.join(', ')}`] : []),
    `- Upvotes: ${totalVotes(p)}${p.baseline ? ` (${p.baseline.upvotes} on Hugging Face as of ${p.baseline.asOf})` : ''}`,
    ...(code ? [`- Code: <${code.url}>${code.stars !== null ? ` (${code.stars} stars)` : ''}`] : []),
    ...(project ? [`- Project page: <${project.url}>`] : []),
    ...(page.featuredOn.length > 0 ? [`- Featured: ${page.featuredOn.join(', ')}`] : []),
    `- Page: <${pageUrl}>`,
    '',
    ...(p.aiSummary ? ['## Summary', '', md(p.aiSummary), ''] : []),
    '## Abstract',
    '',
    md(p.abstract),
    '',
    '## BibTeX',
    '',
    `${fence}bibtex`,
    cite,
    fence,
    '',
  ];
  return lines.join('\n');
}
