// Use-case: load Kaggle's arXiv metadata snapshot (arxiv-metadata-oai-snapshot.json[.gz], JSON
// Lines, ~2.7 M lines / ~4.5 GB). Streams the file, upserts in large transactions, and commits
// the count of handled lines with each batch, so a killed import resumes after its last batch.
// Memory stays bounded: one batch of records at a time, whatever the file size.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { PaperRecord } from '../domain/paper.js';
import { parseKaggleLine } from '../ingest/kaggle-record.js';
import type { Store } from '../store/db.js';
import { importProgress, upsertPapersBulk } from '../store/papers-bulk.js';

/** Lines per transaction: large enough to amortise the commit, small enough to bound memory (~10 MB). */
export const KAGGLE_BATCH_LINES = 5_000;
/** Skips kept in memory for the report; beyond this only the count grows. */
const MAX_SKIPS_KEPT = 10_000;

export interface KaggleSkip {
  readonly line: number;
  readonly reason: string;
}

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
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  raw.on('data', (chunk: Buffer | string) => {
    bytesRead += chunk.length;
  });
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = readline.createInterface({ input, crlfDelay: Infinity });

  let batch: PaperRecord[] = [];
  const flush = async (lineNo: number, completed: boolean) => {
    if (!options.dryRun) {
      const counts = await upsertPapersBulk(store, batch, { key, source: 'kaggle', linesDone: lineNo, completed });
      summary.inserted += counts.inserted;
      summary.updated += counts.updated;
      summary.unchanged += counts.unchanged;
    }
    batch = [];
    options.onProgress?.({ bytesRead, totalBytes, lines: lineNo });
  };

  let lineNo = 0;
  let stoppedEarly = false;
  try {
    for await (const text of lines) {
      lineNo += 1;
      if (lineNo <= summary.resumedFrom) continue;
      if (options.limit !== undefined && summary.linesRead >= options.limit) {
        stoppedEarly = true;
        lineNo -= 1;
        break;
      }
      summary.linesRead += 1;
      if (text.trim() === '') continue;
      const result = parseKaggleLine(text);
      if (result.ok) {
        batch.push(result.record);
      } else {
        summary.skipped += 1;
        if (summary.skips.length < MAX_SKIPS_KEPT) summary.skips.push({ line: lineNo, reason: result.reason });
      }
      if (lineNo % KAGGLE_BATCH_LINES === 0) await flush(lineNo, false);
    }
  } finally {
    lines.close();
    raw.destroy();
  }
  await flush(lineNo, !stoppedEarly);
  return summary;
}
