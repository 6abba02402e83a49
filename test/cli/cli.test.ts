// The real `paperboy` command in a child process (the compiled build: `npm test` builds first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, HF_SAMPLES } from '../support/paths.js';

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', PAPERBOY_LOG_LEVEL: 'silent', ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-cli-'));
}

describe('paperboy CLI', () => {
  it('lists every configuration problem and exits 2', () => {
    const r = run(['migrate'], { PAPERBOY_PORT: 'eighty', PAPERBOY_BASE_URL: 'ftp://x', PAPERBOY_DATABASE_URL: 'mysql://db' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PAPERBOY_PORT/);
    expect(r.stderr).toMatch(/PAPERBOY_BASE_URL/);
    expect(r.stderr).toMatch(/PAPERBOY_DATABASE_URL/);
  });

  it('exits 2 on bad usage', () => {
    expect(run([]).code).toBe(2);
    expect(run(['frobnicate']).code).toBe(2);
    const dir = tempDir();
    expect(run(['import', 'hf-daily'], { PAPERBOY_DATA_DIR: dir }).code).toBe(2);
    expect(run(['import', 'hf-daily', HF_SAMPLES, '--date', '2026-02-30'], { PAPERBOY_DATA_DIR: dir }).stderr).toMatch(/--date/);
    expect(run(['import', 'hf-daily', HF_SAMPLES, '--bogus'], { PAPERBOY_DATA_DIR: dir }).code).toBe(2);
    expect(run(['import', 'hf-daily', path.join(dir, 'missing.json')], { PAPERBOY_DATA_DIR: dir }).code).toBe(2);
    expect(run(['serve', '--roles=web,teapot'], { PAPERBOY_DATA_DIR: dir, PAPERBOY_BUNDLE: 'off' }).stderr).toMatch(/unknown role/);
  });

  it('imports, reports counts on stdout, and is idempotent', () => {
    const dir = tempDir();
    const first = run(['import', 'hf-daily', HF_SAMPLES], { PAPERBOY_DATA_DIR: dir });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ files: 3, days: 3, items: 39, inserted: 39, skipped: 0 });
    const second = run(['import', 'hf-daily', HF_SAMPLES], { PAPERBOY_DATA_DIR: dir });
    expect(JSON.parse(second.stdout)).toMatchObject({ inserted: 0, updated: 0, unchanged: 39 });
    expect(fs.existsSync(path.join(dir, 'paperboy.sqlite'))).toBe(true);
  });

  it('exits 3 when input was skipped, naming each skip on stderr', () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad.jsonl');
    const good = fs.readFileSync(path.join(HF_SAMPLES, '2024-05-27.json'), 'utf8');
    fs.writeFileSync(file, `${JSON.stringify({ date: '2024-05-27', papers: JSON.parse(good) as unknown })}\nnot json\n`);
    const r = run(['import', 'hf-daily', file], { PAPERBOY_DATA_DIR: dir });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/skipped bad\.jsonl:2: malformed JSON/);
    expect(JSON.parse(r.stdout)).toMatchObject({ items: 13, inserted: 13, skipped: 1 });
  });
});

describe('paperboy fetch and harvest', () => {
  it('refuse to contact arXiv without an operator address (exit 2)', () => {
    const dir = tempDir();
    const r = run(['fetch', '2401.00001'], { PAPERBOY_DATA_DIR: dir, PAPERBOY_ARXIV_API_URL: 'http://127.0.0.1:9/api/query' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/PAPERBOY_CONTACT_EMAIL/);
    expect(run(['harvest', '--format', 'oai_dc'], { PAPERBOY_DATA_DIR: dir, PAPERBOY_CONTACT_EMAIL: 'a@b.test' }).code).toBe(2);
    expect(run(['fetch', 'not-an-id'], { PAPERBOY_DATA_DIR: dir, PAPERBOY_CONTACT_EMAIL: 'a@b.test' }).stderr).toMatch(/not an arXiv id/);
  });
});

describe('paperboy import kaggle', () => {
  const fixture = path.join(HF_SAMPLES, '..', '..', 'arxiv-fixtures', 'kaggle-snapshot', 'arxiv-metadata-oai-snapshot.head200.jsonl');

  it('imports on a reader thread, reports bad lines (exit 3), and resumes after --limit', () => {
    const dir = tempDir();
    const lines = fs.readFileSync(fixture, 'utf8').trimEnd().split('\n');
    lines.splice(50, 0, '{"truncated": ');
    const file = path.join(dir, 'snapshot.json');
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    const first = run(['import', 'kaggle', file, '--limit', '120'], { PAPERBOY_DATA_DIR: dir });
    expect(first.code).toBe(3);
    expect(first.stderr).toMatch(/skipped line 51: malformed JSON/);
    expect(JSON.parse(first.stdout)).toMatchObject({ linesRead: 120, inserted: 119, skipped: 1 });
    const rest = run(['import', 'kaggle', file], { PAPERBOY_DATA_DIR: dir });
    expect(rest.code).toBe(0);
    expect(JSON.parse(rest.stdout)).toMatchObject({ resumedFrom: 120, linesRead: 81, inserted: 81 });
    const done = run(['import', 'kaggle', file], { PAPERBOY_DATA_DIR: dir });
    expect(JSON.parse(done.stdout)).toMatchObject({ alreadyComplete: true });
    expect(run(['import', 'kaggle', path.join(dir, 'nope.json')], { PAPERBOY_DATA_DIR: dir }).code).toBe(2);
  });
});
