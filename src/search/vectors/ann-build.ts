// Builds an HNSW index file from int8 vectors. At a million vectors this takes minutes of CPU, so
// when the compiled worker script is available it runs on a worker thread (the serving process
// keeps answering from its exact index meanwhile); from TypeScript sources it runs inline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AnnIndex } from './ann-index.js';

export interface AnnBuildInput {
  readonly data: Int8Array;
  readonly keys: readonly string[];
  readonly dims: number;
  readonly scale: number;
  readonly file: string;
}

/** Build threads: all cores but one, so the serving thread keeps a core. */
const THREADS = Math.max(1, os.availableParallelism() - 1);

export function buildAndSave(input: AnnBuildInput): void {
  fs.mkdirSync(path.dirname(input.file), { recursive: true });
  AnnIndex.build(input.data, input.keys, input.dims, input.scale, THREADS).save(input.file);
}

function workerScript(): string | null {
  const file = fileURLToPath(new URL('./ann-worker.js', import.meta.url));
  return fs.existsSync(file) ? file : null;
}

/** Builds the index file (unless it exists) and returns it memory-mapped. */
export async function buildAnn(input: AnnBuildInput): Promise<AnnIndex> {
  if (!fs.existsSync(input.file) || !fs.existsSync(`${input.file}.keys`)) {
    const script = workerScript();
    if (!script) {
      buildAndSave(input);
    } else {
      const worker = new Worker(script, { workerData: input, transferList: [input.data.buffer as ArrayBuffer] });
      try {
        await new Promise<void>((resolve, reject) => {
          worker.once('message', () => resolve());
          worker.once('error', reject);
          worker.once('exit', (code) => reject(new Error(`HNSW build stopped (exit ${code})`)));
        });
      } finally {
        await worker.terminate();
      }
    }
  }
  return AnnIndex.view(input.file, input.dims);
}
