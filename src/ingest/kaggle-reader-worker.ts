// Worker-thread entry of readKaggleBatches: reads and parses, posting at most BATCHES_IN_FLIGHT
// batches ahead of the writer (each 'ack' from the main thread frees one slot).
import { parentPort, workerData } from 'node:worker_threads';
import { BATCHES_IN_FLIGHT, readKaggleInline, type ReadOptions } from './kaggle-reader.js';

const { file, options } = workerData as { file: string; options: ReadOptions };
const port = parentPort;
if (!port) throw new Error('kaggle-reader-worker must run as a worker thread');

let slots = BATCHES_IN_FLIGHT;
let release: (() => void) | null = null;
port.on('message', () => {
  slots += 1;
  release?.();
});

try {
  for await (const batch of readKaggleInline(file, options)) {
    while (slots === 0) await new Promise<void>((r) => (release = r));
    release = null;
    slots -= 1;
    port.postMessage({ kind: 'batch', batch });
  }
  port.postMessage({ kind: 'done' });
} catch (err) {
  port.postMessage({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
}
