// Reads a Kaggle arXiv snapshot (JSON Lines, optionally gzipped) as batches of parsed records with
// their content hashes. Reading, JSON parsing and hashing take about as long as writing the
// catalog, so when the compiled worker script is available they run on a worker thread while the
// main thread writes; from TypeScript sources (tests) they run inline. Both yield the same batches.
import fs from 'node:fs';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';
import { contentHash } from '../domain/content-hash.js';
import type { PaperRecord } from '../domain/paper.js';
import { parseKaggleLine } from './kaggle-record.js';

export interface KaggleSkip {
  readonly line: number;
  readonly reason: string;
}

export interface KaggleBatch {
  readonly records: PaperRecord[];
  readonly hashes: string[];
  readonly skips: KaggleSkip[];
  /** Last line of the input this batch accounts for. */
  readonly lastLine: number;
  /** Lines read in this batch (blank ones included). */
  readonly lines: number;
  readonly bytesRead: number;
  /** True when the limit stopped reading before the end of the file. */
  readonly stoppedEarly: boolean;
}

export interface ReadOptions {
  readonly skipLines: number;
  readonly batchLines: number;
  readonly limit?: number;
}

/** Batches handed over but not yet written; bounds memory to about this many batches. */
const BATCHES_IN_FLIGHT = 2;
/** Old-generation heap of the reader thread (MiB): a few 5,000-line batches need far less. */
const READER_HEAP_MB = 128;

export async function* readKaggleInline(file: string, options: ReadOptions): AsyncGenerator<KaggleBatch> {
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  raw.on('data', (chunk: Buffer | string) => {
    bytesRead += chunk.length;
  });
  const lines = readline.createInterface({ input: file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw, crlfDelay: Infinity });
  let records: PaperRecord[] = [];
  let hashes: string[] = [];
  let skips: KaggleSkip[] = [];
  let count = 0;
  let lineNo = 0;
  let read = 0;
  const take = (stoppedEarly: boolean): KaggleBatch => {
    const batch = { records, hashes, skips, lastLine: lineNo, lines: count, bytesRead, stoppedEarly };
    records = [];
    hashes = [];
    skips = [];
    count = 0;
    return batch;
  };
  try {
    for await (const text of lines) {
      if (lineNo + 1 <= options.skipLines) {
        lineNo += 1;
        continue;
      }
      if (options.limit !== undefined && read >= options.limit) {
        yield take(true);
        return;
      }
      lineNo += 1;
      read += 1;
      count += 1;
      if (text.trim() !== '') {
        const result = parseKaggleLine(text);
        if (result.ok) {
          records.push(result.record);
          hashes.push(contentHash(result.record));
        } else {
          skips.push({ line: lineNo, reason: result.reason });
        }
      }
      if (lineNo % options.batchLines === 0) yield take(false);
    }
  } finally {
    lines.close();
    raw.destroy();
  }
  yield take(false);
}

type FromWorker = { kind: 'batch'; batch: KaggleBatch } | { kind: 'done' } | { kind: 'error'; message: string };

/** The compiled worker entry, next to this module; absent when running from TypeScript sources. */
function workerScript(): string | null {
  const url = new URL('./kaggle-reader-worker.js', import.meta.url);
  const file = fileURLToPath(url);
  return fs.existsSync(file) ? file : null;
}

/** Batches from a worker thread when possible (see the header), inline otherwise. */
export async function* readKaggleBatches(file: string, options: ReadOptions): AsyncGenerator<KaggleBatch> {
  const script = workerScript();
  if (!script) {
    yield* readKaggleInline(file, options);
    return;
  }
  // A heap cap makes the reader collect garbage early instead of growing towards V8's default limit.
  const worker = new Worker(script, { workerData: { file, options }, resourceLimits: { maxOldGenerationSizeMb: READER_HEAP_MB } });
  const queue: FromWorker[] = [];
  let wake: (() => void) | null = null;
  const state: { failure: Error | null } = { failure: null };
  worker.on('message', (m: FromWorker) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (err) => {
    state.failure = err;
    wake?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && state.failure === null) await new Promise<void>((r) => (wake = r));
      wake = null;
      if (state.failure) throw state.failure;
      const message = queue.shift();
      if (!message || message.kind === 'done') return;
      if (message.kind === 'error') throw new Error(message.message);
      yield message.batch;
      worker.postMessage('ack'); // one batch written: the reader may run ahead by one more
    }
  } finally {
    await worker.terminate();
  }
}

export { BATCHES_IN_FLIGHT };
