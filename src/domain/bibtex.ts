// BibTeX for a paper: an arXiv @misc entry (biblatex/natbib "eprint" fields) until the paper is
// published; an @article with journal and DOI once arXiv records a journal reference or DOI.
import type { Paper } from './paper.js';

/** Escapes the characters BibTeX treats specially inside braces. */
function field(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/([{}])/g, '\\$1').trim();
}

function lastName(author: string): string {
  const parts = author.trim().split(/\s+/);
  return parts[parts.length - 1] ?? 'anon';
}

function keyPart(text: string): string {
  return text.normalize('NFKD').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

export function citationKey(paper: Pick<Paper, 'authors' | 'publishedAt' | 'title' | 'id'>): string {
  const author = keyPart(lastName(paper.authors[0] ?? 'anon')) || 'anon';
  const year = paper.publishedAt?.slice(0, 4) ?? '';
  const word = paper.title.split(/\s+/).map(keyPart).find((w) => w.length > 3) ?? keyPart(paper.id);
  return `${author}${year}${word}`;
}

export function bibtex(paper: Paper): string {
  const published = paper.journalRef !== null || paper.doi !== null;
  const fields: [string, string][] = [
    ['title', `{${field(paper.title)}}`],
    ['author', paper.authors.map(field).join(' and ')],
  ];
  if (paper.publishedAt) fields.push(['year', paper.publishedAt.slice(0, 4)]);
  if (published) {
    if (paper.journalRef) fields.push(['journal', field(paper.journalRef)]);
    if (paper.doi) fields.push(['doi', field(paper.doi)]);
  }
  fields.push(['eprint', paper.id], ['archivePrefix', 'arXiv']);
  if (paper.primaryCategory) fields.push(['primaryClass', paper.primaryCategory]);
  fields.push(['url', `https://arxiv.org/abs/${paper.id}`]);
  const body = fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n');
  return `@${published ? 'article' : 'misc'}{${citationKey(paper)},\n${body}\n}`;
}
