// Search results as JSON: Paperboy's twin of the search page, and the Hugging Face shape of
// GET /api/papers/search (an array of {paper, title, summary, publishedAt, numComments, …}, which
// huggingface_hub's list_papers reads into PaperInfo: it takes id, authors, summary and upvotes
// from `paper` and title, publishedAt, numComments, githubRepo … from the item itself).
import type { PaperHit, PaperSearch } from '../../commands/search-papers.js';
import type { Paper } from '../../domain/paper.js';
import { hfPaper } from './hf.js';

export function hfSearchItem(p: Paper) {
  const paper = hfPaper(p);
  return {
    paper,
    ...(paper.publishedAt ? { publishedAt: paper.publishedAt } : {}),
    title: p.title,
    summary: p.abstract,
    numComments: p.localComments + (p.baseline?.comments ?? 0),
    isAuthorParticipating: false,
    ...(paper.ai_summary ? { ai_summary: paper.ai_summary } : {}),
    ...(paper.ai_keywords ? { ai_keywords: paper.ai_keywords } : {}),
    ...(paper.githubRepo ? { githubRepo: paper.githubRepo } : {}),
    ...(paper.githubStars !== undefined ? { githubStars: paper.githubStars } : {}),
    ...(paper.projectPage ? { projectPage: paper.projectPage } : {}),
  };
}

function hitJson(hit: PaperHit) {
  return {
    paper: hfPaper(hit.paper),
    tier: hit.tier,
    score: Number(hit.score.toPrecision(4)),
    highlights: { title: hit.title, snippet: hit.snippet },
  };
}

export function searchJson(s: PaperSearch) {
  const q = s.query;
  return {
    q: q.q,
    understood: s.understood,
    mode: q.mode,
    sort: q.sort,
    filters: { cat: q.filters.categories[0] ?? null, from: q.filters.from, to: q.filters.to, code: q.filters.hasCode },
    page: q.page,
    limit: q.limit,
    hasMore: s.hasMore,
    matchedAll: s.matchedAll,
    missingReference: s.missingReference,
    results: s.hits.map(hitJson),
  };
}
