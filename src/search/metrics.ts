// Ranking quality metrics, as BEIR reports them (binary relevance: a judged document with a score
// above 0 is relevant, every other document is not).
//   nDCG@k    DCG = Σ_{i≤k} rel_i / log2(i + 1) over the ranked list, divided by the DCG of the
//             ideal list (every relevant document first); 1 is perfect.
//   recall@k  share of the relevant documents found in the top k.
//   MRR@k     1 / rank of the first relevant document in the top k, 0 when none is.
// Each is averaged over the queries that have at least one relevant document.

export function ndcgAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  const seen = new Set<string>();
  ranked.slice(0, k).forEach((key, i) => {
    // A key listed twice earns nothing the second time.
    if (relevant.has(key) && !seen.has(key)) dcg += 1 / Math.log2(i + 2);
    seen.add(key);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(relevant.size, k); i += 1) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}

export function recallAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  if (relevant.size === 0) return 0;
  const found = new Set(ranked.slice(0, k).filter((key) => relevant.has(key)));
  return found.size / relevant.size;
}

export function mrrAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): number {
  const i = ranked.slice(0, k).findIndex((key) => relevant.has(key));
  return i < 0 ? 0 : 1 / (i + 1);
}

export interface EvalScores {
  readonly queries: number;
  readonly 'ndcg@10': number;
  readonly 'recall@100': number;
  readonly 'mrr@10': number;
}

/** Mean of each metric over the runs (one ranked list and its relevant set per query). */
export function meanScores(runs: readonly { ranked: readonly string[]; relevant: ReadonlySet<string> }[]): EvalScores {
  const judged = runs.filter((r) => r.relevant.size > 0);
  const mean = (f: (r: (typeof judged)[number]) => number) => (judged.length === 0 ? 0 : judged.reduce((sum, r) => sum + f(r), 0) / judged.length);
  return {
    queries: judged.length,
    'ndcg@10': mean((r) => ndcgAt(r.ranked, r.relevant, 10)),
    'recall@100': mean((r) => recallAt(r.ranked, r.relevant, 100)),
    'mrr@10': mean((r) => mrrAt(r.ranked, r.relevant, 10)),
  };
}
