// Use-case: vote for a paper, take the vote back, and which papers a reader has voted for. Votes
// are idempotent (a second vote is the same one row; taking back a missing vote changes nothing).
// Voting needs a confirmed address; new accounts (config.newAccountHours) may cast at most
// NEW_ACCOUNT_VOTES_PER_WINDOW new votes in any VOTE_LIMIT_WINDOW_HOURS, counted in the database.
import type { ArxivId } from '../domain/arxiv-id.js';
import { RateLimited, forbidden, notFound } from '../domain/errors.js';
import { NEW_ACCOUNT_VOTES_PER_WINDOW, VOTE_LIMIT_WINDOW_HOURS, isNewAccount } from '../domain/new-account.js';
import type { Store } from '../store/db.js';
import { countVotes, deleteVote, insertVote, insertVoteLimited, paperExists, userCreatedAt, votedAmong } from '../store/votes.js';

export interface VoteContext {
  readonly store: Store;
  readonly now: () => Date;
  /** config.newAccountHours. */
  readonly newAccountHours: number;
}

export interface Voter {
  readonly userId: number;
  readonly emailVerified: boolean;
}

export interface VoteState {
  readonly paperId: ArxivId;
  /** Whether the voter's vote is on the paper now. */
  readonly voted: boolean;
  /** Votes cast on this site (the imported baseline is separate). */
  readonly votes: number;
}

const MS_PER_HOUR = 3_600_000;

async function existingPaperOrThrow(store: Store, paperId: ArxivId): Promise<void> {
  if (!(await paperExists(store.db, paperId))) throw notFound(`No paper ${paperId} in this catalog.`);
}

export async function castVote(ctx: VoteContext, voter: Voter, paperId: ArxivId): Promise<VoteState> {
  if (!voter.emailVerified) throw forbidden('Confirm your e-mail address before voting: the link is in the mail we sent (your account page can send a new one).');
  await existingPaperOrThrow(ctx.store, paperId);
  const now = ctx.now();
  const at = now.toISOString();
  const createdAt = ctx.newAccountHours > 0 ? await userCreatedAt(ctx.store.db, voter.userId) : undefined;
  if (createdAt !== undefined && isNewAccount(createdAt, now, ctx.newAccountHours)) {
    const windowMs = VOTE_LIMIT_WINDOW_HOURS * MS_PER_HOUR;
    const result = await insertVoteLimited(ctx.store, {
      paperId,
      userId: voter.userId,
      at,
      limit: NEW_ACCOUNT_VOTES_PER_WINDOW,
      windowStart: new Date(now.getTime() - windowMs).toISOString(),
      windowMs,
    });
    if (result.kind === 'limited') {
      const seconds = Math.max(1, Math.ceil((Date.parse(result.retryAt) - now.getTime()) / 1000));
      throw new RateLimited(
        `New accounts can cast ${NEW_ACCOUNT_VOTES_PER_WINDOW} votes in ${VOTE_LIMIT_WINDOW_HOURS} hours. You can vote again in ${Math.ceil(seconds / 60)} minutes.`,
        seconds,
      );
    }
  } else {
    await insertVote(ctx.store.db, paperId, voter.userId, at);
  }
  return { paperId, voted: true, votes: await countVotes(ctx.store.db, paperId) };
}

export async function removeVote(ctx: VoteContext, voter: Voter, paperId: ArxivId): Promise<VoteState> {
  await existingPaperOrThrow(ctx.store, paperId);
  await deleteVote(ctx.store.db, paperId, voter.userId);
  return { paperId, voted: false, votes: await countVotes(ctx.store.db, paperId) };
}

/** The voter's state on one paper (for the vote page). */
export async function voteStateOrThrow(store: Store, userId: number, paperId: ArxivId): Promise<VoteState> {
  await existingPaperOrThrow(store, paperId);
  const [mine, votes] = await Promise.all([votedAmong(store.db, userId, [paperId]), countVotes(store.db, paperId)]);
  return { paperId, voted: mine.has(paperId), votes };
}

/** Which of `ids` the user has voted for, in the order given. */
export async function myVotes(store: Store, userId: number, ids: readonly ArxivId[]): Promise<ArxivId[]> {
  const voted = await votedAmong(store.db, userId, ids);
  return ids.filter((id) => voted.has(id));
}
