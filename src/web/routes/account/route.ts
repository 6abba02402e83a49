// Sign-up, e-mail verification, log-in, log-out and password reset: HTML forms (/signup, /login …)
// and JSON twins (/api/signup, /api/login …). Pages an e-mailed link opens only show a button;
// the POST behind it does the work.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { confirmEmailChange } from '../../../commands/accounts/change-email.js';
import { LINK_DEAD, emailTokenUsable } from '../../../commands/accounts/email-token.js';
import { requestPasswordReset, resetPassword } from '../../../commands/accounts/password-reset.js';
import { startSession } from '../../../commands/accounts/sessions.js';
import { passwordStep } from '../../../commands/accounts/two-step-log-in.js';
import { signUp } from '../../../commands/accounts/sign-up.js';
import { verifyEmail } from '../../../commands/accounts/verify-email.js';
import type { EmailTokenPurpose } from '../../../domain/account.js';
import type { WebDeps } from '../../deps.js';
import type { SafeHtml } from '../../html.js';
import { requestClientIp } from '../../client-ip.js';
import { PUBLIC, SESSION } from '../../middleware/access.js';
import { PendingLoginCookie } from '../../middleware/pending-login-cookie.js';
import { parseOr400 } from '../../validate.js';
import { forgotPasswordPage, logInPage, messagePage, resetPasswordPage, signUpPage, tokenButtonPage } from '../../views/account.js';
import { accountContext } from './context.js';
import { registerFormAction } from './form-action.js';
import { DoneQuery, EmptyBody, ForgotPasswordBody, LogInBody, ResetPasswordBody, SignUpBody, TokenBody, TokenQuery } from './schema.js';

const HTML = 'text/html; charset=utf-8';

const LOGIN_NOTES = {
  reset: 'Your password is changed and every session was logged out. Log in with the new password.',
  verified: 'Your address is confirmed. Log in to go on.',
  password: undefined,
  email: undefined,
  logout: 'You are logged out.',
  verification: undefined,
  name: undefined,
} as const;

const MAIL_SENT = 'If that address can receive mail, a message with a link is on its way. The link works for 48 hours.';

export function registerAccountRoutes(app: FastifyInstance, deps: WebDeps): void {
  const ctx = accountContext(deps);
  const send = (reply: FastifyReply, page: SafeHtml, status = 200) => reply.code(status).type(HTML).send(page.value);
  const pendingCookie = new PendingLoginCookie(deps.config.baseUrl.protocol === 'https:');

  app.get('/signup', async (_request, reply) => send(reply, signUpPage()));
  registerFormAction(app, {
    path: '/signup',
    access: PUBLIC,
    schema: SignUpBody,
    form: (state) => signUpPage(state),
    run: async (input) => {
      await signUp(ctx, input);
      return { kind: 'page', page: messagePage('Check your mail', MAIL_SENT), json: { ok: true, message: MAIL_SENT } };
    },
  });

  app.get('/login', async (request, reply) => {
    const { done } = parseOr400(DoneQuery, request.query);
    return send(reply, logInPage({ notice: done ? LOGIN_NOTES[done] : undefined }));
  });
  registerFormAction(app, {
    path: '/login',
    access: PUBLIC,
    schema: LogInBody,
    form: (state) => logInPage(state),
    run: async (input, request, reply) => {
      const step = await passwordStep(ctx, input, requestClientIp(request, deps.config));
      if (step.kind === 'second_factor') {
        pendingCookie.set(reply, step.pendingToken);
        return { kind: 'redirect', to: '/login/two-factor', json: { ok: true, secondFactor: true, next: '/api/login/two-factor' } };
      }
      const userId = step.userId;
      // A new session id at every log-in (no fixation); the browser's old session, if any, ends.
      await deps.sessions.end(request, reply);
      const started = await startSession(deps.store.db, userId, deps.now());
      deps.sessions.set(reply, started);
      return { kind: 'redirect', to: '/account', json: { ok: true, csrfToken: started.csrfToken } };
    },
  });

  registerFormAction(app, {
    path: '/logout',
    access: SESSION,
    schema: EmptyBody,
    run: async (_input, request, reply) => {
      await deps.sessions.end(request, reply);
      return { kind: 'redirect', to: '/login?done=logout', json: { ok: true } };
    },
  });

  /** GET of an e-mailed link: a page with a button, or why the link is dead. */
  const linkPage = (path: string, purpose: EmailTokenPurpose, page: (token: string) => SafeHtml) =>
    app.get(path, async (request: FastifyRequest, reply) => {
      const { token } = parseOr400(TokenQuery, request.query);
      if (!(await emailTokenUsable(ctx, token, purpose))) return send(reply, messagePage('This link does not work', LINK_DEAD), 400);
      return send(reply, page(token));
    });

  linkPage('/verify-email', 'verify_email', (token) => tokenButtonPage('Confirm your e-mail address', '/verify-email', token, 'Confirm my address'));
  registerFormAction(app, {
    path: '/verify-email',
    access: PUBLIC,
    schema: TokenBody,
    run: async (input) => {
      await verifyEmail(ctx, input.token);
      return { kind: 'redirect', to: '/login?done=verified', json: { ok: true } };
    },
  });

  app.get('/forgot-password', async (_request, reply) => send(reply, forgotPasswordPage()));
  registerFormAction(app, {
    path: '/forgot-password',
    access: PUBLIC,
    schema: ForgotPasswordBody,
    form: (state) => forgotPasswordPage(state),
    run: async (input) => {
      await requestPasswordReset(ctx, input);
      return { kind: 'page', page: messagePage('Check your mail', MAIL_SENT), json: { ok: true, message: MAIL_SENT } };
    },
  });

  linkPage('/reset-password', 'reset_password', (token) => resetPasswordPage(token));
  registerFormAction(app, {
    path: '/reset-password',
    access: PUBLIC,
    schema: ResetPasswordBody,
    form: (state, request) => resetPasswordPage(parseOr400(ResetPasswordBody.pick({ token: true }), request.body).token, state),
    run: async (input, _request, reply) => {
      await resetPassword(ctx, input);
      deps.sessions.clear(reply);
      return { kind: 'redirect', to: '/login?done=reset', json: { ok: true } };
    },
  });

  linkPage('/account/email/confirm', 'change_email', (token) =>
    tokenButtonPage('Confirm your new e-mail address', '/account/email/confirm', token, 'Move my account to this address'),
  );
  registerFormAction(app, {
    path: '/account/email/confirm',
    access: PUBLIC,
    schema: TokenBody,
    run: async (input, request) => {
      // The confirming browser keeps its session if it is the account's; every other one ends.
      const session = await deps.sessions.current(request);
      await confirmEmailChange(ctx, input.token, session?.id);
      const text = 'Your account now uses the new address, and every other session of it was logged out.';
      return { kind: 'page', page: messagePage('Address changed', text, { href: '/account', label: 'Your account' }), json: { ok: true } };
    },
  });
}
