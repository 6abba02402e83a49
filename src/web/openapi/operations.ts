// Every JSON endpoint of the site, for the OpenAPI document (document.ts) and the /api/docs page:
// the Fastify routes it serves, its parameters and bodies (the routes' own zod schemas), its answer
// (schemas.ts) and who may call it; account-operations.ts has the account side. test/web/openapi.route.test.ts fails when a /api route of the
// app is missing here, so a new endpoint must be described to pass.
import { z } from 'zod';
import { AuthorParams, AuthorQuery } from '../routes/authors/schema.js';
import { CategoryParams, CategoryQuery } from '../routes/categories/schema.js';
import { ClaimBody, ClaimParams } from '../routes/claims/schema.js';
import { CommentParams, DeleteCommentBody, EditCommentBody, MyCommentsQuery, NewCommentBody } from '../routes/comments/schema.js';
import { DailyPapersQuery, DayPageQuery, MonthParam, PeriodPageQuery, WeekParam } from '../routes/daily/schema.js';
import { FlagBody, ModerateBody } from '../routes/moderation/schema.js';
import { NewQuery } from '../routes/new/schema.js';
import { PaperIdText } from '../routes/paper-id-params.js';
import { SimilarQuery } from '../routes/papers/route.js';
import { ApiSearchQuery, HfSearchQuery } from '../routes/search/schema.js';
import { TrendingQuery } from '../routes/trending/schema.js';
import { UserParams } from '../routes/users/schema.js';
import { MyVotesQuery, VoteFormBody } from '../routes/votes/schema.js';
import { ACCOUNT_OPERATIONS } from './account-operations.js';
import type { ApiOperation } from './operation.js';
import * as S from './schemas.js';

export type { ApiOperation, Auth } from './operation.js';

const Id = z.object({ id: PaperIdText.describe('arXiv id without version (2608.19880); old-style ids use two segments: hep-th/9901001') });
const OLD_STYLE = 'Old-style ids keep their slash: the path then has two segments (/hep-th/9901001/…).';
/** A path with a paper id in Fastify's two forms. */
const paperRoutes = (before: string, after: string) => [`${before}/:id${after}`, `${before}/:archive/:number${after}`];

const listing = (op: Omit<ApiOperation, 'method' | 'auth' | 'errors' | 'conditional'> & { errors?: readonly number[] }): ApiOperation => ({
  method: 'get',
  auth: 'none',
  conditional: true,
  ...op,
  errors: op.errors ?? [400],
});

export const OPERATIONS: readonly ApiOperation[] = [
  // Hugging Face-compatible
  listing({
    path: '/api/daily_papers',
    routes: ['/api/daily_papers'],
    tag: 'Hugging Face compatible',
    summary: 'Daily papers, as huggingface.co/api/daily_papers answers',
    description: 'At most one of date, week, month; without any, the latest featured day.',
    query: DailyPapersQuery,
    ok: { status: 200, schema: S.HfDailyList },
  }),
  listing({
    path: '/api/papers/{id}',
    routes: ['/api/papers/*'],
    tag: 'Hugging Face compatible',
    summary: 'One paper, as huggingface.co/api/papers/<id> answers',
    description: `A versioned id redirects (301) to the paper. ${OLD_STYLE}`,
    params: Id,
    ok: { status: 200, schema: S.PaperPage },
    errors: [400, 404],
  }),
  listing({
    path: '/api/papers/search',
    routes: ['/api/papers/search'],
    tag: 'Hugging Face compatible',
    summary: 'Search, as huggingface.co/api/papers/search answers',
    description: 'A pasted arXiv id or URL answers with that paper alone.',
    query: HfSearchQuery,
    ok: { status: 200, schema: S.HfSearchList },
    errors: [400, 501],
  }),
  // Listings (the JSON twins of the pages)
  listing({ path: '/api/papers', routes: ['/api/papers'], tag: 'Listings', summary: 'The daily page: papers featured on a day', query: DayPageQuery, ok: { status: 200, schema: S.PeriodFeed } }),
  listing({
    path: '/api/papers/week/{key}',
    routes: ['/api/papers/week/:key'],
    tag: 'Listings',
    summary: 'Papers featured in an ISO week',
    params: z.object({ key: WeekParam.describe('ISO week, 2026-W34') }),
    query: PeriodPageQuery,
    ok: { status: 200, schema: S.PeriodFeed },
  }),
  listing({
    path: '/api/papers/month/{key}',
    routes: ['/api/papers/month/:key'],
    tag: 'Listings',
    summary: 'Papers featured in a month',
    params: z.object({ key: MonthParam.describe('month, 2026-08') }),
    query: PeriodPageQuery,
    ok: { status: 200, schema: S.PeriodFeed },
  }),
  listing({ path: '/api/new', routes: ['/api/new'], tag: 'Listings', summary: "One day's new arXiv announcements by category", query: NewQuery, ok: { status: 200, schema: S.NewListing } }),
  listing({ path: '/api/trending', routes: ['/api/trending'], tag: 'Listings', summary: 'Trending papers of a window', query: TrendingQuery, ok: { status: 200, schema: S.TrendingListing } }),
  listing({
    path: '/api/authors/{name}',
    routes: ['/api/authors/:name'],
    tag: 'Listings',
    summary: "An author's papers, newest first",
    params: AuthorParams,
    query: AuthorQuery,
    ok: { status: 200, schema: S.AuthorListing },
    errors: [400, 404],
  }),
  listing({
    path: '/api/categories/{cat}',
    routes: ['/api/categories/:cat'],
    tag: 'Listings',
    summary: 'The papers of a category or archive, newest first',
    description: 'A category whose case is off (cs.lg) redirects (301) to arXiv spelling.',
    params: CategoryParams,
    query: CategoryQuery,
    ok: { status: 200, schema: S.CategoryListing },
    errors: [400, 404],
  }),
  listing({
    path: '/api/users/{who}',
    routes: ['/api/users/:who'],
    tag: 'Listings',
    summary: "A reader's public profile, by id or display name",
    params: UserParams,
    ok: { status: 200, schema: S.UserProfile },
    errors: [400, 404],
  }),
  // Search and papers
  listing({
    path: '/api/search',
    routes: ['/api/search'],
    tag: 'Search',
    summary: 'Search the catalog (hybrid, keyword or semantic)',
    description: 'A pasted arXiv id or URL of a paper in the catalog redirects (302) to /api/papers/<id>.',
    query: ApiSearchQuery,
    ok: { status: 200, schema: S.SearchResults },
    errors: [400, 501],
  }),
  listing({
    path: '/api/papers/{id}/similar',
    routes: ['/api/papers/*'],
    tag: 'Papers',
    summary: 'Papers nearest in meaning to a paper',
    description: OLD_STYLE,
    params: Id,
    query: SimilarQuery,
    ok: { status: 200, schema: S.SimilarPapers },
    errors: [400, 404],
  }),
  listing({
    path: '/api/papers/{id}/comments',
    routes: ['/api/papers/*'],
    tag: 'Comments',
    summary: "A paper's comments, nested",
    description: OLD_STYLE,
    params: Id,
    ok: { status: 200, schema: S.CommentThread },
    errors: [400, 404],
  }),
  // Votes
  ...(['vote', 'unvote'] as const).map(
    (action): ApiOperation => ({
      method: 'post',
      path: `/api/papers/{id}/${action}`,
      routes: paperRoutes('/api/papers', `/${action}`),
      tag: 'Votes',
      summary: action === 'vote' ? 'Vote for a paper (voting twice is one vote)' : 'Take back a vote',
      description: `Needs a confirmed address. New accounts may cast 50 votes a day (429 with Retry-After). ${OLD_STYLE}`,
      params: Id,
      body: VoteFormBody,
      auth: { token: 'vote' },
      ok: { status: 200, schema: S.VoteState },
      errors: [400, 401, 403, 404, 429],
    }),
  ),
  {
    method: 'get',
    path: '/api/me/votes',
    routes: ['/api/me/votes'],
    tag: 'Votes',
    summary: 'Which of these papers the reader voted for',
    query: MyVotesQuery,
    auth: 'reader',
    ok: { status: 200, schema: S.MyVotes },
    errors: [400],
  },
  // Comments
  {
    method: 'post',
    path: '/api/papers/{id}/comments',
    routes: paperRoutes('/api/papers', '/comments'),
    tag: 'Comments',
    summary: 'Comment on a paper, or reply (parent)',
    description: `Markdown; needs a confirmed address. ${OLD_STYLE}`,
    params: Id,
    body: NewCommentBody,
    auth: { token: 'comment' },
    ok: { status: 200, schema: S.Comment },
    errors: [400, 401, 403, 404, 429],
  },
  {
    method: 'post',
    path: '/api/comments/{cid}/edit',
    routes: ['/api/comments/:cid/edit'],
    tag: 'Comments',
    summary: 'Edit one of your comments',
    params: CommentParams,
    body: EditCommentBody,
    auth: { token: 'comment' },
    ok: { status: 200, schema: S.Comment },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/comments/{cid}/delete',
    routes: ['/api/comments/:cid/delete'],
    tag: 'Comments',
    summary: 'Delete one of your comments (one with replies stays as [deleted])',
    params: CommentParams,
    body: DeleteCommentBody,
    auth: { token: 'comment' },
    ok: { status: 200, schema: S.CommentDeleted },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'get',
    path: '/api/me/comments',
    routes: ['/api/me/comments'],
    tag: 'Comments',
    summary: "Which comments on a paper are the reader's",
    query: MyCommentsQuery,
    auth: 'reader',
    ok: { status: 200, schema: S.MyComments },
    errors: [400],
  },
  // Moderation
  {
    method: 'post',
    path: '/api/comments/{cid}/flag',
    routes: ['/api/comments/:cid/flag'],
    tag: 'Moderation',
    summary: 'Flag a comment for moderators',
    params: CommentParams,
    body: FlagBody,
    auth: 'session',
    ok: { status: 200, schema: S.FlagResult },
    errors: [400, 401, 403, 404],
  },
  {
    method: 'post',
    path: '/api/papers/{id}/flag',
    routes: paperRoutes('/api/papers', '/flag'),
    tag: 'Moderation',
    summary: 'Flag a paper for moderators',
    description: OLD_STYLE,
    params: Id,
    body: FlagBody,
    auth: 'session',
    ok: { status: 200, schema: S.FlagResult },
    errors: [400, 401, 403, 404],
  },
  ...(['hide', 'restore'] as const).flatMap((action): ApiOperation[] => [
    {
      method: 'post',
      path: `/api/moderation/comments/{cid}/${action}`,
      routes: [`/api/moderation/comments/:cid/${action}`],
      tag: 'Moderation',
      summary: `${action === 'hide' ? 'Hide' : 'Restore'} a comment (moderators; the reason is shown and logged)`,
      params: CommentParams,
      body: ModerateBody,
      auth: 'session',
      ok: { status: 200, schema: S.HideResult },
      errors: [400, 401, 403, 404],
    },
    {
      method: 'post',
      path: `/api/moderation/papers/{id}/${action}`,
      routes: paperRoutes('/api/moderation/papers', `/${action}`),
      tag: 'Moderation',
      summary: `${action === 'hide' ? 'Hide' : 'Restore'} a paper (moderators)`,
      description: OLD_STYLE,
      params: Id,
      body: ModerateBody,
      auth: 'session',
      ok: { status: 200, schema: S.HideResult },
      errors: [400, 401, 403, 404],
    },
  ]),
  {
    method: 'post',
    path: '/api/papers/{id}/claim',
    routes: paperRoutes('/api/papers', '/claim'),
    tag: 'Moderation',
    summary: 'Claim authorship of a paper (moderators approve or reject it)',
    description: `Needs a confirmed address. ${OLD_STYLE}`,
    params: Id,
    body: ClaimBody,
    auth: 'session',
    ok: { status: 201, schema: S.ClaimMade },
    errors: [400, 401, 403, 404, 409, 429],
  },
  ...(['approve', 'reject'] as const).map(
    (action): ApiOperation => ({
      method: 'post',
      path: `/api/moderation/claims/{claim}/${action}`,
      routes: [`/api/moderation/claims/:claim/${action}`],
      tag: 'Moderation',
      summary: `${action === 'approve' ? 'Approve' : 'Reject'} an authorship claim (moderators; with a reason)`,
      params: ClaimParams,
      body: ModerateBody,
      auth: 'session',
      ok: { status: 200, schema: S.Claim },
      errors: [400, 401, 403, 404, 409],
    }),
  ),
  {
    method: 'get',
    path: '/api/moderation',
    routes: ['/api/moderation'],
    tag: 'Moderation',
    summary: 'Open flags and the audit log (moderators)',
    auth: 'session',
    ok: { status: 200, schema: S.ModerationQueue },
    errors: [401, 403],
  },
  ...ACCOUNT_OPERATIONS,
];
