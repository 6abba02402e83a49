// The JSON answers of the API as zod schemas, registered under the names the OpenAPI document gives
// them (#/components/schemas/<id>). The presenters' explicit field lists are what these describe;
// test/web/openapi.route.test.ts parses real answers with them (strictly), so the document cannot
// drift from what the server sends.
import { z } from 'zod';
import { ROLES } from '../../domain/account.js';
import { API_SCOPES } from '../../domain/api-token.js';
import { ERRORS, type ErrorId } from '../../domain/errors.js';
import { DIGEST_FREQUENCIES, SUBSCRIPTION_STATUSES } from '../../domain/subscription.js';
import { TRENDING_WINDOWS } from '../../domain/ranking.js';
import { SEARCH_MODES, SEARCH_SORTS } from '../../domain/search.js';

export const schemaRegistry = z.registry<{ id: string; description?: string }>();

function named<T extends z.ZodType>(id: string, description: string, schema: T): T {
  schemaRegistry.add(schema, { id, description });
  return schema;
}

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const Timestamp = z.string().describe('ISO 8601 / RFC 3339 timestamp, UTC');

export const ErrorBody = named('Error', 'Every error: a stable id from the error catalogue and a message for people.', z.strictObject({
  error: z.enum(Object.keys(ERRORS) as [ErrorId, ...ErrorId[]]),
  message: z.string(),
}));

export const HfPaper = named('HfPaper', 'A paper in the Hugging Face paper shape (GET https://huggingface.co/api/papers/<id>), with Paperboy additions after `projectPage`.', z.strictObject({
  id: z.string().describe('arXiv id without version: 2608.19880 or hep-th/9901001'),
  authors: z.array(z.strictObject({ name: z.string(), hidden: z.boolean() })),
  publishedAt: Timestamp.nullable(),
  title: z.string(),
  summary: z.string().describe('the abstract'),
  upvotes: z.number().int().describe('HF baseline plus votes cast here'),
  ai_summary: z.string().optional(),
  ai_keywords: z.array(z.string()).optional(),
  githubRepo: z.string().optional(),
  githubStars: z.number().int().optional(),
  projectPage: z.string().optional(),
  categories: z.array(z.string()).describe('arXiv categories, primary first'),
  withdrawn: z.boolean(),
  upvotesBaseline: z.strictObject({ source: z.string(), upvotes: z.number().int(), asOf: Day }).nullable(),
}));

export const HfDailyItem = named('HfDailyItem', 'One entry of a daily list in the Hugging Face shape (GET https://huggingface.co/api/daily_papers).', z.strictObject({
  paper: HfPaper.extend({ submittedOnDailyAt: Timestamp }),
  publishedAt: Timestamp.describe('when the paper was featured'),
  title: z.string(),
  summary: z.string(),
  numComments: z.number().int(),
  isAuthorParticipating: z.boolean(),
  submitter: z.strictObject({ kind: z.enum(['source', 'user']), name: z.string() }),
}));

export const HfDailyList = named('HfDailyList', 'GET /api/daily_papers: an array of daily entries.', z.array(HfDailyItem));

export const HfSearchItem = named('HfSearchItem', 'One result of GET /api/papers/search in the Hugging Face shape (read by huggingface_hub list_papers).', z.strictObject({
  paper: HfPaper,
  publishedAt: Timestamp.optional(),
  title: z.string(),
  summary: z.string(),
  numComments: z.number().int(),
  isAuthorParticipating: z.boolean(),
  ai_summary: z.string().optional(),
  ai_keywords: z.array(z.string()).optional(),
  githubRepo: z.string().optional(),
  githubStars: z.number().int().optional(),
  projectPage: z.string().optional(),
}));

export const HfSearchList = named('HfSearchList', 'GET /api/papers/search: an array of results.', z.array(HfSearchItem));

export const PeriodFeed = named('PeriodFeed', 'A day, ISO week or month of featured papers, ranked by upvotes.', z.strictObject({
  period: z.strictObject({ kind: z.enum(['day', 'week', 'month']), key: z.string(), first: Day, last: Day, path: z.string() }).nullable(),
  prev: Day.nullable(),
  next: Day.nullable(),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  papers: z.array(HfDailyItem),
}));

export const NewListing = named('NewListing', "One day's arXiv announcements, grouped by primary category.", z.strictObject({
  date: Day.nullable(),
  cat: z.string().nullable(),
  prev: Day.nullable(),
  next: Day.nullable(),
  total: z.number().int(),
  groups: z.array(z.strictObject({ category: z.string(), papers: z.array(HfPaper.extend({ crossList: z.boolean() })) })),
}));

export const TrendingListing = named('TrendingListing', 'Papers of a window ranked by votes with time decay.', z.strictObject({
  window: z.strictObject({ name: z.enum(TRENDING_WINDOWS), first: Day.nullable(), last: Day, fellBack: z.boolean() }),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  papers: z.array(HfDailyItem.extend({ trending: z.strictObject({ score: z.number(), countedVotes: z.number().int() }) })),
}));

const Segments = z.array(z.strictObject({ text: z.string(), match: z.boolean() })).nullable();

export const SearchResults = named('SearchResults', "Paperboy's search answer: the query as understood, filters and ranked results.", z.strictObject({
  q: z.string(),
  understood: z.string(),
  mode: z.enum(SEARCH_MODES),
  sort: z.enum(SEARCH_SORTS),
  filters: z.strictObject({ cat: z.string().nullable(), from: Day.nullable(), to: Day.nullable(), code: z.boolean() }),
  page: z.number().int(),
  limit: z.number().int(),
  hasMore: z.boolean(),
  matchedAll: z.strictObject({ count: z.number().int(), capped: z.boolean() }).nullable(),
  missingReference: z.string().nullable(),
  results: z.array(z.strictObject({ paper: HfPaper, tier: z.enum(['all', 'some', 'filter', 'meaning']), score: z.number(), highlights: z.strictObject({ title: Segments, snippet: Segments }) })),
}));

export const AuthorListing = named('AuthorListing', "An author's papers, newest first.", z.strictObject({
  name: z.string(),
  spellings: z.array(z.string()),
  total: z.number().int(),
  page: z.number().int(),
  limit: z.number().int(),
  hasMore: z.boolean(),
  papers: z.array(HfPaper),
}));

export const CategoryListing = named('CategoryListing', 'The papers of a category or archive, newest first.', z.strictObject({
  category: z.string(),
  archive: z.boolean(),
  page: z.number().int(),
  limit: z.number().int(),
  hasMore: z.boolean(),
  papers: z.array(HfPaper),
}));

export const SimilarPapers = named('SimilarPapers', 'Papers nearest in meaning to one paper.', z.strictObject({
  id: z.string(),
  results: z.array(z.strictObject({ paper: HfPaper, title: z.string(), similarity: z.number() })),
}));

const commentFields = {
  id: z.number().int(),
  paperId: z.string(),
  parentId: z.number().int().nullable(),
  depth: z.number().int(),
  author: z.string().nullable(),
  byPaperAuthor: z.boolean(),
  deleted: z.boolean(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  markdown: z.string(),
  html: z.string().describe('sanitized HTML, safe to insert'),
  createdAt: Timestamp,
  editedAt: Timestamp.nullable(),
};

export const Comment = named('Comment', 'One comment.', z.strictObject(commentFields));

type CommentNodeShape = z.infer<typeof Comment> & { replies: CommentNodeShape[] };
export const CommentNode: z.ZodType<CommentNodeShape> = named(
  'CommentNode',
  'A comment with its replies.',
  z.strictObject({
    ...commentFields,
    get replies() {
      return z.array(CommentNode);
    },
  }),
);

export const CommentThread = named('CommentThread', "A paper's comments, nested.", z.strictObject({ id: z.string(), count: z.number().int(), comments: z.array(CommentNode) }));

export const CommentDeleted = named('CommentDeleted', 'The answer to deleting a comment.', z.strictObject({ id: z.number().int(), paperId: z.string(), deleted: z.literal(true), placeholderKept: z.boolean() }));

export const VoteState = named('VoteState', "A paper's vote count and whether the caller voted.", z.strictObject({ id: z.string(), voted: z.boolean(), votes: z.number().int() }));

export const MyVotes = named('MyVotes', 'Which of the asked papers the reader voted for, and the CSRF token for the vote buttons.', z.strictObject({
  loggedIn: z.boolean(),
  csrfToken: z.string().nullable(),
  voted: z.array(z.string()),
}));

export const MyComments = named('MyComments', "Which comments on a paper are the reader's.", z.strictObject({ loggedIn: z.boolean(), moderator: z.boolean(), mine: z.array(z.number().int()) }));

export const FlagResult = named('FlagResult', 'The answer to flagging.', z.strictObject({ kind: z.enum(['comment', 'paper']), id: z.string(), flagged: z.literal(true), new: z.boolean() }));

export const HideResult = named('HideResult', 'The answer to hiding or restoring.', z.strictObject({ kind: z.enum(['comment', 'paper']), id: z.string(), hidden: z.boolean() }));

export const ModerationQueue = named('ModerationQueue', 'Open flags and the recent audit log (moderators only).', z.strictObject({
  flags: z.array(z.strictObject({ kind: z.enum(['comment', 'paper']), id: z.string(), count: z.number().int(), reasons: z.array(z.string()), firstAt: Timestamp })),
  claims: z.array(
    z.strictObject({ id: z.number().int(), paperId: z.string(), paperTitle: z.string(), claimant: z.string(), claimantProfile: z.string(), note: z.string(), createdAt: Timestamp }),
  ),
  log: z.array(z.strictObject({ actorId: z.number().int().nullable(), action: z.string(), targetKind: z.string(), targetId: z.string(), reason: z.string().nullable(), at: Timestamp })),
}));

export const Account = named('Account', 'The logged-in account, with the CSRF token scripts send as x-csrf-token.', z.strictObject({
  id: z.number().int(),
  email: z.string(),
  displayName: z.string(),
  emailVerified: z.boolean(),
  role: z.enum(ROLES),
  csrfToken: z.string(),
}));

export const Ok = named('Ok', 'Done; some actions add a message or a new CSRF token.', z.strictObject({ ok: z.literal(true), message: z.string().optional(), csrfToken: z.string().optional() }));

export const LogInAnswer = named(
  'LogInAnswer',
  'Logged in (the session cookie is set; csrfToken), or, with two-factor on, the password was right and the code is to follow at `next` (a pending log-in cookie is set, no session).',
  z.union([
    z.strictObject({ ok: z.literal(true), csrfToken: z.string() }),
    z.strictObject({ ok: z.literal(true), secondFactor: z.literal(true), next: z.literal('/api/login/two-factor') }),
  ]),
);

export const TwoFactorStatus = named('TwoFactorStatus', "The account's two-factor authentication; `pending` while a set-up awaits its first code.", z.strictObject({
  enabled: z.boolean(),
  sessionPassed: z.boolean().describe('this session passed the second factor (moderating needs it)'),
  recoveryCodesLeft: z.number().int(),
  pending: z.strictObject({ secret: z.string().describe('base32'), uri: z.string().describe('otpauth://totp/…') }).nullable(),
}));

export const TotpEnrolment = named('TotpEnrolment', 'A new TOTP secret awaiting its first code (POST …/enable with it and the password).', z.strictObject({
  ok: z.literal(true),
  secret: z.string().regex(/^[A-Z2-7]+$/).describe('base32, for typing into an authenticator app'),
  uri: z.string().describe('otpauth://totp/…, as a QR code shows it'),
}));

export const RecoveryCodes = named('RecoveryCodes', 'Single-use recovery codes, shown only in this answer (older ones stop working).', z.strictObject({ ok: z.literal(true), recoveryCodes: z.array(z.string()) }));

const tokenFields = {
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe('the first characters, to tell tokens apart'),
  scopes: z.array(z.enum(API_SCOPES)),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
};

export const ApiTokenList = named('ApiTokenList', "The account's live API tokens, newest first.", z.strictObject({ tokens: z.array(z.strictObject(tokenFields)) }));

export const CreatedApiToken = named('CreatedApiToken', 'A new API token; `token` is shown only in this answer.', z.strictObject({ ...tokenFields, token: z.string().regex(/^pbt_[A-Za-z0-9_-]{43}$/) }));

export const TokenRevoked = named('TokenRevoked', 'The answer to revoking a token.', z.strictObject({ ok: z.literal(true), id: z.number().int() }));

export const OpenApiDocument = named('OpenApiDocument', 'This document (OpenAPI 3.1).', z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }));

export const SubmitState = named('SubmitState', 'Whether the reader may submit, with the CSRF token for the form.', z.strictObject({
  loggedIn: z.boolean(),
  emailVerified: z.boolean(),
  csrfToken: z.string().nullable(),
  fetchesFromArxiv: z.boolean().describe('whether a paper missing from the catalog is looked up on arXiv'),
}));

export const Submission = named('Submission', 'A submitted paper and the daily page that lists it (201 when new, 200 when this reader had already submitted it).', z.strictObject({
  id: z.string(),
  title: z.string(),
  day: Day,
  url: z.string(),
  paperUrl: z.string(),
  submittedBy: z.string(),
  created: z.boolean(),
  fetchedFromArxiv: z.boolean(),
}));

export const AlreadyFeatured = named('AlreadyFeatured', '409: the paper is already on a daily page.', z.strictObject({
  error: z.literal('conflict'),
  message: z.string(),
  existing: z.strictObject({ id: z.string(), day: Day, url: z.string(), paperUrl: z.string() }),
}));

const subscriptionFields = z.strictObject({
  email: z.string(),
  status: z.enum(SUBSCRIPTION_STATUSES),
  frequency: z.enum(DIGEST_FREQUENCIES),
  timeZone: z.string(),
  sendHour: z.number().int(),
  sendWeekday: z.number().int(),
  categories: z.array(z.string()),
  keywords: z.array(z.string()),
});

export const Subscription = named('Subscription', 'A digest subscription and its preferences.', subscriptionFields);

export const SubscriptionChanged = named('SubscriptionChanged', 'The subscription after a change.', z.strictObject({ ok: z.literal(true), subscription: Subscription }));

export const SubscriptionConfirmed = named('SubscriptionConfirmed', 'A confirmed subscription with the token of its manage link.', z.strictObject({
  ok: z.literal(true),
  subscription: Subscription,
  manageToken: z.string(),
}));

export const AccountSubscription = named('AccountSubscription', "The logged-in reader's subscription, if any.", z.strictObject({
  subscription: Subscription.nullable(),
  manageToken: z.string().optional(),
}));

const DigestPeriod = z.strictObject({ key: z.string(), first: Day, last: Day, label: z.string() });

export const DigestPreview = named('DigestPreview', 'What the digest of a period would send: its sections and the rendered mail.', z.strictObject({
  period: DigestPeriod.extend({ frequency: z.enum(DIGEST_FREQUENCIES) }),
  fellBack: DigestPeriod.nullable(),
  notice: z.string().nullable(),
  subject: z.string(),
  sections: z.array(
    z.strictObject({
      id: z.string(),
      heading: z.string(),
      intro: z.string().nullable(),
      papers: z.array(z.strictObject({ id: z.string(), title: z.string(), authors: z.string(), summary: z.string(), votes: z.number().int(), codeUrl: z.string().nullable(), paperUrl: z.string() })),
    }),
  ),
  text: z.string(),
  html: z.string(),
}));

export const Outbox = named('Outbox', 'The mails written to the outbox folder (this machine, or admins).', z.strictObject({
  dir: z.string(),
  smtpConfigured: z.boolean(),
  total: z.number().int(),
  mails: z.array(z.strictObject({ file: z.string(), url: z.string(), to: z.string(), subject: z.string(), date: z.string().nullable(), messageId: z.string().nullable(), bytes: z.number().int() })),
}));

export const PaperPage = named('PaperPage', 'GET /api/papers/<id>: the Hugging Face paper object, plus the accounts whose authorship claims were approved.', HfPaper.extend({
  claimedBy: z.array(z.strictObject({ name: z.string(), profile: z.string() })),
}));

const claimFields = {
  id: z.number().int(),
  paperId: z.string(),
  status: z.string().describe('pending, approved or rejected'),
  note: z.string(),
  createdAt: Timestamp,
  decidedAt: Timestamp.nullable(),
  decisionReason: z.string().nullable(),
};

export const Claim = named('Claim', 'An authorship claim.', z.strictObject(claimFields));

export const ClaimMade = named('ClaimMade', 'A claim (201 when new, 200 when you had claimed already).', z.strictObject({ ...claimFields, created: z.boolean() }));

const ProfileSection = z.strictObject({
  papers: z.array(z.strictObject({ id: z.string(), title: z.string(), url: z.string(), at: Timestamp })),
  hasMore: z.boolean(),
});

export const UserProfile = named('UserProfile', "A reader's public profile: what they upvoted, submitted, commented on and authored (never an address).", z.strictObject({
  id: z.number().int(),
  displayName: z.string(),
  joinedAt: Timestamp,
  profile: z.string(),
  upvoted: ProfileSection,
  submitted: ProfileSection,
  commented: ProfileSection,
  authored: ProfileSection,
}));
