// Use-case: a reader submits an arXiv paper (an id, a versioned id, an old-style id or an
// abs/pdf/html URL) to today's daily page (the UTC day of ctx.now), credited to them. A paper in
// the catalog is used as it is; any other is fetched through the arXiv client, when this site has
// one (PAPERBOY_CONTACT_EMAIL set; offline installs accept catalog papers only). A paper already
// on any daily page is refused with where it is (409); the same reader submitting the same paper
// again gets the same answer (idempotent). New accounts may submit
// NEW_ACCOUNT_SUBMISSIONS_FIRST_DAY papers in their first SUBMISSION_LIMIT_HOURS (429). Every
// interface (the form, the JSON route, API tokens) calls this one command.
import { parseArxivReference, type ArxivId, type ParsedArxivId } from '../domain/arxiv-id.js';
import { AppError, RateLimited, badRequest, forbidden, notFound, unavailable } from '../domain/errors.js';
import { RATE_LIMIT_ACTIONS, retryAfterSeconds } from '../domain/rate-limits.js';
import { NEW_ACCOUNT_SUBMISSIONS_FIRST_DAY, SUBMISSION_LIMIT_HOURS, isNewAccount } from '../domain/new-account.js';
import type { Paper } from '../domain/paper.js';
import { dayOf, type Day } from '../domain/period.js';
import type { LookupResult } from '../ingest/arxiv-client.js';
import type { Store } from '../store/db.js';
import { paperHiddenReason } from '../store/moderation.js';
import { findPaper } from '../store/papers-read.js';
import { upsertPapers } from '../store/papers-write.js';
import { countRateLimitHits, type RateLimit } from '../store/rate-limits.js';
import { existingEntry, insertSubmission } from '../store/submissions.js';
import { userCreatedAt } from '../store/votes.js';

/** Longest text accepted as a paper reference (an arXiv URL with a query is well under this). */
export const MAX_REFERENCE_CHARS = 500;

const MS_PER_HOUR = 3_600_000;

/** What fetches papers that are not in the catalog yet (the process's ArxivClient). */
export interface PaperLookup {
  lookup(ids: readonly ParsedArxivId[]): Promise<LookupResult>;
}

export interface SubmitContext {
  readonly store: Store;
  readonly now: () => Date;
  /** config.newAccountHours. */
  readonly newAccountHours: number;
  /** null: this site never contacts arXiv (no contact address configured). */
  readonly arxiv: PaperLookup | null;
}

export interface Submitter {
  readonly userId: number;
  readonly emailVerified: boolean;
}

export interface Submission {
  readonly paper: Paper;
  /** The day whose page lists it. */
  readonly day: Day;
  /** False when this reader had already submitted it (nothing changed). */
  readonly created: boolean;
  /** True when the paper was fetched from arXiv for this submission. */
  readonly fetched: boolean;
}

/** 409: the paper is already on a daily page; `day` is the first one. */
export class AlreadyFeatured extends AppError {
  constructor(
    readonly paperId: ArxivId,
    readonly day: Day,
  ) {
    super('conflict', `Paper ${paperId} is already on the daily page of ${day}.`);
  }
}

/** The paper (and version, when named) a submitted text names; 400 when it names none. */
export function parseSubmittedReferenceOrThrow(text: string): ParsedArxivId {
  const parsed = parseArxivReference(text.slice(0, MAX_REFERENCE_CHARS));
  if (!parsed) {
    throw badRequest(
      `"${text.trim().slice(0, 80)}" is not an arXiv id or arXiv URL. Paste an id such as 2608.19880, 2608.19880v2 or hep-th/9901001, or a link such as https://arxiv.org/abs/2608.19880.`,
    );
  }
  return parsed;
}

interface FirstDayLimit {
  readonly limit: RateLimit;
  /** When the account's first day ends (ISO), and with it the limit. */
  readonly until: string;
}

/**
 * The new-account limit in force for this user now, or null. Within the account's first
 * SUBMISSION_LIMIT_HOURS a rolling window of that length holds every submission it ever made, so
 * the shared rolling-window limiter counts exactly "on its first day".
 */
async function limitFor(ctx: SubmitContext, userId: number, now: Date): Promise<FirstDayLimit | null> {
  if (ctx.newAccountHours <= 0) return null;
  const createdAt = await userCreatedAt(ctx.store.db, userId);
  if (createdAt === undefined || !isNewAccount(createdAt, now, ctx.newAccountHours)) return null;
  const until = Date.parse(createdAt) + SUBMISSION_LIMIT_HOURS * MS_PER_HOUR;
  if (now.getTime() >= until) return null;
  return {
    limit: { action: RATE_LIMIT_ACTIONS.submit, subject: String(userId), limit: NEW_ACCOUNT_SUBMISSIONS_FIRST_DAY, windowMs: SUBMISSION_LIMIT_HOURS * MS_PER_HOUR },
    until: new Date(until).toISOString(),
  };
}

/** 429 until the earlier of: the window freeing a hit, the end of the account's first day. */
function limited(retryAt: string, first: FirstDayLimit, now: Date): RateLimited {
  const seconds = retryAfterSeconds(retryAt < first.until ? retryAt : first.until, now);
  return new RateLimited(
    `New accounts can submit ${NEW_ACCOUNT_SUBMISSIONS_FIRST_DAY} papers in their first ${SUBMISSION_LIMIT_HOURS} hours. You can submit again in ${Math.ceil(seconds / 60)} minutes.`,
    seconds,
  );
}

/** The paper from the catalog, or fetched from arXiv into it. */
async function catalogPaperOrFetch(ctx: SubmitContext, ref: ParsedArxivId, beforeFetch: () => Promise<void>): Promise<{ paper: Paper; fetched: boolean }> {
  const id = ref.id;
  const known = await findPaper(ctx.store.db, id);
  if (known) return { paper: known, fetched: false };
  if (!ctx.arxiv) {
    throw notFound(
      `Paper ${id} is not in this catalog, and this site does not fetch papers from arXiv (its operator has not set an arXiv contact address), so only papers already in the catalog can be submitted.`,
    );
  }
  await beforeFetch();
  let result: LookupResult;
  try {
    // A named version is asked for as such (its metadata); the catalog keeps the paper by its id.
    result = await ctx.arxiv.lookup([ref]);
  } catch {
    throw unavailable(`arXiv could not be reached to fetch paper ${id}. Try again in a few minutes.`);
  }
  const record = result.papers.find((p) => p.id === id);
  if (!record) throw notFound(`arXiv has no paper ${id}.`);
  await upsertPapers(ctx.store.db, [record], ctx.now());
  const paper = await findPaper(ctx.store.db, id);
  if (!paper) throw new Error(`paper ${id} vanished after it was fetched`);
  return { paper, fetched: true };
}

export async function submitPaperOrThrow(ctx: SubmitContext, who: Submitter, reference: string): Promise<Submission> {
  const ref = parseSubmittedReferenceOrThrow(reference);
  const id = ref.id;
  if (!who.emailVerified) throw forbidden('Confirm your e-mail address before submitting papers: the link is in the mail we sent (your account page can send a new one).');
  const now = ctx.now();
  const first = await limitFor(ctx, who.userId, now);
  // A limited account is refused before it can make this site ask arXiv for anything.
  const checkLimit = async () => {
    if (!first) return;
    const { action, subject, windowMs, limit } = first.limit;
    if ((await countRateLimitHits(ctx.store.db, action, subject, now, windowMs)) >= limit) throw limited(first.until, first, now);
  };
  const { paper, fetched } = await catalogPaperOrFetch(ctx, ref, checkLimit);
  const hidden = await paperHiddenReason(ctx.store.db, id);
  if (hidden !== undefined) throw notFound(`Moderators hid paper ${id}: ${hidden}`);
  if (paper.withdrawn) throw badRequest(`arXiv lists paper ${id} as withdrawn; withdrawn papers are not shown on daily pages.`);
  // Already there: answered before the limit, so resubmitting at the limit is not a 429.
  const outcome =
    (await existingEntry(ctx.store.db, id, who.userId)) ??
    (await insertSubmission(ctx.store, { paperId: id, userId: who.userId, day: dayOf(now), at: now }, first?.limit ?? null));
  switch (outcome.kind) {
    case 'submitted':
      return { paper, day: outcome.day, created: true, fetched };
    case 'already':
      return { paper, day: outcome.day, created: false, fetched };
    case 'duplicate':
      throw new AlreadyFeatured(id, outcome.day);
    case 'limited':
      if (!first) throw new Error('limited without a limit');
      throw limited(outcome.retryAt, first, now);
  }
}
