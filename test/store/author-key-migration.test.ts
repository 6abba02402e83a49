// Migration 0005 keys the author rows that were stored before it; writers key new rows themselves.
import { Migrator, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import { migrateToLatest, openStore } from '../../src/store/db.js';
import { migrations } from '../../src/store/migrations/index.js';
import { upsertPapersBulk } from '../../src/store/papers-bulk.js';
import { upsertPapers } from '../../src/store/papers-write.js';
import { DIALECTS, freshTarget } from '../support/dialects.js';

for (const dialect of DIALECTS) {
  describe(`author name keys [${dialect}]`, () => {
    it('backfills existing author rows and is set by both writers', async () => {
      const store = openStore(await freshTarget(dialect));
      try {
        const before = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
        expect((await before.migrateTo('0004-keyword-index')).error).toBeUndefined();
        const now = new Date().toISOString();
        await store.db.insertInto('papers').values({ id: '2601.00001', title: 't', abstract: 'a', withdrawn: 0, content_hash: 'h', created_at: now, modified_at: now }).execute();
        // Rows as the writers stored them before 0005: no key column yet.
        const raw = store.db as unknown as Kysely<{ paper_authors: { paper_id: string; position: number; name: string } }>;
        await raw
          .insertInto('paper_authors')
          .values(['Aleksander Mądry', 'Chen chen', 'Éric  de la Clergerie'].map((name, position) => ({ paper_id: '2601.00001', position, name })))
          .execute();
        await migrateToLatest(store);
        const keys = await store.db.selectFrom('paper_authors').select(['name', 'name_key']).orderBy('position').execute();
        expect(keys.map((k) => k.name_key)).toEqual(['aleksander madry', 'chen chen', 'eric de la clergerie']);

        await upsertPapers(store.db, [{ id: arxivIdOrThrow('2601.00002'), title: 't', abstract: 'a', authors: ['Bernhard Schölkopf'] }]);
        await upsertPapersBulk(store, [{ id: arxivIdOrThrow('2601.00003'), title: 't', abstract: 'a', authors: ['ŁUKASZ Kaiser'] }], null);
        const written = await store.db.selectFrom('paper_authors').select('name_key').where('paper_id', 'in', ['2601.00002', '2601.00003']).orderBy('paper_id').execute();
        expect(written.map((r) => r.name_key)).toEqual(['bernhard scholkopf', 'lukasz kaiser']);
      } finally {
        await store.close();
      }
    });
  });
}
