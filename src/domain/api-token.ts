// Personal API tokens: what a token may do (its scopes), what one looks like, and the limits.
// A token is `pbt_` + 43 base64url characters (256 random bits): the prefix makes a leaked token
// easy to recognise (in logs, by secret scanners); only its SHA-256 is stored.
import { z } from 'zod';

/** vote: vote and unvote; comment: write, edit and delete one's comments; submit: submit papers. */
export const API_SCOPES = ['vote', 'comment', 'submit'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_TOKEN_PREFIX = 'pbt_';
/** Characters of a token shown in lists to tell tokens apart ("pbt_" + 8): 48 bits, not enough to use. */
export const API_TOKEN_SHOWN_CHARS = API_TOKEN_PREFIX.length + 8;
/** Most live tokens one account may hold. */
export const MAX_API_TOKENS_PER_USER = 20;
/** Longest token name (characters). */
export const MAX_API_TOKEN_NAME = 100;
/** A token's last-used time is written at most this often (s), so a busy client does not write on every call. */
export const API_TOKEN_TOUCH_INTERVAL_S = 60;

const TOKEN_SHAPE = /^pbt_[A-Za-z0-9_-]{43}$/;

/** True for a string that could be a token (checked before any lookup). */
export function isApiTokenShaped(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}

export const ApiScopeList = z
  .array(z.enum(API_SCOPES, { message: `scopes are ${API_SCOPES.join(', ')}` }))
  .min(1, `give at least one scope (${API_SCOPES.join(', ')})`)
  .transform((s) => API_SCOPES.filter((scope) => s.includes(scope)));

/** Scopes as the database stores them: space-separated, in API_SCOPES order. */
export function scopesText(scopes: readonly ApiScope[]): string {
  return API_SCOPES.filter((s) => scopes.includes(s)).join(' ');
}

export function parseScopesText(text: string): ApiScope[] {
  const words = text.split(' ');
  return API_SCOPES.filter((s) => words.includes(s));
}
