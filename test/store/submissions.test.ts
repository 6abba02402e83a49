// Submissions in the store (0012), on both dialects: outcomes of insertSubmission (new, the same
// reader again, a paper already on a daily page, the new-account limit), one row under concurrent
// submissions of one paper by many readers, and the index that refuses a second reader entry.
import { expect, it } from 'vitest';
import type { Day } from '../../src/domain/period.js';
import { countRateLimitHits } from '../../src/store/rate-limits.js';
import { insertSubmission } from '../../src/store/submissions.js';
import { describeEachDialect } from '../support/dialects.js';
import { addAccount, addPapers, paperId } from '../support/votes.js';

const T0 = '2026-11-30T10:00:00.000Z';
const AT = new Date(T0);
const DAY_MS = 86_400_000;
const DAY = '2026-11-30' as Day;

describeEachDialect('submissions store', (ctx) => {
  const rows = async (id: string) => ctx.store.db.selectFrom('daily_entries').select(['day', 'submitter_user_id']).where('paper_id', '=', id).execute();

  it('adds an entry once; the same reader again is "already", anyone after is a duplicate', async () => {
    await addPapers(ctx.store, [paperId(1)], null);
    await addPapers(ctx.store, [paperId(2)], '2026-11-02' as Day);
    const ann = await addAccount(ctx.store, 'ann@example.org', T0);
    const bob = await addAccount(ctx.store, 'bob@example.org', T0);
    const submit = (userId: number, n: number, day = DAY) => insertSubmission(ctx.store, { paperId: paperId(n), userId, day, at: AT }, null);
    expect(await submit(ann, 1)).toEqual({ kind: 'submitted', day: DAY });
    expect(await submit(ann, 1, '2026-12-01' as Day)).toEqual({ kind: 'already', day: DAY });
    expect(await submit(bob, 1, '2026-12-01' as Day)).toEqual({ kind: 'duplicate', day: DAY });
    expect(await submit(bob, 2)).toEqual({ kind: 'duplicate', day: '2026-11-02' });
    expect(await rows(paperId(1))).toEqual([{ day: DAY, submitter_user_id: ann }]);
    expect(await rows(paperId(2))).toEqual([{ day: '2026-11-02', submitter_user_id: null }]);
    // Whatever path writes it, a second reader entry for one paper is refused by the index.
    await expect(
      ctx.store.db.insertInto('daily_entries').values({ day: '2026-12-02', paper_id: paperId(1), submitter_user_id: bob, source_id: null, created_at: T0 }).execute(),
    ).rejects.toThrow();
  });

  it('counts only new entries against the limit (rate_limit_hits) and refuses past it, with when it frees', async () => {
    await addPapers(ctx.store, [1, 2, 3].map(paperId), null);
    const ann = await addAccount(ctx.store, 'ann@example.org', T0);
    const limit = { action: 'submit', subject: String(ann), limit: 2, windowMs: DAY_MS };
    const submit = (n: number) => insertSubmission(ctx.store, { paperId: paperId(n), userId: ann, day: DAY, at: AT }, limit);
    expect((await submit(1)).kind).toBe('submitted');
    expect((await submit(1)).kind).toBe('already');
    expect((await submit(2)).kind).toBe('submitted');
    expect(await submit(3)).toEqual({ kind: 'limited', retryAt: '2026-12-01T10:00:00.000Z' });
    expect(await countRateLimitHits(ctx.store.db, 'submit', String(ann), AT, DAY_MS)).toBe(2);
    expect(await rows(paperId(3))).toEqual([]);
  });

  it('leaves one row when many readers submit one paper at once', async () => {
    await addPapers(ctx.store, [paperId(1)], null);
    const users = await Promise.all(Array.from({ length: 8 }, (_, i) => addAccount(ctx.store, `u${i}@example.org`, T0)));
    const outcomes = await Promise.all(users.map((userId) => insertSubmission(ctx.store, { paperId: paperId(1), userId, day: DAY, at: AT }, null)));
    expect(outcomes.filter((o) => o.kind === 'submitted')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'duplicate')).toHaveLength(users.length - 1);
    expect(await rows(paperId(1))).toHaveLength(1);
  });
});
