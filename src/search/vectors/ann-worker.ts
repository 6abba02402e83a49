// Worker-thread entry of an HNSW build (ann-build.ts): builds, saves, reports.
import { parentPort, workerData } from 'node:worker_threads';
import { buildAndSave, type AnnBuildInput } from './ann-build.js';

buildAndSave(workerData as AnnBuildInput);
parentPort?.postMessage('done');
