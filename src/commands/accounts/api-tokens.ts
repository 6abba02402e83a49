// Personal API tokens: made, listed and revoked from account settings (session routes); a request
// with `Authorization: Bearer <token>` acts as the token's owner within its scopes
// (web/middleware/access.ts). The token is shown once, at creation; the table keeps its SHA-256.
import {
  API_TOKEN_PREFIX,
  API_TOKEN_SHOWN_CHARS,
  API_TOKEN_TOUCH_INTERVAL_S,
  MAX_API_TOKENS_PER_USER,
  isApiTokenShaped,
  parseScopesText,
  scopesText,
  type ApiScope,
} from '../../domain/api-token.js';
import { badRequest, notFound } from '../../domain/errors.js';
import type { Db } from '../../store/db.js';
import { insertApiTokenLimited, liveApiTokenByHash, liveApiTokens, revokeApiToken, touchApiToken, type ApiTokenRow } from '../../store/api-tokens.js';
import { newSecret, secretId } from './context.js';
import type { Session } from './sessions.js';

export interface ApiToken {
  readonly id: number;
  readonly name: string;
  /** The token's first characters, to tell tokens apart. */
  readonly prefix: string;
  readonly scopes: readonly ApiScope[];
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  /** The whole token: shown to its owner once, never stored. */
  readonly token: string;
}

/** Who a token request acts as: the owner's account, as a session would carry it, and the token's scopes. */
export interface TokenActor {
  readonly tokenId: number;
  readonly scopes: readonly ApiScope[];
  readonly userId: number;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly role: Session['role'];
  readonly displayName: string;
}

function apiToken(row: ApiTokenRow): ApiToken {
  return { id: row.id, name: row.name, prefix: row.shownPrefix, scopes: parseScopesText(row.scopes), createdAt: row.createdAt, lastUsedAt: row.lastUsedAt };
}

export async function createApiTokenOrThrow(db: Db, userId: number, input: { name: string; scopes: readonly ApiScope[] }, now: Date): Promise<CreatedApiToken> {
  const token = `${API_TOKEN_PREFIX}${newSecret()}`;
  const row = { userId, name: input.name, tokenHash: secretId(token), shownPrefix: token.slice(0, API_TOKEN_SHOWN_CHARS), scopes: scopesText(input.scopes), now: now.toISOString() };
  const id = await insertApiTokenLimited(db, row, MAX_API_TOKENS_PER_USER);
  if (id === null) throw badRequest(`An account holds at most ${MAX_API_TOKENS_PER_USER} tokens; revoke one you no longer use first.`);
  return { id, name: row.name, prefix: row.shownPrefix, scopes: parseScopesText(row.scopes), createdAt: row.now, lastUsedAt: null, token };
}

export async function listApiTokens(db: Db, userId: number): Promise<ApiToken[]> {
  return (await liveApiTokens(db, userId)).map(apiToken);
}

/** Revokes one of the user's tokens; 404 when the user has no such live token (revoking twice is a 404 too). */
export async function revokeApiTokenOrThrow(db: Db, userId: number, id: number, now: Date): Promise<void> {
  if (!(await revokeApiToken(db, userId, id, now.toISOString()))) throw notFound(`You have no live token ${id}.`);
}

/** The actor of a bearer token, or null (malformed, unknown, revoked, or its account is gone); its last use is recorded. */
export async function resolveApiToken(db: Db, token: string, now: Date): Promise<TokenActor | null> {
  if (!isApiTokenShaped(token)) return null;
  const row = await liveApiTokenByHash(db, secretId(token));
  if (!row) return null;
  if (row.lastUsedAt === null || Date.parse(row.lastUsedAt) + API_TOKEN_TOUCH_INTERVAL_S * 1000 <= now.getTime()) await touchApiToken(db, row.id, now.toISOString());
  return {
    tokenId: row.id,
    scopes: parseScopesText(row.scopes),
    userId: row.userId,
    email: row.email,
    emailVerified: row.emailVerifiedAt !== null,
    role: row.role,
    displayName: row.displayName,
  };
}
