// Use-case: keep the keyword index current. Every write to papers queues the paper (a trigger in
// the writer's transaction, migration 0004); this drains the queue in batches. It runs on start,
// before the site listens (so the bundled papers are searchable from the first request), and then
// every few seconds in each serving process, so papers written by imports, harvests or other
// processes become searchable within one interval. Draining is idempotent: several processes may
// run it at once, each batch is one transaction.
import type { Store } from '../store/db.js';
import { keywordIndex } from '../store/keyword-index.js';

/**
 * Papers per transaction. Indexing costs ~125 µs per paper, so 500 hold SQLite's write lock and
 * this process's event loop for ~60 ms: imports and requests wait at most about that long.
 */
export const INDEX_BATCH = 500;
/** How often a serving process looks for papers to index (ms). */
export const INDEX_INTERVAL_MS = 3_000;
/**
 * A backlog up to this size is indexed before the site listens (~6 s at ~125 µs per paper); a
 * larger one (after a whole-arXiv import) is left to the background loop, so start stays quick.
 */
export const START_INDEX_LIMIT = 50_000;

/** Indexes every queued paper; returns how many. */
export async function indexPendingPapers(store: Store, signal?: AbortSignal): Promise<number> {
  const index = keywordIndex(store);
  let total = 0;
  for (;;) {
    if (signal?.aborted) return total;
    const n = await index.indexPending(INDEX_BATCH);
    total += n;
    if (n < INDEX_BATCH) return total;
    // Let queued requests run between batches.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** On start: indexes a small backlog now; returns how many were indexed and how many were left. */
export async function indexOnStart(store: Store): Promise<{ indexed: number; left: number }> {
  const pending = await keywordIndex(store).pending();
  if (pending > START_INDEX_LIMIT) return { indexed: 0, left: pending };
  return { indexed: await indexPendingPapers(store), left: 0 };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The background loop of a serving process; a failed batch is reported and retried next interval. */
export async function runSearchIndexer(store: Store, signal: AbortSignal, log: (message: string) => void): Promise<void> {
  while (!signal.aborted) {
    try {
      const n = await indexPendingPapers(store, signal);
      if (n > 0) log(`search index: indexed ${n} papers`);
    } catch (err) {
      log(`search index: ${err instanceof Error ? err.message : String(err)}; retrying in ${INDEX_INTERVAL_MS / 1000} s`);
    }
    await pause(INDEX_INTERVAL_MS, signal);
  }
}
