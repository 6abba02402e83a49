// Reads whole papers (with authors, categories, versions, links, baseline, local vote count) in a few
// batched queries.
import type { ArxivId } from '../domain/arxiv-id.js';
import { LINK_KINDS, SOURCES, type LinkKind, type Paper, type SourceId } from '../domain/paper.js';
import type { Day } from '../domain/period.js';
import type { Db } from './db.js';
import { countVotesFor } from './votes.js';
import { countCommentsFor } from './comments.js';

function group<T extends { paper_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.paper_id);
    if (list) list.push(row);
    else map.set(row.paper_id, [row]);
  }
  return map;
}

function parseKeywords(json: string | null): string[] {
  if (json === null) return [];
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
}

function isLinkKind(kind: string): kind is LinkKind {
  return (LINK_KINDS as readonly string[]).includes(kind);
}

function isSourceId(id: string): id is SourceId {
  return Object.hasOwn(SOURCES, id);
}

/** Loads the given papers; ids that are not in the catalog are absent from the map. */
export async function loadPapers(db: Db, ids: readonly string[]): Promise<Map<ArxivId, Paper>> {
  const result = new Map<ArxivId, Paper>();
  if (ids.length === 0) return result;
  const unique = [...new Set(ids)];
  const [rows, authors, categories, versions, links, baselines, votes] = await Promise.all([
    db.selectFrom('papers').selectAll().where('id', 'in', unique).execute(),
    db.selectFrom('paper_authors').selectAll().where('paper_id', 'in', unique).orderBy('position').execute(),
    db.selectFrom('paper_categories').selectAll().where('paper_id', 'in', unique).orderBy('position').execute(),
    db.selectFrom('paper_versions').selectAll().where('paper_id', 'in', unique).orderBy('version').execute(),
    db.selectFrom('paper_links').selectAll().where('paper_id', 'in', unique).execute(),
    db.selectFrom('upvote_baselines').selectAll().where('paper_id', 'in', unique).execute(),
    countVotesFor(db, unique),
  ]);
  const commentCounts = await countCommentsFor(db, unique);
  const byAuthor = group(authors);
  const byCategory = group(categories);
  const byVersion = group(versions);
  const byLink = group(links);
  const byBaseline = new Map(baselines.map((b) => [b.paper_id, b]));
  for (const row of rows) {
    const b = byBaseline.get(row.id);
    const id = row.id as ArxivId;
    result.set(id, {
      id,
      title: row.title,
      abstract: row.abstract,
      authors: (byAuthor.get(row.id) ?? []).map((a) => a.name),
      categories: (byCategory.get(row.id) ?? []).map((c) => c.category),
      primaryCategory: row.primary_category,
      publishedAt: row.published_at,
      updatedAt: row.updated_at,
      comments: row.comments,
      journalRef: row.journal_ref,
      doi: row.doi,
      license: row.license,
      withdrawn: row.withdrawn !== 0,
      aiSummary: row.ai_summary,
      aiKeywords: parseKeywords(row.ai_keywords),
      versions: (byVersion.get(row.id) ?? []).map((v) => ({ version: v.version, submittedAt: v.submitted_at })),
      links: (byLink.get(row.id) ?? [])
        .filter((l) => isLinkKind(l.kind))
        .map((l) => ({ kind: l.kind as LinkKind, url: l.url, stars: l.stars, starsReadAt: l.stars_read_at })),
      baseline:
        b && isSourceId(b.source_id)
          ? { source: b.source_id, upvotes: b.upvotes, comments: b.comments, asOf: b.as_of as Day }
          : null,
      localVotes: votes.get(row.id) ?? 0,
      localComments: commentCounts.get(row.id) ?? 0,
    });
  }
  return result;
}

export async function findPaper(db: Db, id: ArxivId): Promise<Paper | undefined> {
  return (await loadPapers(db, [id])).get(id);
}

/** Days the paper was featured on the daily page, oldest first. */
export async function featuredDays(db: Db, id: ArxivId): Promise<Day[]> {
  const rows = await db.selectFrom('daily_entries').select('day').where('paper_id', '=', id).orderBy('day').execute();
  return rows.map((r) => r.day as Day);
}

export async function countPapers(db: Db): Promise<number> {
  const row = await db.selectFrom('papers').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
