// Which of some document keys are catalog papers passing the search filters (dates, categories,
// code). Used by semantic search, which finds candidates in memory and checks them here; written
// with Kysely, so it works on both dialects.
import type { Store } from './db.js';
import type { CatalogFilter } from './keyword-index.js';

// Categories are validated names (letters, '-', '.'), so they hold no LIKE wildcards.
export function isFiltering(f: CatalogFilter): boolean {
  return f.from !== null || f.until !== null || f.categories.length > 0 || f.hasCode;
}

export async function keysPassing(store: Store, keys: readonly string[], f: CatalogFilter): Promise<Set<string>> {
  const passing = new Set<string>();
  // 500 keys per statement stays under both dialects' bound-parameter limits.
  for (let i = 0; i < keys.length; i += 500) {
    let q = store.db.selectFrom('papers as p').select('p.id').where('p.id', 'in', keys.slice(i, i + 500));
    if (f.from !== null) q = q.where('p.published_at', '>=', f.from);
    if (f.until !== null) q = q.where('p.published_at', '<', f.until);
    if (f.categories.length > 0) {
      const categories = f.categories.map((c) => c.toLowerCase());
      q = q.where((outer) =>
        outer.exists(
          outer
            .selectFrom('paper_categories as c')
            .select('c.paper_id')
            .whereRef('c.paper_id', '=', 'p.id')
            .where((eb) => {
              const lower = eb.fn<string>('lower', ['c.category']);
              return eb.or(categories.map((c) => (c.includes('.') ? eb(lower, '=', c) : eb.or([eb(lower, '=', c), eb(lower, 'like', `${c}.%`)]))));
            }),
        ),
      );
    }
    if (f.hasCode) {
      q = q.where((outer) => outer.exists(outer.selectFrom('paper_links as l').select('l.paper_id').whereRef('l.paper_id', '=', 'p.id').where('l.kind', '=', 'code')));
    }
    for (const row of await q.execute()) passing.add(row.id);
  }
  return passing;
}

/** Publication date (ISO) of each key that is a catalog paper, for "newest first" orderings. */
export async function publishedDates(store: Store, keys: readonly string[]): Promise<Map<string, string>> {
  const dates = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await store.db.selectFrom('papers').select(['id', 'published_at']).where('id', 'in', keys.slice(i, i + 500)).execute();
    for (const r of rows) dates.set(r.id, r.published_at ?? '');
  }
  return dates;
}
