// Every JSON endpoint of the site, for the OpenAPI document (document.ts) and the /api/docs page:
// the Fastify routes it serves, its parameters and bodies (the routes' own zod schemas), its answer
// (schemas.ts) and who may call it. test/web/openapi.route.test.ts fails when a /api route of the
// app is missing here, so a new endpoint must be described to pass.
import { z } from 'zod';
import type { ApiScope } from '../../domain/api-token.js';
import { ChangeEmailBody, ChangePasswordBody, CreateApiTokenFields, DeleteAccountBody, EmptyBody, ForgotPasswordBody, LogInBody, ResetPasswordBody, SignUpBody, TokenBody, ApiTokenParams } from '../routes/account/schema.js';
import { AuthorParams, AuthorQuery } from '../routes/authors/schema.js';
import { CategoryParams, CategoryQuery } from '../routes/categories/schema.js';
import { CommentParams, DeleteCommentBody, EditCommentBody, MyCommentsQuery, NewCommentBody } from '../routes/comments/schema.js';
import { DailyPapersQuery, DayPageQuery, MonthParam, PeriodPageQuery, WeekParam } from '../routes/daily/schema.js';
import { DigestPreviewQuery } from '../routes/digest/schema.js';
import { FlagBody, ModerateBody } from '../routes/moderation/schema.js';
import { NewQuery } from '../routes/new/schema.js';
import { PaperIdText } from '../routes/paper-id-params.js';
import { SimilarQuery } from '../routes/papers/route.js';
import { ApiSearchQuery, HfSearchQuery } from '../routes/search/schema.js';
import { SubmitBody } from '../routes/submit/schema.js';
import { LinkToken, OneClickBody, PreferencesBody, SubscribeBody } from '../routes/subscriptions/schema.js';
import { TrendingQuery } from '../routes/trending/schema.js';
import { MyVotesQuery, VoteFormBody } from '../routes/votes/schema.js';
import * as S from './schemas.js';

/**
 * none: anyone; reader: anyone, the answer depends on the session cookie if sent; session: a
 * session cookie (and, for writes, its CSRF token in x-csrf-token and this site's Origin); public:
 * a write anyone may make from this site's pages (a foreign Origin is refused); token: a session
 * as above, or `Authorization: Bearer` with a personal API token holding the scope.
 */
export type Auth = 'none' | 'reader' | 'session' | 'public' | { readonly token: ApiScope };

export interface ApiOperation {
  readonly method: 'get' | 'post';
  /** The OpenAPI path ({param}). */
  readonly path: string;
  /** The app's routes (Fastify patterns) this operation is served by. */
  readonly routes: readonly string[];
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly auth: Auth;
  /** The success status and schema (null: no JSON body); `type` when the answer is not JSON. */
  readonly ok: { readonly status: number; readonly schema: z.ZodType | null; readonly type?: string };
  readonly errors: readonly number[];
  /** Error answers whose body is not the plain Error shape. */
  readonly errorSchemas?: Readonly<Record<number, z.ZodType>>;
  /** Answers carry ETag and Last-Modified and honour If-None-Match / If-Modified-Since (304). */
  readonly conditional?: boolean;
}

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
    ok: { status: 200, schema: S.HfPaper },
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
    method: 'get',
    path: '/api/moderation',
    routes: ['/api/moderation'],
    tag: 'Moderation',
    summary: 'Open flags and the audit log (moderators)',
    auth: 'session',
    ok: { status: 200, schema: S.ModerationQueue },
    errors: [401, 403],
  },
  // Account
  ...(
    [
      ['/api/signup', 'Sign up (a link to confirm the address is mailed)', SignUpBody, 'public'],
      ['/api/login', 'Log in (sets the session cookie; answers the CSRF token)', LogInBody, 'public'],
      ['/api/logout', 'Log out', EmptyBody, 'session'],
      ['/api/verify-email', 'Confirm the address with the mailed token', TokenBody, 'public'],
      ['/api/forgot-password', 'Mail a password-reset link', ForgotPasswordBody, 'public'],
      ['/api/reset-password', 'Set a new password with the mailed token (ends every session)', ResetPasswordBody, 'public'],
      ['/api/account/email/confirm', 'Move the account to a new address with the mailed token', TokenBody, 'public'],
      ['/api/account/password', 'Change the password (ends other sessions; answers the new CSRF token)', ChangePasswordBody, 'session'],
      ['/api/account/email', 'Change the address (a confirmation link goes to the new one)', ChangeEmailBody, 'session'],
      ['/api/account/verification', 'Mail the verification link again', EmptyBody, 'session'],
      ['/api/account/delete', 'Delete the account', DeleteAccountBody, 'session'],
    ] as const
  ).map(
    ([path, summary, body, auth]): ApiOperation => ({
      method: 'post',
      path,
      routes: [path],
      tag: 'Account',
      summary,
      body,
      auth,
      ok: { status: 200, schema: S.Ok },
      errors: auth === 'public' ? [400, 403, 429, 503] : [400, 401, 403, 429],
    }),
  ),
  { method: 'get', path: '/api/account', routes: ['/api/account'], tag: 'Account', summary: 'The logged-in account and its CSRF token', auth: 'session', ok: { status: 200, schema: S.Account }, errors: [401] },
  // API tokens
  {
    method: 'get',
    path: '/api/account/tokens',
    routes: ['/api/account/tokens'],
    tag: 'API tokens',
    summary: 'List your API tokens',
    auth: 'session',
    ok: { status: 200, schema: S.ApiTokenList },
    errors: [401],
  },
  {
    method: 'post',
    path: '/api/account/tokens',
    routes: ['/api/account/tokens'],
    tag: 'API tokens',
    summary: 'Make an API token (the token is in this answer only)',
    body: CreateApiTokenFields,
    auth: 'session',
    ok: { status: 201, schema: S.CreatedApiToken },
    errors: [400, 401, 403],
  },
  {
    method: 'post',
    path: '/api/account/tokens/{id}/revoke',
    routes: ['/api/account/tokens/:id/revoke'],
    tag: 'API tokens',
    summary: 'Revoke an API token',
    params: ApiTokenParams,
    body: EmptyBody,
    auth: 'session',
    ok: { status: 200, schema: S.TokenRevoked },
    errors: [400, 401, 403, 404],
  },
  // Submissions
  {
    method: 'get',
    path: '/api/submit',
    routes: ['/api/submit'],
    tag: 'Submissions',
    summary: 'Whether the reader may submit, and the CSRF token',
    auth: 'reader',
    ok: { status: 200, schema: S.SubmitState },
    errors: [],
  },
  {
    method: 'post',
    path: '/api/submit',
    routes: ['/api/submit'],
    tag: 'Submissions',
    summary: "Submit a paper (an arXiv id or abs/pdf/html URL) to today's page",
    description: 'Needs a confirmed address. 201 when submitted, 200 when you had already submitted it; 409 (AlreadyFeatured) when it is on a daily page already.',
    body: SubmitBody,
    auth: { token: 'submit' },
    ok: { status: 201, schema: S.Submission },
    errors: [400, 401, 403, 404, 409, 429, 503],
    errorSchemas: { 409: S.AlreadyFeatured },
  },
  // Digest subscriptions
  {
    method: 'post',
    path: '/api/subscribe',
    routes: ['/api/subscribe'],
    tag: 'Digest subscriptions',
    summary: 'Subscribe an address to the digest (a confirmation link is mailed)',
    body: SubscribeBody,
    auth: 'public',
    ok: { status: 200, schema: S.Ok },
    errors: [400, 403, 429, 503],
  },
  {
    method: 'post',
    path: '/api/subscribe/confirm',
    routes: ['/api/subscribe/confirm'],
    tag: 'Digest subscriptions',
    summary: 'Confirm a subscription with the mailed token',
    body: TokenBody,
    auth: 'public',
    ok: { status: 200, schema: S.SubscriptionConfirmed },
    errors: [400, 403, 404],
  },
  {
    method: 'get',
    path: '/api/subscription/{token}',
    routes: ['/api/subscription/:token'],
    tag: 'Digest subscriptions',
    summary: 'A subscription, by the token of its manage link',
    params: LinkToken,
    auth: 'none',
    ok: { status: 200, schema: S.Subscription },
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/api/subscription/{token}',
    routes: ['/api/subscription/:token'],
    tag: 'Digest subscriptions',
    summary: "Change a subscription's preferences",
    params: LinkToken,
    body: PreferencesBody,
    auth: 'public',
    ok: { status: 200, schema: S.SubscriptionChanged },
    errors: [400, 403, 404],
  },
  {
    method: 'post',
    path: '/api/unsubscribe/{token}',
    routes: ['/api/unsubscribe/:token'],
    tag: 'Digest subscriptions',
    summary: 'Unsubscribe (RFC 8058 one-click: body List-Unsubscribe=One-Click)',
    description: 'Takes no cookie: the token in the path is the authority.',
    params: LinkToken,
    body: OneClickBody,
    auth: 'none',
    ok: { status: 200, schema: S.SubscriptionChanged },
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/api/account/subscription',
    routes: ['/api/account/subscription'],
    tag: 'Digest subscriptions',
    summary: "The logged-in reader's subscription",
    auth: 'session',
    ok: { status: 200, schema: S.AccountSubscription },
    errors: [401],
  },
  {
    method: 'post',
    path: '/api/account/subscription',
    routes: ['/api/account/subscription'],
    tag: 'Digest subscriptions',
    summary: "Subscribe the account's address (a confirmation link is mailed)",
    body: EmptyBody,
    auth: 'session',
    ok: { status: 200, schema: S.Ok },
    errors: [400, 401, 403, 429, 503],
  },
  // Digest and outbox
  listing({
    path: '/api/digest/preview',
    routes: ['/api/digest/preview'],
    tag: 'Digest subscriptions',
    summary: 'Preview the digest of a period',
    query: DigestPreviewQuery,
    ok: { status: 200, schema: S.DigestPreview },
  }),
  {
    method: 'get',
    path: '/api/outbox',
    routes: ['/api/outbox'],
    tag: 'Operations',
    summary: 'Mails written to the outbox folder (open on a localhost site, else admins only)',
    auth: 'session',
    ok: { status: 200, schema: S.Outbox },
    errors: [401, 403],
  },
  // This description
  { method: 'get', path: '/api/openapi.json', routes: ['/api/openapi.json'], tag: 'Documents', summary: 'This document', auth: 'none', ok: { status: 200, schema: S.OpenApiDocument }, errors: [] },
  { method: 'get', path: '/api/docs', routes: ['/api/docs'], tag: 'Documents', summary: 'This description as a page', auth: 'none', ok: { status: 200, schema: null, type: 'text/html' }, errors: [] },
];
