// Use-case: load Kaggle's arXiv metadata snapshot (arxiv-metadata-oai-snapshot.json[.gz], JSON
// Lines, ~2.7 M lines / ~4.5 GB). Streams the file, upserts in large transactions, and commits
// the count of handled lines with each batch, so a killed import resumes after its last batch.
// Memory stays bounded: at most a few batches of records exist at a time, whatever the file size.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readKaggleBatches, type KaggleSkip } from '../ingest/kaggle-reader.js';
import type { Store } from '../store/db.js';
import { importProgress, upsertPapersBulk } from '../store/papers-bulk.js';

export type { KaggleSkip };

/** Lines per transaction: large enough to amortise the commit, small enough to bound memory (~10 MB). */
export const KAGGLE_BATCH_LINES = 5_000;
/** Skips kept in memory for the report; beyond this only the count grows. */
const MAX_SKIPS_KEPT = 10_000;

export interface KaggleSummary {
  linesRead: number;
  resumedFrom: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  skips: KaggleSkip[];
  alreadyComplete: boolean;
}

export interface KaggleOptions {
  readonly dryRun?: boolean;
  /** Start again from line 1 even if an earlier run of this file got further. */
  readonly restart?: boolean;
  /** Stop after this many more lines (the next run resumes there). */
  readonly limit?: number;
  readonly onProgress?: (p: { bytesRead: number; totalBytes: number; lines: number }) => void;
}

/** Identity of an input file for resuming: its name, size and a hash of its first 64 KiB. */
export function snapshotKey(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const digest = createHash('sha256').update(head.subarray(0, n)).digest('hex').slice(0, 16);
    return `kaggle:${path.basename(file)}:${fs.fstatSync(fd).size}:${digest}`;
  } finally {
    fs.closeSync(fd);
  }
}

export async function importKaggle(store: Store, file: string, options: KaggleOptions = {}): Promise<KaggleSummary> {
  const key = snapshotKey(file);
  const previous = options.restart ? null : await importProgress(store, key);
  const summary: KaggleSummary = {
    linesRead: 0,
    resumedFrom: previous?.linesDone ?? 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    skips: [],
    alreadyComplete: previous?.completed ?? false,
  };
  if (summary.alreadyComplete) return summary;
  const totalBytes = fs.statSync(file).size;
  const batches = readKaggleBatches(file, { skipLines: summary.resumedFrom, batchLines: KAGGLE_BATCH_LINES, limit: options.limit });
  let last = { lastLine: summary.resumedFrom, stoppedEarly: false };
  for await (const batch of batches) {
    summary.linesRead += batch.lines;
    summary.skipped += batch.skips.length;
    for (const skip of batch.skips) if (summary.skips.length < MAX_SKIPS_KEPT) summary.skips.push(skip);
    last = batch;
    if (!options.dryRun) {
      const counts = await upsertPapersBulk(store, batch.records, { key, source: 'kaggle', linesDone: batch.lastLine, completed: false }, new Date(), batch.hashes);
      summary.inserted += counts.inserted;
      summary.updated += counts.updated;
      summary.unchanged += counts.unchanged;
    }
    options.onProgress?.({ bytesRead: batch.bytesRead, totalBytes, lines: batch.lastLine });
  }
  // Reaching the end of the file (not a --limit) marks it complete.
  if (!options.dryRun && !last.stoppedEarly) {
    await upsertPapersBulk(store, [], { key, source: 'kaggle', linesDone: last.lastLine, completed: true });
  }
  return summary;
}
