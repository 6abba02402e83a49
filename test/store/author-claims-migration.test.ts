// Migration 0013 on both dialects: audit-log rows written before it survive (ids and all), the log
// then takes claim decisions and still refuses unknown actions; a decision and its log row are one
// write, and paperAuthorUsers reads approved claims only.
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import { decideClaim, insertClaim } from '../../src/store/author-claims.js';
import { paperAuthorUsers } from '../../src/store/comments.js';
import { migrateToLatest, openStore } from '../../src/store/db.js';
import { migrations } from '../../src/store/migrations/index.js';
import { recentLog } from '../../src/store/moderation.js';
import { DIALECTS, freshTarget } from '../support/dialects.js';
import { addAccount, addPapers } from '../support/votes.js';

const AT = '2026-11-30T10:00:00.000Z';
const PAPER = arxivIdOrThrow('2611.00001');

for (const dialect of DIALECTS) {
  describe(`author claims migration [${dialect}]`, () => {
    it('keeps the audit log written before it and logs claim decisions after', async () => {
      const store = openStore(await freshTarget(dialect));
      try {
        const before = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } });
        expect((await before.migrateTo('0010-moderation')).error).toBeUndefined();
        await store.db
          .insertInto('moderation_log')
          .values([
            { actor_id: null, action: 'hide', target_kind: 'paper', target_id: '2611.00009', reason: 'spam', created_at: AT },
            { actor_id: null, action: 'restore', target_kind: 'paper', target_id: '2611.00009', reason: 'fine', created_at: AT },
          ])
          .execute();
        const old = await store.db.selectFrom('moderation_log').selectAll().orderBy('id').execute();
        await migrateToLatest(store);
        expect(await store.db.selectFrom('moderation_log').selectAll().orderBy('id').execute()).toEqual(old);

        await addPapers(store, [PAPER], null);
        const ann = await addAccount(store, 'ann@example.org', AT);
        const bob = await addAccount(store, 'bob@example.org', AT);
        const first = await insertClaim(store.db, { paperId: PAPER, userId: ann, note: '', at: AT });
        expect(first.created).toBe(true);
        expect((await insertClaim(store.db, { paperId: PAPER, userId: ann, note: 'again', at: AT })).created).toBe(false);
        const bobs = await insertClaim(store.db, { paperId: PAPER, userId: bob, note: '', at: AT });
        expect(await paperAuthorUsers(store.db, PAPER, [ann, bob])).toEqual(new Set());
        expect((await decideClaim(store.db, first.claim.id, true, null, 'ok', AT))?.status).toBe('approved');
        expect((await decideClaim(store.db, bobs.claim.id, false, null, 'no', AT))?.status).toBe('rejected');
        expect(await decideClaim(store.db, 999_999, true, null, 'x', AT)).toBeUndefined();
        expect(await paperAuthorUsers(store.db, PAPER, [ann, bob])).toEqual(new Set([ann]));
        const log = await recentLog(store.db, 10);
        expect(log.map((e) => `${e.action} ${e.targetKind}`)).toEqual(['reject_claim claim', 'approve_claim claim', 'restore paper', 'hide paper']);
        expect(Math.min(...(await store.db.selectFrom('moderation_log').select('id').where('target_kind', '=', 'claim').execute()).map((r) => Number(r.id)))).toBeGreaterThan(
          Math.max(...old.map((r) => Number(r.id))),
        );
        await expect(
          store.db.insertInto('moderation_log').values({ actor_id: null, action: 'bogus' as 'hide', target_kind: 'paper', target_id: 'x', reason: 'x', created_at: AT }).execute(),
        ).rejects.toThrow();
        await expect(
          store.db.insertInto('moderation_log').values({ actor_id: null, action: 'hide', target_kind: 'bogus' as 'paper', target_id: 'x', reason: 'x', created_at: AT }).execute(),
        ).rejects.toThrow();
      } finally {
        await store.close();
      }
    });
  });
}
