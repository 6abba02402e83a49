// Author pages match names without accents or case (domain/author-name.ts): each author row gets
// the folded key, indexed. The key is computed in TypeScript, not SQL (neither SQLite nor
// PostgreSQL folds accents without extensions), so existing rows are backfilled from here: the
// distinct names are keyed in batches into a scratch table, then one UPDATE copies the keys over.
// The column is nullable only because SQLite cannot add a NOT NULL column without a default;
// every writer sets it.
import type { Kysely } from 'kysely';
import { authorKey } from '../../domain/author-name.js';

/** Distinct names keyed per round trip (2 parameters each; SQLite allows 32,766 per statement). */
const BATCH = 5_000;

interface Tables {
  paper_authors: { name: string; name_key: string | null };
  author_key_backfill: { name: string; name_key: string };
}

export async function up(untyped: Kysely<unknown>): Promise<void> {
  const db = untyped as Kysely<Tables>;
  await db.schema.alterTable('paper_authors').addColumn('name_key', 'text').execute();
  await db.schema
    .createTable('author_key_backfill')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .execute();
  // Walks the name index (paper_authors_name) in order, one batch of distinct names at a time.
  let after: string | null = null;
  for (;;) {
    let q = db.selectFrom('paper_authors').select('name').distinct().orderBy('name').limit(BATCH);
    if (after !== null) q = q.where('name', '>', after);
    const names = (await q.execute()).map((r) => r.name);
    if (names.length === 0) break;
    await db.insertInto('author_key_backfill').values(names.map((name) => ({ name, name_key: authorKey(name) }))).execute();
    after = names.at(-1) ?? null;
  }
  await db
    .updateTable('paper_authors')
    .set((eb) => ({ name_key: eb.selectFrom('author_key_backfill as k').select('k.name_key').whereRef('k.name', '=', 'paper_authors.name') }))
    .execute();
  await db.schema.dropTable('author_key_backfill').execute();
  await db.schema.createIndex('paper_authors_name_key').on('paper_authors').column('name_key').execute();
}
