// Use-case: measure search quality on a BEIR-format benchmark. The corpus is indexed into a
// temporary SQLite store through the same keyword index the site uses (documents keyed by their
// BEIR _id), every judged query runs through the same query parser and engine as the search box,
// and the top 100 keys of each are scored (nDCG@10, recall@100, MRR@10).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseQuery } from '../domain/query-parser.js';
import type { SearchMode } from '../domain/search.js';
import { readBeirCorpus, readBeirQrels, readBeirQueries, type BeirSkip } from '../search/beir.js';
import { searchEngine } from '../search/engines.js';
import type { KeywordTuning } from '../search/keyword.js';
import { meanScores, type EvalScores } from '../search/metrics.js';
import { openMigratedStore } from '../store/db.js';
import { keywordIndex, type KeywordDoc } from '../store/keyword-index.js';

/** Documents per indexing transaction. */
const INDEX_BATCH = 2_000;
/** Ranked results kept per query: recall is measured at 100. */
const DEPTH = 100;

export interface EvalOptions {
  readonly corpus: string;
  readonly queries: string;
  readonly qrels: string;
  readonly mode: SearchMode;
  /** Ranking knobs, for ablations; the site's defaults otherwise. */
  readonly tuning?: KeywordTuning;
  readonly onProgress?: (message: string) => void;
}

export type EvalSummary = { readonly mode: SearchMode } & EvalScores & { readonly skips: readonly BeirSkip[] };

export async function evalSearch(options: EvalOptions): Promise<EvalSummary> {
  const log = options.onProgress ?? (() => {});
  const skips: BeirSkip[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-eval-'));
  const store = await openMigratedStore({ kind: 'sqlite', file: path.join(dir, 'eval.sqlite') });
  try {
    const index = keywordIndex(store);
    let started = Date.now();
    let batch: KeywordDoc[] = [];
    let docs = 0;
    for await (const d of readBeirCorpus(options.corpus, skips)) {
      batch.push({ key: d.id, title: d.title, abstract: d.text, authors: [] });
      if (batch.length >= INDEX_BATCH) {
        await index.write(batch);
        docs += batch.length;
        batch = [];
        log(`indexed ${docs} documents`);
      }
    }
    await index.write(batch);
    docs += batch.length;
    log(`indexed ${docs} documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const [queries, qrels] = await Promise.all([readBeirQueries(options.queries, skips), readBeirQrels(options.qrels, skips)]);
    const judged = queries.filter((q) => qrels.has(q.id));
    const engine = searchEngine(store, options.mode, options.tuning);
    started = Date.now();
    const runs = [];
    for (const q of judged) {
      const result = await engine.search({
        query: parseQuery(q.text),
        filters: null,
        sort: 'relevance',
        limit: DEPTH,
        offset: 0,
        highlight: false,
        count: false,
      });
      runs.push({ ranked: result.hits.map((h) => h.key), relevant: qrels.get(q.id) ?? new Set<string>() });
    }
    log(`ran ${judged.length} queries in ${((Date.now() - started) / 1000).toFixed(1)} s (${queries.length - judged.length} without judgments skipped)`);
    return { mode: options.mode, ...meanScores(runs), skips };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
