// Worker-thread entry of catalog-embedder training (train-catalog.ts): trains, encodes the
// parameters and posts them back as one buffer.
import { parentPort, workerData } from 'node:worker_threads';
import { trainEncoded, type TrainInput } from './train-catalog.js';

const encoded = await trainEncoded(workerData as TrainInput);
parentPort?.postMessage(encoded, [encoded.buffer as ArrayBuffer]);
