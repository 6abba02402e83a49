// Fitness test of the layering in HOUSE-STYLE: domain ← store/search/ingest/email ← commands ←
// web/cli/jobs ← main. Only store/ imports the database drivers; only web/ imports Fastify.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/paths.js';

const SRC = path.join(REPO_ROOT, 'src');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return files(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1] ?? '');
}

function layerOf(file: string): string {
  const rel = path.relative(SRC, file);
  return rel.includes(path.sep) ? (rel.split(path.sep)[0] ?? '') : rel.replace(/\.ts$/, '');
}

// Which layers each layer may import (besides itself).
const ALLOWED: Record<string, string[]> = {
  domain: [],
  config: [],
  store: ['domain', 'config'],
  search: ['domain', 'config', 'store'],
  ingest: ['domain', 'config'],
  email: ['domain', 'config'],
  commands: ['domain', 'config', 'store', 'search', 'ingest', 'email'],
  web: ['domain', 'config', 'store', 'commands'],
  cli: ['domain', 'config', 'store', 'commands', 'ingest'],
  jobs: ['domain', 'config', 'store', 'commands'],
  // The composition root also builds the mail transport (email/mailer-from-config.ts) it hands to web/.
  main: ['domain', 'config', 'store', 'commands', 'web', 'cli', 'jobs', 'email'],
};

const DRIVERS = ['better-sqlite3', 'pg', 'kysely'];
const HTTP = ['fastify', '@fastify/static'];

describe('architecture', () => {
  const all = files(SRC);

  it('has files in every layer it checks', () => {
    expect(all.length).toBeGreaterThan(20);
  });

  it('points dependencies one way', () => {
    const violations: string[] = [];
    let checked = 0;
    for (const file of all) {
      const from = layerOf(file);
      for (const spec of imports(file).filter((s) => s.startsWith('.'))) {
        checked += 1;
        const to = layerOf(path.resolve(path.dirname(file), spec.replace(/\.js$/, '.ts')));
        if (to !== from && !(ALLOWED[from] ?? []).includes(to)) violations.push(`${path.relative(SRC, file)} → ${spec}`);
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(violations).toEqual([]);
  });

  it('keeps database drivers in store/ and the HTTP framework in web/', () => {
    const violations: string[] = [];
    for (const file of all) {
      const layer = layerOf(file);
      for (const spec of imports(file)) {
        // Kysely migrations receive a Kysely instance; only store/ may name the package.
        if (DRIVERS.includes(spec) && layer !== 'store') violations.push(`${path.relative(SRC, file)} imports ${spec}`);
        if (HTTP.includes(spec) && layer !== 'web') violations.push(`${path.relative(SRC, file)} imports ${spec}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('keeps files small', () => {
    const long = all.map((f) => [path.relative(SRC, f), fs.readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 500);
    expect(long).toEqual([]);
  });
});
