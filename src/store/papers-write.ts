// Idempotent upserts into the catalog. Each record carries only what its source knows; unknown
// fields keep their stored values. A record identical to the last one stored for the paper (same
// content hash) writes nothing at all, so re-running an import changes no row.
import type { Transaction } from 'kysely';
import { authorKey } from '../domain/author-name.js';
import { contentHash } from '../domain/content-hash.js';
import type { DailyEntryRecord, PaperRecord } from '../domain/paper.js';
import type { Database } from './schema.js';
import type { Db } from './db.js';

export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export { contentHash };

export function jsonOrNull(list: readonly string[] | null | undefined): string | null | undefined {
  if (list === undefined) return undefined;
  return list === null || list.length === 0 ? null : JSON.stringify(list);
}

async function upsertOne(trx: Transaction<Database>, record: PaperRecord, now: string): Promise<keyof UpsertCounts> {
  const hash = contentHash(record);
  // Only the fields this source knows are written on conflict.
  const known = {
    title: record.title,
    abstract: record.abstract,
    primary_category: record.categories === undefined ? undefined : (record.categories[0] ?? null),
    published_at: record.publishedAt,
    updated_at: record.updatedAt,
    comments: record.comments,
    journal_ref: record.journalRef,
    doi: record.doi,
    license: record.license,
    withdrawn: record.withdrawn === undefined ? undefined : Number(record.withdrawn),
    ai_summary: record.aiSummary,
    ai_keywords: jsonOrNull(record.aiKeywords),
  };
  const updates = Object.fromEntries(Object.entries(known).filter(([, v]) => v !== undefined));
  const existing = await trx.selectFrom('papers').select(['content_hash']).where('id', '=', record.id).executeTakeFirst();
  if (existing?.content_hash === hash) return 'unchanged';
  if (existing) {
    await trx
      .updateTable('papers')
      .set({ ...updates, content_hash: hash, modified_at: now })
      .where('id', '=', record.id)
      .execute();
  } else {
    await trx
      .insertInto('papers')
      .values({
        id: record.id,
        title: known.title,
        abstract: known.abstract,
        primary_category: known.primary_category ?? null,
        published_at: known.published_at ?? null,
        updated_at: known.updated_at ?? null,
        comments: known.comments ?? null,
        journal_ref: known.journal_ref ?? null,
        doi: known.doi ?? null,
        license: known.license ?? null,
        withdrawn: known.withdrawn ?? 0,
        ai_summary: known.ai_summary ?? null,
        ai_keywords: known.ai_keywords ?? null,
        content_hash: hash,
        created_at: now,
        modified_at: now,
      })
      .execute();
  }
  await replaceChildren(trx, record);
  return existing ? 'updated' : 'inserted';
}

async function replaceChildren(trx: Transaction<Database>, record: PaperRecord): Promise<void> {
  const id = record.id;
  if (record.authors !== undefined) {
    await trx.deleteFrom('paper_authors').where('paper_id', '=', id).execute();
    if (record.authors.length > 0) {
      await trx
        .insertInto('paper_authors')
        .values(record.authors.map((name, position) => ({ paper_id: id, position, name, name_key: authorKey(name) })))
        .execute();
    }
  }
  if (record.categories !== undefined) {
    await trx.deleteFrom('paper_categories').where('paper_id', '=', id).execute();
    if (record.categories.length > 0) {
      await trx
        .insertInto('paper_categories')
        .values(record.categories.map((category, position) => ({ paper_id: id, position, category })))
        .execute();
    }
  }
  if (record.versions !== undefined && record.versions.length > 0) {
    await trx.deleteFrom('paper_versions').where('paper_id', '=', id).execute();
    await trx
      .insertInto('paper_versions')
      .values(record.versions.map((v) => ({ paper_id: id, version: v.version, submitted_at: v.submittedAt })))
      .execute();
  }
  for (const link of record.links ?? []) {
    await trx
      .insertInto('paper_links')
      .values({ paper_id: id, kind: link.kind, url: link.url, stars: link.stars, stars_read_at: link.starsReadAt })
      .onConflict((oc) =>
        oc.columns(['paper_id', 'kind']).doUpdateSet({ url: link.url, stars: link.stars, stars_read_at: link.starsReadAt }),
      )
      .execute();
  }
}

/** Upserts papers inside the caller's transaction. */
export async function upsertPapersIn(trx: Transaction<Database>, records: readonly PaperRecord[], now: Date): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const nowIso = now.toISOString();
  for (const record of records) counts[await upsertOne(trx, record, nowIso)] += 1;
  return counts;
}

/** Upserts papers in one transaction: all of them or none. */
export async function upsertPapers(db: Db, records: readonly PaperRecord[], now = new Date()): Promise<UpsertCounts> {
  return db.transaction().execute(async (trx) => upsertPapersIn(trx, records, now));
}

async function upsertEntry(trx: Transaction<Database>, entry: DailyEntryRecord, now: string): Promise<boolean> {
  const inserted = await trx
    .insertInto('daily_entries')
    .values({ day: entry.day, paper_id: entry.paperId, source_id: entry.source, submitter_user_id: null, created_at: now })
    .onConflict((oc) => oc.columns(['day', 'paper_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  const b = entry.baseline;
  if (b) {
    // The newest reading wins; an equal reading writes nothing.
    await trx
      .insertInto('upvote_baselines')
      .values({ paper_id: entry.paperId, source_id: b.source, upvotes: b.upvotes, comments: b.comments, as_of: b.asOf })
      .onConflict((oc) =>
        oc
          .column('paper_id')
          .doUpdateSet({ source_id: b.source, upvotes: b.upvotes, comments: b.comments, as_of: b.asOf })
          .where((eb) =>
            eb.and([
              eb('upvote_baselines.as_of', '<=', b.asOf),
              eb.or([
                eb('upvote_baselines.upvotes', '<>', b.upvotes),
                eb('upvote_baselines.comments', '<>', b.comments),
                eb('upvote_baselines.as_of', '<>', b.asOf),
              ]),
            ]),
          ),
      )
      .execute();
  }
  return inserted !== undefined;
}

/**
 * Writes one day's worth of imported papers and their daily entries in one transaction, so a
 * killed import leaves either the whole day or none of it.
 */
export async function upsertDailyBatch(
  db: Db,
  papers: readonly PaperRecord[],
  entries: readonly DailyEntryRecord[],
  now = new Date(),
): Promise<UpsertCounts & { newEntries: number }> {
  const counts = { inserted: 0, updated: 0, unchanged: 0, newEntries: 0 };
  const nowIso = now.toISOString();
  await db.transaction().execute(async (trx) => {
    for (const record of papers) counts[await upsertOne(trx, record, nowIso)] += 1;
    for (const entry of entries) if (await upsertEntry(trx, entry, nowIso)) counts.newEntries += 1;
  });
  return counts;
}
