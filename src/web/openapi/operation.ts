// The shape of one described endpoint (operations.ts lists them; document.ts turns them into OpenAPI).
import type { z } from 'zod';
import type { ApiScope } from '../../domain/api-token.js';

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

