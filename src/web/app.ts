// The HTTP application: Fastify with security headers, static assets, the page cache, routes, and
// one error handler that turns the error catalogue into HTML pages or JSON bodies.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError, RateLimited, unavailable } from '../domain/errors.js';
import { resolveApiToken } from '../commands/accounts/api-tokens.js';
import type { Mailer } from '../commands/accounts/context.js';
import { arxivClientFor } from '../commands/arxiv-client.js';
import type { PaperLookup } from '../commands/submit-paper.js';
import type { Store } from '../store/db.js';
import type { WebDeps } from './deps.js';
import { registerAccess } from './middleware/access.js';
import { registerFormBodies } from './middleware/form-body.js';
import { SessionCookies } from './middleware/session.js';
import { PageCache } from './page-cache.js';
import { registerAccountManageRoutes } from './routes/account/manage-route.js';
import { registerAccountRoutes } from './routes/account/route.js';
import { registerApiTokenRoutes } from './routes/account/tokens-route.js';
import { registerApiDocsRoutes } from './routes/api-docs/route.js';
import { registerTwoFactorRoutes } from './routes/account/two-factor-route.js';
import { registerAuthorRoutes } from './routes/authors/route.js';
import { registerCategoryRoutes } from './routes/categories/route.js';
import { registerClaimRoutes } from './routes/claims/route.js';
import { registerCommentRoutes } from './routes/comments/route.js';
import { registerModerationRoutes } from './routes/moderation/route.js';
import { registerDailyRoutes } from './routes/daily/route.js';
import { registerDigestRoutes } from './routes/digest/route.js';
import { registerNewRoutes } from './routes/new/route.js';
import { registerOutboxRoutes } from './routes/outbox/route.js';
import { registerPaperRoutes } from './routes/papers/route.js';
import { registerSearchRoutes } from './routes/search/route.js';
import { registerSubscriptionRoutes } from './routes/subscriptions/route.js';
import { registerSubmitRoutes } from './routes/submit/route.js';
import { registerTrendingRoutes } from './routes/trending/route.js';
import { registerUserRoutes } from './routes/users/route.js';
import { registerVoteRoutes } from './routes/votes/route.js';
import { registerSecurityHeaders, securityHeaders } from './security.js';
import { errorPage } from './views/error.js';

/** Largest request body accepted (bytes); forms and JSON writes are small. */
const BODY_LIMIT_BYTES = 64 * 1024;
/** A request must arrive whole within this time (ms), so slow clients cannot hold sockets. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Idle keep-alive sockets are closed after this long (ms). */
const KEEP_ALIVE_TIMEOUT_MS = 5_000;
/** Static assets are fingerprint-free, so keep the browser cache short (s). */
const STATIC_MAX_AGE_S = 3600;

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'public');

export interface AppOptions {
  readonly store: Store;
  readonly config: Config;
  readonly logger?: boolean;
  /** Account mails go through it; without one, sign-up and resets answer 503. */
  readonly mailer?: Mailer;
  /** The clock of sessions and e-mailed links (tests move it). */
  readonly now?: () => Date;
  /** Fetches submitted papers that are not in the catalog (tests pass one for a fake arXiv). */
  readonly arxiv?: PaperLookup | null;
}

/** The process's arXiv client, made on first use, when a contact address is configured. */
function arxivLookupFor(config: Config): PaperLookup | null {
  if (config.arxiv.contactEmail === null) return null;
  return { lookup: (ids) => arxivClientFor(config).lookup(ids) };
}

/** Stands in when the process was given no mailer: every send fails with 503. */
const NO_MAILER: Mailer = {
  send: async () => {
    throw unavailable('This site cannot send mail, so it cannot send account links. Its operator can set up mail (see the README).');
  },
  close: async () => {},
};

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/api';
}

/** Every error response: JSON under /api, an HTML page elsewhere. */
function sendError(request: FastifyRequest, reply: FastifyReply, status: number, id: string, message: string) {
  if (wantsJson(request)) return reply.code(status).type('application/json; charset=utf-8').send({ error: id, message });
  return reply.code(status).type('text/html; charset=utf-8').send(errorPage(status, message).value);
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { store, config } = options;
  const https = config.baseUrl.protocol === 'https:';
  const app = Fastify({
    logger: options.logger === false || config.logLevel === 'silent' ? false : { level: config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: REQUEST_TIMEOUT_MS,
    keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // Requests Fastify rejects before routing (bad URL encoding, bad content type) get the same
    // error bodies and security headers as everything else.
    frameworkErrors: (error, request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      const message = error.code === 'FST_ERR_BAD_URL' ? 'The address is not valid URL encoding.' : error.message;
      // Fastify types this reply with the route-generic defaults unresolved; it is a plain reply.
      // (onSend hooks do not run for these, so the security headers are set here.)
      const plain = reply as unknown as FastifyReply;
      plain.headers(securityHeaders(https));
      void sendError(request, plain, status, 'bad_request', message);
    },
  });
  const cache = new PageCache(config.pageCacheSeconds * 1000);
  registerSecurityHeaders(app, https);
  await app.register(fastifyCookie);
  registerFormBodies(app);
  const now = options.now ?? (() => new Date());
  const sessions = new SessionCookies(store, https, now);
  registerAccess(app, sessions, config.baseUrl.origin, (token) => resolveApiToken(store.db, token, now()));
  const deps: WebDeps = {
    store,
    config,
    cache,
    sessions,
    mailer: options.mailer ?? NO_MAILER,
    now,
    arxiv: options.arxiv !== undefined ? options.arxiv : arxivLookupFor(config),
  };

  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    maxAge: STATIC_MAX_AGE_S * 1000,
    index: false,
    list: false,
  });

  app.get('/healthz', async () => ({ ok: true }));
  // Browsers and feed readers ask for /favicon.ico whatever the page declares.
  app.get('/favicon.ico', async (_request, reply) => reply.redirect('/static/favicon.svg', 301));
  registerDailyRoutes(app, deps);
  registerPaperRoutes(app, deps);
  registerNewRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerAuthorRoutes(app, deps);
  registerCategoryRoutes(app, deps);
  registerAccountRoutes(app, deps);
  registerAccountManageRoutes(app, deps);
  registerApiTokenRoutes(app, deps);
  registerApiDocsRoutes(app, deps);
  registerTwoFactorRoutes(app, deps);
  registerVoteRoutes(app, deps);
  registerTrendingRoutes(app, deps);
  registerCommentRoutes(app, deps);
  registerModerationRoutes(app, deps);
  registerSubscriptionRoutes(app, deps);
  registerSubmitRoutes(app, deps);
  registerDigestRoutes(app, deps);
  registerOutboxRoutes(app, deps);
  registerClaimRoutes(app, deps);
  registerUserRoutes(app, deps);

  app.setNotFoundHandler(async (request, reply) => {
    return sendError(request, reply, 404, 'not_found', `Nothing lives at ${request.url.split('?')[0]?.slice(0, 200)}.`);
  });

  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    let status: number;
    let id: string;
    let message: string;
    if (error instanceof AppError) {
      ({ status, id, message } = error);
      if (error instanceof RateLimited) reply.header('retry-after', String(error.retryAfterSeconds));
    } else if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      id = status === 413 ? 'payload_too_large' : 'bad_request';
      message = error.message;
    } else {
      // Never leak internals: log the error, answer with a generic body.
      request.log.error({ err: error }, 'request failed');
      status = 500;
      id = 'internal';
      message = 'The server could not complete this request. It has been logged.';
    }
    return sendError(request, reply, status, id, message);
  });

  return app;
}
