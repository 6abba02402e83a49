// Harvest cursors: where each OAI-PMH harvest (format + set) stands. A page's records and the
// cursor that points past them are committed in one transaction.
import type { PaperRecord } from '../domain/paper.js';
import type { Store } from './db.js';
import { upsertPapersIn, type UpsertCounts } from './papers-write.js';

export interface HarvestCursor {
  readonly key: string;
  readonly windowFrom: string;
  readonly windowUntil: string | null;
  readonly token: string | null;
  readonly lastDatestamp: string | null;
  readonly pages: number;
  readonly records: number;
  readonly completedAt: string | null;
}

export async function loadCursor(store: Store, key: string): Promise<HarvestCursor | null> {
  const row = await store.db.selectFrom('harvest_cursors').selectAll().where('key', '=', key).executeTakeFirst();
  if (!row) return null;
  return {
    key,
    windowFrom: row.window_from,
    windowUntil: row.window_until,
    token: row.resumption_token,
    lastDatestamp: row.last_datestamp,
    pages: row.pages,
    records: row.records,
    completedAt: row.completed_at,
  };
}

/** Writes a page's papers and the cursor after it, atomically. */
export async function commitHarvestPage(store: Store, records: readonly PaperRecord[], cursor: HarvestCursor, now = new Date()): Promise<UpsertCounts> {
  const nowIso = now.toISOString();
  return store.db.transaction().execute(async (trx) => {
    const counts = await upsertPapersIn(trx, records, now);
    const values = {
      window_from: cursor.windowFrom,
      window_until: cursor.windowUntil,
      resumption_token: cursor.token,
      last_datestamp: cursor.lastDatestamp,
      pages: cursor.pages,
      records: cursor.records,
      completed_at: cursor.completedAt,
      updated_at: nowIso,
    };
    await trx
      .insertInto('harvest_cursors')
      .values({ key: cursor.key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
    return counts;
  });
}
