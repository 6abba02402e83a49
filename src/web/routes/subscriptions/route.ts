// Digest subscriptions (issue 6): subscribe with only an address (every page's footer posts here),
// confirm through the mailed link's page, manage preferences through the link in every mail, and
// unsubscribe per RFC 8058. JSON twins under /api. The token in /subscription/<token> and
// /unsubscribe/<token> is the whole authentication, so those pages are never stored (no-store); the
// site-wide Referrer-Policy (strict-origin-when-cross-origin) keeps the path from other sites.
//
// Unknown or forged tokens: GET and POST both answer 404 with the same page and change nothing.
// POST /unsubscribe/<token> is exempt from the session and Origin checks (RFC 8058 one-click: mail
// providers POST List-Unsubscribe=One-Click without cookies), and repeating it answers 200 again.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changePreferences, subscriptionOfAccount, subscriptionOfLinkOrThrow, unsubscribe } from '../../../commands/subscriptions/manage.js';
import { CONFIRM_LINK_DEAD, CONFIRM_PATH, confirmSubscriptionToken, confirmationUsable, subscribe } from '../../../commands/subscriptions/subscribe.js';
import { AppError } from '../../../domain/errors.js';
import type { Subscription } from '../../../store/subscriptions.js';
import type { WebDeps } from '../../deps.js';
import type { SafeHtml } from '../../html.js';
import { PUBLIC, SESSION, exempt } from '../../middleware/access.js';
import { parseOr400 } from '../../validate.js';
import { messagePage, tokenButtonPage } from '../../views/account.js';
import { accountSubscribePage, managePage, subscribePage, subscribedPage, unsubscribePage, unsubscribedPage } from '../../views/subscription.js';
import { accountContext } from '../account/context.js';
import { registerFormAction } from '../account/form-action.js';
import { EmptyBody, TokenBody, TokenQuery } from '../account/schema.js';
import { LinkToken, OneClickBody, PreferencesBody, SubscribeBody } from './schema.js';

const HTML = 'text/html; charset=utf-8';
const MAIL_SENT = 'If that address can receive mail, a message is on its way: open its link to confirm. Nothing else is sent until you do.';
const ONE_CLICK = exempt('RFC 8058 one-click unsubscribe');

/** The JSON of a subscription: an explicit whitelist (never the token, which the caller already has). */
export function subscriptionJson(sub: Subscription) {
  return { email: sub.email, status: sub.status, ...sub.preferences };
}

function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store');
}

function tokenOf(request: FastifyRequest): string {
  return parseOr400(LinkToken, request.params).token;
}

export function registerSubscriptionRoutes(app: FastifyInstance, deps: WebDeps): void {
  const ctx = accountContext(deps);
  const send = (reply: FastifyReply, page: SafeHtml, status = 200) => noStore(reply).code(status).type(HTML).send(page.value);
  /** An unknown token's page (404), the same for GET and POST. */
  const notFoundPage = (reply: FastifyReply, err: unknown) => {
    if (err instanceof AppError && err.status === 404) return send(reply, messagePage('This link does not work', err.message), 404);
    throw err;
  };

  app.get('/subscribe', async (_request, reply) => reply.type(HTML).send(subscribePage().value));
  registerFormAction(app, {
    path: '/subscribe',
    access: PUBLIC,
    schema: SubscribeBody,
    form: (state) => subscribePage(state),
    run: async (input) => {
      await subscribe(ctx, { email: input.email });
      return { kind: 'page', page: messagePage('Check your mail', MAIL_SENT), json: { ok: true, message: MAIL_SENT } };
    },
  });

  app.get(CONFIRM_PATH, async (request, reply) => {
    const { token } = parseOr400(TokenQuery, request.query);
    if (!(await confirmationUsable(ctx, token))) return send(reply, messagePage('This link does not work', CONFIRM_LINK_DEAD), 400);
    return send(reply, tokenButtonPage('Confirm your digest subscription', CONFIRM_PATH, token, 'Start my digest'));
  });
  registerFormAction(app, {
    path: CONFIRM_PATH,
    access: PUBLIC,
    schema: TokenBody,
    run: async (input, _request, reply) => {
      const sub = await confirmSubscriptionToken(ctx, input.token);
      noStore(reply);
      // The JSON twin hands back the manage token: the caller proved it holds the confirmation link.
      return { kind: 'page', page: subscribedPage(sub), json: { ok: true, subscription: subscriptionJson(sub), manageToken: sub.unsubscribeToken } };
    },
  });

  // Manage page: GET shows, POST saves (PUBLIC: the token authenticates, the Origin check stops CSRF).
  app.get('/subscription/:token', async (request, reply) => {
    try {
      return send(reply, managePage(await subscriptionOfLinkOrThrow(ctx, tokenOf(request))));
    } catch (err) {
      return notFoundPage(reply, err);
    }
  });
  app.get('/api/subscription/:token', async (request, reply) => {
    noStore(reply);
    return subscriptionJson(await subscriptionOfLinkOrThrow(ctx, tokenOf(request)));
  });
  app.post('/subscription/:token', { config: { access: PUBLIC } }, async (request, reply) => {
    const token = tokenOf(request);
    try {
      const sub = await subscriptionOfLinkOrThrow(ctx, token);
      const parsed = PreferencesBody.safeParse(request.body);
      if (!parsed.success) {
        const error = parsed.error.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
        return send(reply, managePage(sub, { error }), 400);
      }
      return send(reply, managePage(await changePreferences(ctx, token, parsed.data), { notice: 'Saved.' }));
    } catch (err) {
      return notFoundPage(reply, err);
    }
  });
  app.post('/api/subscription/:token', { config: { access: PUBLIC } }, async (request, reply) => {
    const token = tokenOf(request);
    const preferences = parseOr400(PreferencesBody, request.body);
    noStore(reply);
    return { ok: true, subscription: subscriptionJson(await changePreferences(ctx, token, preferences)) };
  });

  // Unsubscribe: GET only asks; POST (one click from the mail client, or the page's button) does it.
  app.get('/unsubscribe/:token', async (request, reply) => {
    try {
      return send(reply, unsubscribePage(await subscriptionOfLinkOrThrow(ctx, tokenOf(request))));
    } catch (err) {
      return notFoundPage(reply, err);
    }
  });
  // RFC 8058 §3.1 lets the mail provider send the one-click body as multipart/form-data too; only
  // these two routes read that type (the undici parser behind Response.formData, no new dependency).
  app.register(async (scope) => {
    scope.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (request, body, done) => {
      const type = request.headers['content-type'] ?? '';
      new Response(body, { headers: { 'content-type': type } }).formData().then(
        (form) => done(null, Object.fromEntries([...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string'))),
        () => done(new AppError('bad_request', 'the multipart body could not be read'), undefined),
      );
    });
    scope.post('/unsubscribe/:token', { config: { access: ONE_CLICK } }, async (request, reply) => {
      const token = tokenOf(request);
      parseOr400(OneClickBody, request.body);
      try {
        return send(reply, unsubscribedPage(await unsubscribe(ctx, token)));
      } catch (err) {
        return notFoundPage(reply, err);
      }
    });
    scope.post('/api/unsubscribe/:token', { config: { access: ONE_CLICK } }, async (request, reply) => {
      const token = tokenOf(request);
      parseOr400(OneClickBody, request.body);
      noStore(reply);
      return { ok: true, subscription: subscriptionJson(await unsubscribe(ctx, token)) };
    });
  });

  // Account settings: the logged-in reader's way to the manage page.
  app.get('/account/subscription', async (request, reply) => {
    const session = await deps.sessions.require(request, reply);
    const sub = await subscriptionOfAccount(ctx, session);
    if (sub !== undefined) return noStore(reply).redirect(`/subscription/${encodeURIComponent(sub.unsubscribeToken)}`, 303);
    return send(reply, accountSubscribePage(session.email, session.csrfToken));
  });
  app.get('/api/account/subscription', async (request, reply) => {
    const session = await deps.sessions.require(request, reply);
    const sub = await subscriptionOfAccount(ctx, session);
    return sub === undefined ? { subscription: null } : { subscription: subscriptionJson(sub), manageToken: sub.unsubscribeToken };
  });
  registerFormAction(app, {
    path: '/account/subscription',
    access: SESSION,
    schema: EmptyBody,
    run: async (_input, request) => {
      const session = await deps.sessions.checked(request);
      // The account is linked only when its address is verified (else the link would prove nothing).
      await subscribe(ctx, { email: session.email, userId: session.emailVerified ? session.userId : null });
      return { kind: 'page', page: messagePage('Check your mail', MAIL_SENT), json: { ok: true, message: MAIL_SENT } };
    },
  });
}
