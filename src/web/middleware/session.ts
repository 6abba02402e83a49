// The session cookie: which name and attributes it has, and the session (if any) behind a request.
// Cookie: HttpOnly; SameSite=Lax; Path=/; Max-Age = the absolute lifetime; on https also Secure
// and the __Host- prefix (which browsers accept only with Secure, Path=/ and no Domain, so no
// subdomain can set or shadow it).
import type {} from '@fastify/cookie'; // its request.cookies and reply.setCookie types
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TokenActor } from '../../commands/accounts/api-tokens.js';
import { endSession, resolveSession, type Session, type StartedSession } from '../../commands/accounts/sessions.js';
import { SESSION_ABSOLUTE_HOURS } from '../../domain/account.js';
import { unauthorized } from '../../domain/errors.js';
import type { Store } from '../../store/db.js';

const BASE_NAME = 'paperboy_session';

export class SessionCookies {
  readonly name: string;
  private readonly known = new WeakMap<FastifyRequest, Promise<Session | null>>();
  private readonly ignored = new WeakSet<FastifyRequest>();

  constructor(
    private readonly store: Store,
    private readonly https: boolean,
    private readonly now: () => Date,
  ) {
    this.name = https ? `__Host-${BASE_NAME}` : BASE_NAME;
  }

  /** True when the request carries a session cookie (valid or not), under either name. */
  static presented(request: FastifyRequest): boolean {
    const cookies = request.cookies as Record<string, string | undefined> | undefined;
    return cookies !== undefined && (cookies[BASE_NAME] !== undefined || cookies[`__Host-${BASE_NAME}`] !== undefined);
  }

  private token(request: FastifyRequest): string | undefined {
    return this.ignored.has(request) ? undefined : request.cookies[this.name];
  }

  /** Makes the request anonymous whatever cookies it sent (routes exempt from CSRF checks). */
  ignoreCookies(request: FastifyRequest): void {
    this.ignored.add(request);
    request.cookies = {};
  }

  /**
   * Makes a token request act as the token's owner (middleware/access.ts, after ignoreCookies):
   * the handlers' current() then answers with a session-shaped actor that has no cookie or CSRF token.
   */
  actAs(request: FastifyRequest, actor: TokenActor): void {
    const session: Session = {
      id: `api-token:${actor.tokenId}`,
      userId: actor.userId,
      csrfToken: '',
      email: actor.email,
      emailVerified: actor.emailVerified,
      role: actor.role,
      displayName: actor.displayName,
      // A token never counts as having passed the second factor, so it can never moderate.
      mfa: false,
      totpEnabled: false,
    };
    this.known.set(request, Promise.resolve(session));
  }

  /** The request's live session, or null; looked up once per request. */
  current(request: FastifyRequest): Promise<Session | null> {
    let found = this.known.get(request);
    if (!found) {
      const token = this.token(request);
      found = token === undefined ? Promise.resolve(null) : resolveSession(this.store.db, token, this.now());
      this.known.set(request, found);
    }
    return found;
  }

  /**
   * The session of a route whose declared access (SESSION or a token) already required one: the
   * access hook answered 401 before the handler otherwise, so a missing session here is a bug.
   */
  async checked(request: FastifyRequest): Promise<Session> {
    const session = await this.current(request);
    if (!session) throw new Error('session routes run after the access check');
    return session;
  }

  /** The session, or 401 (and the stale cookie is cleared). */
  async require(request: FastifyRequest, reply: FastifyReply): Promise<Session> {
    const session = await this.current(request);
    if (session) return session;
    if (this.token(request) !== undefined) this.clear(reply);
    throw unauthorized('Log in to do this.');
  }

  /** Sends a new session's cookie. */
  set(reply: FastifyReply, started: StartedSession): void {
    reply.setCookie(this.name, started.token, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: this.https,
      maxAge: SESSION_ABSOLUTE_HOURS * 3600,
    });
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(this.name, { httpOnly: true, sameSite: 'lax', path: '/', secure: this.https });
  }

  /** Ends the session the request's cookie names (if any) and clears the cookie. */
  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = this.token(request);
    if (token !== undefined) await endSession(this.store.db, token);
    this.clear(reply);
  }
}

/**
 * The page-cache key of a request: its URL, or null when it carries a session cookie. Rendered
 * pages are shared between readers, so a logged-in request neither reads nor fills the cache.
 */
export function anonymousCacheKey(request: FastifyRequest): string | null {
  return SessionCookies.presented(request) ? null : request.url;
}
