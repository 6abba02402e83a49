// Runs a store test against both dialects, each test on a fresh, migrated, empty database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, inject } from 'vitest';
import type { DatabaseTarget } from '../../src/config.js';
import { createPostgresDatabase } from '../../src/store/admin.js';
import { openMigratedStore, type Dialect, type Store } from '../../src/store/db.js';

export const DIALECTS: readonly Dialect[] = ['sqlite', 'postgres'];

/** A new empty database target of the given dialect. */
export async function freshTarget(dialect: Dialect): Promise<DatabaseTarget> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-sqlite-'));
    return { kind: 'sqlite', file: path.join(dir, 'test.sqlite') };
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  return { kind: 'postgres', url: await createPostgresDatabase(inject('pgAdminUrl'), name) };
}

export async function freshStore(dialect: Dialect): Promise<Store> {
  return openMigratedStore(await freshTarget(dialect));
}

/** describe() once per dialect; `ctx.store` is a fresh store in each test. */
export function describeEachDialect(name: string, body: (ctx: { readonly store: Store; readonly dialect: Dialect }) => void): void {
  for (const dialect of DIALECTS) {
    describe(`${name} [${dialect}]`, () => {
      let current: Store | undefined;
      const ctx = {
        dialect,
        get store(): Store {
          if (!current) throw new Error('store used outside a test');
          return current;
        },
      };
      beforeEach(async () => {
        current = await freshStore(dialect);
      });
      afterEach(async () => {
        await current?.close();
        current = undefined;
      });
      body(ctx);
    });
  }
}
