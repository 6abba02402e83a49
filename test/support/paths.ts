import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The shared real data, checked out beside the repository (../shared/data). */
export const SHARED_DATA = path.resolve(REPO_ROOT, '..', 'shared', 'data');
export const HF_SAMPLES = path.join(SHARED_DATA, 'hf-daily-papers', 'samples');
export const BUNDLE = path.join(REPO_ROOT, 'data-bundled', 'hf-daily-papers.jsonl.gz');
export const CLI = path.join(REPO_ROOT, 'bin', 'paperboy.js');
