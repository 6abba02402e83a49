// The logged-in account: its page (/account, JSON twin /api/account, which also hands scripts the
// CSRF token) and the changes made from it. Every POST here needs the session and its CSRF token.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { changeDisplayName } from '../../../commands/accounts/change-display-name.js';
import { changePassword } from '../../../commands/accounts/change-password.js';
import { requestEmailChange } from '../../../commands/accounts/change-email.js';
import { deleteAccount } from '../../../commands/accounts/delete-account.js';
import { startSession } from '../../../commands/accounts/sessions.js';
import { sendVerification } from '../../../commands/accounts/sign-up.js';
import { badRequest } from '../../../domain/errors.js';
import type { WebDeps } from '../../deps.js';
import { SESSION } from '../../middleware/access.js';
import { parseOr400 } from '../../validate.js';
import { accountPage, logInPage, messagePage, type FormState } from '../../views/account.js';
import { accountContext, accountJson } from './context.js';
import { registerFormAction } from './form-action.js';
import { ChangeEmailBody, ChangePasswordBody, DeleteAccountBody, DisplayNameBody, DoneQuery, EmptyBody } from './schema.js';

const NOTES = {
  password: 'Your password is changed. Every other session of your account was logged out.',
  email: 'A confirmation link is on its way to the new address. The account moves when you press its button.',
  verification: 'A new verification link is on its way.',
  name: 'Your public name is changed.',
  reset: undefined,
  verified: undefined,
  logout: undefined,
} as const;

export function registerAccountManageRoutes(app: FastifyInstance, deps: WebDeps): void {
  const ctx = accountContext(deps);
  const form = async (state: FormState, request: FastifyRequest) => {
    const session = await deps.sessions.current(request);
    return session ? accountPage(session, state) : logInPage(state);
  };

  app.get('/account', async (request, reply) => {
    const session = await deps.sessions.require(request, reply);
    const { done } = parseOr400(DoneQuery, request.query);
    return reply.type('text/html; charset=utf-8').send(accountPage(session, { notice: done ? NOTES[done] : undefined }).value);
  });
  app.get('/api/account', async (request, reply) => accountJson(await deps.sessions.require(request, reply)));

  registerFormAction(app, {
    path: '/account/password',
    access: SESSION,
    schema: ChangePasswordBody,
    form,
    run: async (input, request, reply) => {
      const session = await deps.sessions.checked(request);
      await changePassword(ctx, session.userId, { currentPassword: input.current_password, newPassword: input.new_password });
      // Every session ended, this one too; the browser that changed it gets a fresh one (which
      // keeps this one's second factor: the password change proved nothing less).
      const started = await startSession(deps.store.db, session.userId, deps.now(), session.mfa);
      deps.sessions.set(reply, started);
      return { kind: 'redirect', to: '/account?done=password', json: { ok: true, csrfToken: started.csrfToken } };
    },
  });

  registerFormAction(app, {
    path: '/account/display-name',
    access: SESSION,
    schema: DisplayNameBody,
    form,
    run: async (input, request) => {
      const session = await deps.sessions.checked(request);
      const name = await changeDisplayName(ctx, session.userId, input.display_name);
      return { kind: 'redirect', to: '/account?done=name', json: { ok: true, message: `Your public name is now ${name}.` } };
    },
  });

  registerFormAction(app, {
    path: '/account/email',
    access: SESSION,
    schema: ChangeEmailBody,
    form,
    run: async (input, request) => {
      const session = await deps.sessions.checked(request);
      await requestEmailChange(ctx, session.userId, { currentPassword: input.current_password, newEmail: input.new_email });
      return { kind: 'redirect', to: '/account?done=email', json: { ok: true, message: NOTES.email } };
    },
  });

  registerFormAction(app, {
    path: '/account/verification',
    access: SESSION,
    schema: EmptyBody,
    form,
    run: async (_input, request) => {
      const session = await deps.sessions.checked(request);
      if (session.emailVerified) throw badRequest('Your address is already confirmed.');
      await sendVerification(ctx, session.userId, session.email);
      return { kind: 'redirect', to: '/account?done=verification', json: { ok: true, message: NOTES.verification } };
    },
  });

  registerFormAction(app, {
    path: '/account/delete',
    access: SESSION,
    schema: DeleteAccountBody,
    form,
    run: async (input, request, reply) => {
      const session = await deps.sessions.checked(request);
      await deleteAccount(ctx, session.userId, { currentPassword: input.current_password });
      deps.sessions.clear(reply);
      const text = 'Your account is deleted: its address and password are gone, and every session is logged out.';
      return { kind: 'page', page: messagePage('Account deleted', text, { href: '/', label: "Today's papers" }), json: { ok: true } };
    },
  });
}
