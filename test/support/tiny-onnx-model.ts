// A tiny BERT-shaped ONNX sentence-embedding model (32 dims, ~200-word vocabulary, 37 kB), written by
// make-tiny-onnx-model.py into a fresh temporary folder so the ONNX embedder is tested through the real
// runtime without a model download. Needs Debian's python3-onnx (.ci/run installs it).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'make-tiny-onnx-model.py');
/** Debian's interpreter: a pyenv or venv `python3` earlier on PATH does not see the apt package. */
const PYTHON = '/usr/bin/python3';
/** The script's vector width (DIMS there). */
export const TINY_MODEL_DIMS = 32;

export type TinyModel = {
  /** The model folder; its basename is `tiny-bert`. */
  readonly folder: string;
  /** Milliseconds the Python script took. */
  readonly generationMs: number;
  /** Deletes the temporary folder. */
  remove(): void;
};

export function makeTinyOnnxModel(): TinyModel {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-onnx-'));
  const folder = path.join(root, 'tiny-bert');
  const started = performance.now();
  try {
    execFileSync(PYTHON, [SCRIPT, folder], { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    fs.rmSync(root, { recursive: true, force: true });
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? '';
    const hint = stderr.includes("No module named 'onnx'") ? ' (apt-get install python3-onnx)' : '';
    throw new Error(`${PYTHON} ${SCRIPT} failed${hint}: ${stderr || String(e)}`, { cause: e });
  }
  return {
    folder,
    generationMs: performance.now() - started,
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
