// The catalog: papers with ordered authors and categories, versions, links, and the daily feed.
// On SQLite the per-paper child tables are WITHOUT ROWID: rows are stored in primary-key order,
// one B-tree per table instead of two, which matters when millions of papers are bulk-loaded.
import { sql, type Kysely } from 'kysely';
import { idColumnType, withoutRowid } from './helpers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('papers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('abstract', 'text', (c) => c.notNull())
    .addColumn('primary_category', 'text')
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text')
    .addColumn('comments', 'text')
    .addColumn('journal_ref', 'text')
    .addColumn('doi', 'text')
    .addColumn('license', 'text')
    .addColumn('withdrawn', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ai_summary', 'text')
    .addColumn('ai_keywords', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('modified_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('papers_published_at').on('papers').column('published_at').execute();

  await db.schema
    .createTable('paper_authors')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('paper_authors_pk', ['paper_id', 'position'])
    .modifyEnd(withoutRowid(db))
    .execute();
  await db.schema.createIndex('paper_authors_name').on('paper_authors').column('name').execute();

  await db.schema
    .createTable('paper_categories')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('paper_categories_pk', ['paper_id', 'position'])
    .modifyEnd(withoutRowid(db))
    .execute();
  await db.schema.createIndex('paper_categories_category').on('paper_categories').column('category').execute();

  await db.schema
    .createTable('paper_versions')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('paper_versions_pk', ['paper_id', 'version'])
    .modifyEnd(withoutRowid(db))
    .execute();

  await db.schema
    .createTable('paper_links')
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('code', 'project')`))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('stars', 'integer')
    .addColumn('stars_read_at', 'text')
    .addPrimaryKeyConstraint('paper_links_pk', ['paper_id', 'kind'])
    .modifyEnd(withoutRowid(db))
    .execute();

  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', idColumnType(db), (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('daily_entries')
    .addColumn('id', idColumnType(db), (c) => c.primaryKey())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('paper_id', 'text', (c) => c.notNull().references('papers.id').onDelete('cascade'))
    .addColumn('submitter_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('source_id', 'text', (c) => c.references('sources.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('daily_entries_day_paper', ['day', 'paper_id'])
    .execute();
  await db.schema.createIndex('daily_entries_paper').on('daily_entries').column('paper_id').execute();

  await db.schema
    .createTable('upvote_baselines')
    .addColumn('paper_id', 'text', (c) => c.primaryKey().references('papers.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('upvotes', 'integer', (c) => c.notNull())
    .addColumn('comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .execute();
}
