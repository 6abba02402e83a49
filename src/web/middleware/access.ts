// Who may change state, declared in the route table. Every POST/PUT/PATCH/DELETE route states its
// access in its config (a route without one fails at start-up):
//   session  needs a live session cookie (401), a request from this site's origin (Origin, or
//            Referer when a browser sent no Origin) and the session's CSRF synchronizer token in
//            the `_csrf` form field or `x-csrf-token` header (403 otherwise)
//   public   works without a session (sign-up, log-in, forms carrying an e-mailed token); a foreign
//            Origin is refused (403), which also stops log-in CSRF
//   exempt   by design takes no cookie at all (RFC 8058 one-click unsubscribe); the reason is
//            required. Cookies are stripped before the handler runs.
//   token    a write API clients may also make with a personal API token (`Authorization: Bearer
//            pbt_…`) holding the route's scope. With a Bearer header the cookies are stripped, no
//            CSRF token or Origin is needed (a browser never adds the header by itself), an unknown
//            or revoked token is a 401 and a token without the scope a 403; the request then acts
//            as the token's owner. Without the header the route is a session route in every way.
// GET and HEAD never change state (a test dumps the database around every GET route); the one
// write they may cause is session bookkeeping: a live session's last-seen time, at most once a
// minute (SESSION_TOUCH_INTERVAL_S), and the deletion of a session found expired.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TokenActor } from '../../commands/accounts/api-tokens.js';
import type { ApiScope } from '../../domain/api-token.js';
import { forbidden, unauthorized } from '../../domain/errors.js';
import { SessionCookies } from './session.js';

export type RouteAccess =
  | { readonly kind: 'session' }
  | { readonly kind: 'public' }
  | { readonly kind: 'exempt'; readonly reason: string }
  | { readonly kind: 'token'; readonly scope: ApiScope };

export const SESSION: RouteAccess = Object.freeze({ kind: 'session' });
export const PUBLIC: RouteAccess = Object.freeze({ kind: 'public' });
export const exempt = (reason: string): RouteAccess => Object.freeze({ kind: 'exempt', reason });
/** A session route that API clients may also call with a personal token holding `scope`. */
export const sessionOrToken = (scope: ApiScope): RouteAccess => Object.freeze({ kind: 'token', scope });

/** Resolves a bearer token to whom it acts for (null: unknown, revoked, or malformed). */
export type TokenResolver = (token: string) => Promise<TokenActor | null>;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

export interface RouteEntry {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const tables = new WeakMap<FastifyInstance, RouteEntry[]>();

/** Every route of an app built with registerAccess, with its declared access. */
export function routeTable(app: FastifyInstance): readonly RouteEntry[] {
  return tables.get(app) ?? [];
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** True when the request comes from `origin`; with neither Origin nor Referer, `whenUnknown`. */
function fromOrigin(request: FastifyRequest, origin: string, whenUnknown: boolean): boolean {
  const sent = request.headers.origin;
  if (sent !== undefined) return sent === origin;
  const referer = request.headers.referer;
  if (referer === undefined) return whenUnknown;
  try {
    return new URL(referer).origin === origin;
  } catch {
    return false;
  }
}

/** The token of an `Authorization: Bearer <token>` header ('' for an empty one), or undefined. */
export function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
  return m ? (m[1] ?? '').trim() : undefined;
}

function csrfTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  const body: unknown = request.body;
  if (typeof body === 'object' && body !== null && '_csrf' in body && typeof body._csrf === 'string') return body._csrf;
  return undefined;
}

export function registerAccess(app: FastifyInstance, sessions: SessionCookies, origin: string, resolveToken: TokenResolver): void {
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = route.config?.access ?? null;
    for (const method of methods) {
      if (!SAFE_METHODS.has(method) && access === null) throw new Error(`${method} ${route.url} must declare config.access`);
      table.push({ method, url: route.url, access });
    }
  });

  app.addHook('preHandler', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const access = request.routeOptions.config.access;
    if (access === undefined) return; // 404s and framework routes change nothing
    if (access.kind === 'exempt') {
      sessions.ignoreCookies(request);
      return;
    }
    if (access.kind === 'public') {
      if (!fromOrigin(request, origin, true)) throw forbidden('This form was sent from another site.');
      return;
    }
    const bearer = access.kind === 'token' ? bearerTokenOf(request) : undefined;
    if (access.kind === 'token' && bearer !== undefined) {
      sessions.ignoreCookies(request);
      const actor = await resolveToken(bearer);
      if (!actor) {
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        throw unauthorized('This API token is not valid: it is unknown or was revoked.');
      }
      if (!actor.scopes.includes(access.scope)) {
        reply.header('www-authenticate', `Bearer error="insufficient_scope", scope="${access.scope}"`);
        throw forbidden(`This API token does not have the "${access.scope}" scope.`);
      }
      sessions.actAs(request, actor);
      return;
    }
    const session = await sessions.require(request, reply);
    if (!fromOrigin(request, origin, false)) throw forbidden('This request did not come from this site.');
    const token = csrfTokenOf(request);
    if (token === undefined || !safeEqual(token, session.csrfToken)) throw forbidden('The form is out of date (its security token does not match). Reload the page and try again.');
  });

  // Responses that depend on who asks are never stored by browsers or proxies.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!SAFE_METHODS.has(request.method) || (SessionCookies.presented(request) && !request.url.startsWith('/static/'))) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
