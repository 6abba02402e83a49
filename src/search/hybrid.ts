// Hybrid search: keyword and semantic candidates fused into one ranking. Each side contributes its
// best `depth` papers; every candidate gets both scores (its cosine is computed exactly, even for
// keyword-only candidates; a semantic-only candidate's BM25 is 0), each scaled to [0, 1] within the
// query (BM25 by its maximum, cosine min–max over the candidates), and the fused score is
// keywordWeight · bm25 + (1 − keywordWeight) · cosine; sorted by date, the same candidates are
// listed newest first. Queries with authors, phrases or exclusions
// rank only the keyword matches (semantic-only candidates could break those constraints).
import { MAX_RESULTS, type SearchEngine, type SearchHit, type SearchRequest, type SearchResult } from './engine.js';
import type { Store } from '../store/db.js';
import { KeywordSearchUnsupportedError, type KeywordIndex } from '../store/keyword-index.js';
import { KeywordEngine } from './keyword.js';
import { usableSnapshot } from './semantic-index.js';
import { isConstrained, nearest, newestFirst, queryText, SemanticEngine } from './semantic.js';
import { queryTerms } from './terms.js';

export interface HybridTuning {
  /** Share of the fused score that comes from BM25 (the rest from the cosine). */
  readonly keywordWeight: number;
  /** Candidates taken from each side (at least; a deep page takes more). */
  readonly depth: number;
}

/** Tuned on SciFact dev (README, Search quality). */
export const DEFAULT_HYBRID: HybridTuning = { keywordWeight: 0.7, depth: 100 };

export class HybridEngine implements SearchEngine {
  readonly mode = 'hybrid' as const;
  private readonly keyword: KeywordEngine;

  constructor(
    private readonly store: Store,
    private readonly keywordIndex: KeywordIndex,
    private readonly tuning: HybridTuning = DEFAULT_HYBRID,
  ) {
    this.keyword = new KeywordEngine(keywordIndex);
  }

  async search(request: SearchRequest): Promise<SearchResult> {
    const text = queryText(request.query);
    const end = Math.min(request.offset + request.limit, MAX_RESULTS);
    // Nothing to embed, no vectors yet (first minutes after an install), or vectors of a model this
    // process cannot load: keyword search alone.
    const snapshot = text.trim() === '' ? null : await usableSnapshot(this.store);
    if (!snapshot) return { ...(await this.keyword.search(request)), mode: this.mode };
    if (request.offset >= end) return { mode: this.mode, hits: [], hasMore: false, matchedAll: null };

    const depth = Math.max(this.tuning.depth, Math.min(end + 1, MAX_RESULTS));
    let keyword: SearchResult;
    try {
      keyword = await this.keyword.search({ ...request, sort: 'relevance', limit: depth, offset: 0, highlight: false });
    } catch (err) {
      // No keyword index on this store (PostgreSQL): meaning alone still answers.
      if (err instanceof KeywordSearchUnsupportedError) return { ...(await new SemanticEngine(this.store, this.keywordIndex).search(request)), mode: this.mode };
      throw err;
    }
    const constrained = isConstrained(request.query);
    const semantic = constrained ? null : await nearest(this.store, text, { ...request, sort: 'relevance' }, depth);
    const query = semantic?.query ?? (await snapshot.embedder.embedQuery(text));

    const candidates = new Map<string, { bm25: number; cosine: number; tier: SearchHit['tier'] }>();
    for (const h of keyword.hits) candidates.set(h.key, { bm25: h.score, cosine: snapshot.index.score(query, h.key) ?? 0, tier: h.tier });
    for (const h of semantic?.hits ?? []) if (!candidates.has(h.key)) candidates.set(h.key, { bm25: 0, cosine: h.score, tier: 'meaning' });

    let maxBm25 = 0;
    let minCos = Infinity;
    let maxCos = -Infinity;
    for (const c of candidates.values()) {
      maxBm25 = Math.max(maxBm25, c.bm25);
      minCos = Math.min(minCos, c.cosine);
      maxCos = Math.max(maxCos, c.cosine);
    }
    const w = this.tuning.keywordWeight;
    const fused = [...candidates.entries()]
      .map(([key, c]) => ({
        key,
        tier: c.tier,
        score: w * (maxBm25 > 0 ? c.bm25 / maxBm25 : 0) + (1 - w) * (maxCos > minCos ? (c.cosine - minCos) / (maxCos - minCos) : 0),
      }))
      .sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : 1));
    // "Newest first": the fused candidates (the best `depth` of each side), by date.
    if (request.sort === 'date') await newestFirst(this.store, fused);

    const page = fused.slice(request.offset, end);
    let marks = null;
    if (request.highlight) {
      const t = queryTerms(request.query);
      marks = await this.keywordIndex.highlight({ required: [], optional: [...t.words, ...t.phrases], authors: t.authors, excluded: [] }, page.map((h) => h.key));
    }
    const hits: SearchHit[] = page.map((h) => {
      const m = marks?.get(h.key);
      return { key: h.key, score: h.score, tier: h.tier, ...(m ? { title: m.title, snippet: m.snippet } : {}) };
    });
    return { mode: this.mode, hits, hasMore: fused.length > end || keyword.hasMore, matchedAll: keyword.matchedAll };
  }
}
