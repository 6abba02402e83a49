// Votes in the store and the vote commands (0008), on both dialects: one row per user and paper,
// local counts always equal to the rows (a fast-check model against a Map), the votes that count
// toward trending, and the new-account vote limit kept in the database.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { castVote, myVotes, removeVote, type VoteContext } from '../../src/commands/cast-vote.js';
import type { ArxivId } from '../../src/domain/arxiv-id.js';
import type { Day } from '../../src/domain/period.js';
import { RateLimited } from '../../src/domain/errors.js';
import { NEW_ACCOUNT_VOTES_PER_WINDOW } from '../../src/domain/new-account.js';
import type { Store } from '../../src/store/db.js';
import { loadPapers } from '../../src/store/papers-read.js';
import { countVotes, countedVotesFor, deleteVote, insertVote, votedAmong } from '../../src/store/votes.js';
import { describeEachDialect } from '../support/dialects.js';
import { addAccount, addPapers, paperId } from '../support/votes.js';

const T0 = '2026-11-30T10:00:00.000Z';
const HOUR = 3_600_000;
const hoursAfter = (iso: string, h: number) => new Date(Date.parse(iso) + h * HOUR).toISOString();

async function rowCount(store: Store, id: ArxivId): Promise<number> {
  const rows = await store.db.selectFrom('votes').select('user_id').where('paper_id', '=', id).execute();
  return rows.length;
}

describeEachDialect('votes store', (ctx) => {
  it('keeps one row per user and paper; a second vote or a missing unvote changes nothing', async () => {
    const [a, b] = [paperId(1), paperId(2)];
    await addPapers(ctx.store, [a, b], null);
    const ann = await addAccount(ctx.store, 'ann@example.org', T0);
    const bob = await addAccount(ctx.store, 'bob@example.org', T0);
    expect(await insertVote(ctx.store.db, a, ann, T0)).toBe(true);
    expect(await insertVote(ctx.store.db, a, ann, T0)).toBe(false);
    expect(await insertVote(ctx.store.db, a, bob, T0)).toBe(true);
    expect(await countVotes(ctx.store.db, a)).toBe(2);
    expect(await rowCount(ctx.store, a)).toBe(2);
    expect([...(await votedAmong(ctx.store.db, ann, [a, b]))]).toEqual([a]);
    expect(await deleteVote(ctx.store.db, a, ann)).toBe(true);
    expect(await deleteVote(ctx.store.db, a, ann)).toBe(false);
    expect((await loadPapers(ctx.store.db, [a, b])).get(a)?.localVotes).toBe(1);
    expect((await loadPapers(ctx.store.db, [a, b])).get(b)?.localVotes).toBe(0);
    // The primary key refuses a duplicate whatever path writes it.
    await expect(ctx.store.db.insertInto('votes').values({ paper_id: b, user_id: bob, created_at: T0 }).execute()).resolves.toBeDefined();
    await expect(ctx.store.db.insertInto('votes').values({ paper_id: b, user_id: bob, created_at: T0 }).execute()).rejects.toThrow();
  });

  it('model: random vote/unvote sequences by several users keep every count equal to the rows and to a Map', async () => {
    const papers = [paperId(1), paperId(2), paperId(3)];
    await addPapers(ctx.store, papers, '2026-11-30' as Day);
    // Two aged accounts and two new ones; with newAccountHours = 72 the new ones take the
    // rate-limited path (a transaction with the limit check), so both write paths are modelled.
    const users = [
      await addAccount(ctx.store, 'u0@example.org', hoursAfter(T0, -1000)),
      await addAccount(ctx.store, 'u1@example.org', hoursAfter(T0, -1000)),
      await addAccount(ctx.store, 'u2@example.org', hoursAfter(T0, -1)),
      await addAccount(ctx.store, 'u3@example.org', hoursAfter(T0, -1)),
    ];
    const step = fc.record({ user: fc.nat(users.length - 1), paper: fc.nat(papers.length - 1), op: fc.constantFrom('vote' as const, 'unvote' as const) });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 30 }), fc.constantFrom(0, 72), async (steps, newAccountHours) => {
        await ctx.store.db.deleteFrom('votes').execute();
        await ctx.store.db.deleteFrom('rate_limit_hits').execute();
        const vctx: VoteContext = { store: ctx.store, now: () => new Date(T0), newAccountHours };
        const model = new Map<ArxivId, Set<number>>(papers.map((p) => [p, new Set<number>()]));
        for (const s of steps) {
          const id = papers[s.paper] as ArxivId;
          const userId = users[s.user] as number;
          const voters = model.get(id) ?? new Set<number>();
          const state = s.op === 'vote' ? await castVote(vctx, { userId, emailVerified: true }, id) : await removeVote(vctx, { userId, emailVerified: true }, id);
          if (s.op === 'vote') voters.add(userId);
          else voters.delete(userId);
          expect(state).toEqual({ paperId: id, voted: s.op === 'vote', votes: voters.size });
        }
        const loaded = await loadPapers(ctx.store.db, papers);
        for (const id of papers) {
          const expected = model.get(id)?.size ?? 0;
          expect(await rowCount(ctx.store, id)).toBe(expected);
          expect(loaded.get(id)?.localVotes).toBe(expected);
        }
        for (const userId of users) {
          expect(await myVotes(ctx.store, userId, papers)).toEqual(papers.filter((p) => model.get(p)?.has(userId)));
        }
      }),
      { numRuns: 50 },
    );
  });

  it('counts toward trending only the votes cast once the account was old enough (to the millisecond)', async () => {
    const [a, b] = [paperId(1), paperId(2)];
    await addPapers(ctx.store, [a, b], null);
    const old = await addAccount(ctx.store, 'old@example.org', T0);
    const young = await addAccount(ctx.store, 'young@example.org', hoursAfter(T0, 1));
    const votedAt = hoursAfter(T0, 72); // `old` is exactly 72 h old, `young` 71 h
    await insertVote(ctx.store.db, a, old, votedAt);
    await insertVote(ctx.store.db, a, young, votedAt);
    await insertVote(ctx.store.db, b, young, hoursAfter(T0, 200)); // young was old enough by then
    expect(Object.fromEntries(await countedVotesFor(ctx.store, [a, b], 72))).toEqual({ [a]: 1, [b]: 1 });
    expect(Object.fromEntries(await countedVotesFor(ctx.store, [a, b], 73))).toEqual({ [b]: 1 });
    expect(Object.fromEntries(await countedVotesFor(ctx.store, [a, b], 0))).toEqual({ [a]: 2, [b]: 1 });
    // Every vote still shows on the paper.
    expect((await loadPapers(ctx.store.db, [a])).get(a)?.localVotes).toBe(2);
  });

  it(`limits a new account to ${NEW_ACCOUNT_VOTES_PER_WINDOW} new votes in 24 hours, counted in the database`, async () => {
    const ids = Array.from({ length: NEW_ACCOUNT_VOTES_PER_WINDOW + 2 }, (_, i) => paperId(i + 1));
    await addPapers(ctx.store, ids, null);
    const ann = await addAccount(ctx.store, 'ann@example.org', T0);
    let now = hoursAfter(T0, 1);
    const vctx: VoteContext = { store: ctx.store, now: () => new Date(now), newAccountHours: 72 };
    const voter = { userId: ann, emailVerified: true };
    const first = ids[0] as ArxivId;
    for (const [i, id] of ids.slice(0, NEW_ACCOUNT_VOTES_PER_WINDOW).entries()) {
      now = hoursAfter(T0, 1 + i / 10);
      await castVote(vctx, voter, id);
    }
    // Taking a vote back does not give it back; voting again for a paper already voted for is fine.
    await removeVote(vctx, voter, first);
    await expect(castVote(vctx, voter, ids[1] as ArxivId)).resolves.toMatchObject({ voted: true, votes: 1 });
    const refused = await castVote(vctx, voter, first).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimited);
    // The oldest vote (at T0 + 1 h) leaves the window at T0 + 25 h.
    expect((refused as RateLimited).retryAfterSeconds).toBe((25 - (1 + (NEW_ACCOUNT_VOTES_PER_WINDOW - 1) / 10)) * 3600);
    expect(await countVotes(ctx.store.db, first)).toBe(0);
    now = hoursAfter(T0, 25);
    await expect(castVote(vctx, voter, first)).resolves.toMatchObject({ voted: true });
    // An account past newAccountHours is not limited.
    now = hoursAfter(T0, 73);
    await expect(castVote(vctx, voter, ids.at(-1) as ArxivId)).resolves.toMatchObject({ voted: true });
  });
});
