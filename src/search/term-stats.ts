// Which query words are in at least half the documents. FTS5's bm25() gives such a word an idf of
// ~0 (log((N - n + 0.5) / (n + 0.5)) is clamped when negative), yet computes it by walking the
// word's whole posting list on every query: 27 ms for a word in 955,000 of a million papers. A
// query of nothing but such words is therefore matched without ranking (terms.ts), newest first.
// Counts are cached per index for a while: the first query with a common word pays for it once.
import type { KeywordIndex } from '../store/keyword-index.js';

/** How long a word's count is trusted (ms); the catalog grows slowly. */
const TTL_MS = 10 * 60_000;
/** Most words remembered per index; the cache starts over beyond it. */
const MAX_WORDS = 50_000;

interface Entry {
  readonly ubiquitous: boolean;
  readonly at: number;
}

const caches = new WeakMap<KeywordIndex, Map<string, Entry>>();

/**
 * The single words among `words` that occur in at least half the documents of the index, when it
 * holds at least `minDocs` (below that, posting lists are short and FTS5's ranking is kept whole).
 */
export async function ubiquitousWords(index: KeywordIndex, words: readonly string[], minDocs: number, now = Date.now()): Promise<Set<string>> {
  const single = words.filter((w) => !w.includes(' '));
  const result = new Set<string>();
  if (single.length === 0) return result;
  let cache = caches.get(index);
  if (!cache || cache.size > MAX_WORDS) caches.set(index, (cache = new Map<string, Entry>()));
  const stale = single.filter((w) => (cache.get(w)?.at ?? -Infinity) < now - TTL_MS);
  if (stale.length > 0) {
    // The size is estimated from above, so a word called ubiquitous truly is one.
    const size = await index.size();
    const half = Math.ceil(size / 2);
    for (const w of stale) {
      const ubiquitous = size >= minDocs && half > 0 && (await index.documentFrequency(w, half)) >= half;
      cache.set(w, { ubiquitous, at: now });
    }
  }
  for (const w of single) if (cache.get(w)?.ubiquitous) result.add(w);
  return result;
}
