// Row types of every table, as Kysely sees them. Timestamps are ISO-8601 UTC strings and days are
// YYYY-MM-DD strings in both dialects, so comparisons and ordering behave the same everywhere.
import type { Generated } from 'kysely';
import type { EmailTokenPurpose, Role } from '../domain/account.js';
import type { BounceKind, DigestFrequency, SubscriptionStatus } from '../domain/subscription.js';

export interface PapersTable {
  id: string;
  title: string;
  abstract: string;
  primary_category: string | null;
  published_at: string | null;
  updated_at: string | null;
  comments: string | null;
  journal_ref: string | null;
  doi: string | null;
  license: string | null;
  withdrawn: number;
  ai_summary: string | null;
  /** JSON array of strings. */
  ai_keywords: string | null;
  /** Hash of the fields above; an upsert with the same hash is a no-op. */
  content_hash: string;
  created_at: string;
  modified_at: string;
}

export interface PaperAuthorsTable {
  paper_id: string;
  position: number;
  name: string;
  /** authorKey(name) (domain/author-name.ts), for author pages; nullable in the DDL only (0005). */
  name_key: string;
}

export interface PaperCategoriesTable {
  paper_id: string;
  position: number;
  category: string;
}

export interface PaperVersionsTable {
  paper_id: string;
  version: number;
  submitted_at: string;
}

export interface PaperLinksTable {
  paper_id: string;
  kind: string;
  url: string;
  stars: number | null;
  stars_read_at: string | null;
}

export interface SourcesTable {
  id: string;
  name: string;
}

export interface UsersTable {
  id: Generated<number>;
  display_name: string;
  /** displayNameKey of a chosen name, unique (0017); null for generated names, rows before accounts and deleted accounts. */
  display_name_key: string | null;
  created_at: string;
  /** Account columns (0007); null on rows from before accounts and on deleted accounts. */
  email: string | null;
  /** emailKey(email) (domain/account.ts), unique. */
  email_key: string | null;
  /** Argon2id PHC string. */
  password_hash: string | null;
  email_verified_at: string | null;
  role: Generated<Role>;
  deleted_at: string | null;
}

/** Comments (0009): threaded by parent_id; see migrations/0009-comments.ts. */
/** Moderation (0010): see migrations/0010-moderation.ts. */
export type FlagTarget = 'comment' | 'paper';
export type ModerationAction = 'hide' | 'restore' | 'grant_moderator' | 'approve_claim' | 'reject_claim';

/** Author claims (0013): see migrations/0013-author-claims.ts. */
export type ClaimStatus = 'pending' | 'approved' | 'rejected';

export interface AuthorClaimsTable {
  id: Generated<number>;
  paper_id: string;
  user_id: number;
  /** The claimant's note for moderators ('' when none). */
  note: string;
  status: ClaimStatus;
  created_at: string;
  decided_at: string | null;
  decided_by: number | null;
  decision_reason: string | null;
}

export interface HiddenPapersTable {
  paper_id: string;
  reason: string;
  moderator_id: number | null;
  hidden_at: string;
}

export interface FlagsTable {
  id: Generated<number>;
  target_kind: FlagTarget;
  target_id: string;
  user_id: number;
  reason: string;
  created_at: string;
  resolved_at: string | null;
}

export interface ModerationLogTable {
  id: Generated<number>;
  /** Null when done from the CLI. */
  actor_id: number | null;
  action: ModerationAction;
  target_kind: FlagTarget | 'user' | 'claim';
  target_id: string;
  reason: string;
  created_at: string;
}

export interface CommentsTable {
  id: Generated<number>;
  paper_id: string;
  user_id: number;
  parent_id: number | null;
  /** 0 for a top-level comment. */
  depth: number;
  /** The Markdown as written; '' once deleted. */
  body_md: string;
  /** The sanitized rendering of body_md, made when written or edited; '' once deleted. */
  body_html: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  /** Set while a moderator hides the comment (0010). */
  hidden_at: Generated<string | null>;
  hidden_reason: Generated<string | null>;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's token. */
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** When the session passed the second factor (0011); null: password only. */
  mfa_at: Generated<string | null>;
}

/** Two-factor authentication (0011): see migrations/0011-two-factor.ts. */
export interface TotpCredentialsTable {
  user_id: number;
  /** secret-box.ts format: v1.<iv>.<ciphertext>.<tag>, base64url. */
  secret_enc: string;
  created_at: string;
  /** Null while enrolment waits for the first code. */
  enabled_at: string | null;
  /** The last accepted RFC 6238 time step (floor(unix s / 30)). */
  last_step: number | null;
}

export interface RecoveryCodesTable {
  user_id: number;
  /** SHA-256 (hex) of the normalised code. */
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

export interface PendingLoginsTable {
  /** SHA-256 (hex) of the pending cookie's token. */
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  failures: Generated<number>;
}

/** Personal API tokens (0014): see migrations/0014-api-tokens.ts. */
export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** SHA-256 (hex) of the token. */
  token_hash: string;
  /** The token's first characters ("pbt_" + 8), shown in lists. */
  shown_prefix: string;
  /** Space-separated scopes (domain/api-token.ts). */
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface EmailTokensTable {
  /** SHA-256 (hex) of the emailed token. */
  id: string;
  user_id: number;
  purpose: EmailTokenPurpose;
  email: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface DailyEntriesTable {
  id: Generated<number>;
  day: string;
  paper_id: string;
  /** Exactly one of submitter_user_id and source_id is set. */
  submitter_user_id: number | null;
  source_id: string | null;
  created_at: string;
}

export interface UpvoteBaselinesTable {
  paper_id: string;
  source_id: string;
  upvotes: number;
  comments: number;
  as_of: string;
}

export interface VotesTable {
  paper_id: string;
  user_id: number;
  created_at: string;
}

export interface RateLimitHitsTable {
  /** What was limited ('vote', …). */
  action: string;
  /** Whom it was counted against: a user id as text, an IP, … */
  subject: string;
  at: string;
}

export interface JobsTable {
  id: Generated<number>;
  type: string;
  /** JSON, validated by the task's zod schema when run. */
  payload: string;
  unique_key: string | null;
  status: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  max_attempts: number;
  run_at: string;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface HarvestCursorsTable {
  key: string;
  window_from: string;
  window_until: string | null;
  resumption_token: string | null;
  last_datestamp: string | null;
  pages: number;
  records: number;
  completed_at: string | null;
  updated_at: string;
}

export interface ImportProgressTable {
  key: string;
  source: string;
  lines_done: number;
  completed_at: string | null;
  updated_at: string;
}

export interface EmbeddingModelsTable {
  id: string;
  dims: number;
  scale: number;
  center: Uint8Array | null;
  params: Uint8Array | null;
  trained_docs: Generated<number>;
  state: 'building' | 'active';
  created_at: string;
}

export interface EmbeddingsTable {
  seq: Generated<number>;
  model_id: string;
  doc_key: string;
  content_hash: string | null;
  vector: Uint8Array;
}

/** Digest subscriptions (0015): see migrations/0015-subscriptions.ts. */
export interface SubscriptionsTable {
  id: Generated<number>;
  /** As typed. */
  email: string;
  /** emailKey(email) (domain/account.ts), unique. */
  email_key: string;
  /** The account that subscribed or manages it; null for anonymous subscribers and deleted accounts. */
  user_id: number | null;
  status: SubscriptionStatus;
  frequency: DigestFrequency;
  /** IANA time zone. */
  time_zone: string;
  /** Local hour 0–23. */
  send_hour: number;
  /** ISO weekday 1–7 (Monday = 1) of weekly digests. */
  send_weekday: number;
  /** JSON array of arXiv categories. */
  categories: string;
  /** JSON array of keywords. */
  keywords: string;
  /** Opaque random token of the manage and unsubscribe links. */
  unsubscribe_token: string;
  /** SHA-256 (hex) of the pending confirmation link's token; null once used. */
  confirm_token_hash: string | null;
  confirm_expires_at: string | null;
  hard_bounces: Generated<number>;
  soft_bounces: Generated<number>;
  created_at: string;
  confirmed_at: string | null;
  updated_at: string;
}

export interface SubscriptionBouncesTable {
  /** Message-ID of the bounce report, or a hash of it, or of the refused send. */
  key: string;
  subscription_id: number;
  kind: BounceKind;
  source: 'dsn' | 'smtp';
  status_code: string | null;
  at: string;
}

/** Digest send log (0016): see migrations/0016-digest-sends.ts. */
export interface DigestSendsTable {
  id: Generated<number>;
  subscription_id: number;
  /** `daily:YYYY-MM-DD` or `weekly:YYYY-Www` (domain/digest-period.ts). */
  period_key: string;
  status: 'claimed' | 'sent' | 'empty' | 'bounced' | 'deferred';
  /** Without angle brackets; fixed at the first claim. */
  message_id: string;
  papers: Generated<number>;
  attempts: Generated<number>;
  claimed_by: string | null;
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface Database {
  papers: PapersTable;
  paper_authors: PaperAuthorsTable;
  paper_categories: PaperCategoriesTable;
  paper_versions: PaperVersionsTable;
  paper_links: PaperLinksTable;
  sources: SourcesTable;
  users: UsersTable;
  daily_entries: DailyEntriesTable;
  upvote_baselines: UpvoteBaselinesTable;
  jobs: JobsTable;
  harvest_cursors: HarvestCursorsTable;
  import_progress: ImportProgressTable;
  embedding_models: EmbeddingModelsTable;
  embeddings: EmbeddingsTable;
  sessions: SessionsTable;
  comments: CommentsTable;
  hidden_papers: HiddenPapersTable;
  flags: FlagsTable;
  moderation_log: ModerationLogTable;
  author_claims: AuthorClaimsTable;
  email_tokens: EmailTokensTable;
  votes: VotesTable;
  rate_limit_hits: RateLimitHitsTable;
  subscriptions: SubscriptionsTable;
  subscription_bounces: SubscriptionBouncesTable;
  api_tokens: ApiTokensTable;
  digest_sends: DigestSendsTable;
  totp_credentials: TotpCredentialsTable;
  recovery_codes: RecoveryCodesTable;
  pending_logins: PendingLoginsTable;
}
