// Two-factor authentication: the account's page (/account/two-factor, JSON twin
// /api/account/two-factor), set-up, confirmation, recovery codes and turning it off (POSTs behind
// the session and its CSRF token), and the log-in's second step (/login/two-factor, public like
// /login, carried by the pending log-in cookie).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { startSession } from '../../../commands/accounts/sessions.js';
import {
  confirmTotpEnrolment,
  disableTwoFactor,
  regenerateRecoveryCodes,
  startTotpEnrolment,
  twoFactorStatus,
} from '../../../commands/accounts/two-factor.js';
import { secondFactorStep } from '../../../commands/accounts/two-step-log-in.js';
import type { WebDeps } from '../../deps.js';
import { requestClientIp } from '../../client-ip.js';
import { PUBLIC, SESSION } from '../../middleware/access.js';
import { PendingLoginCookie } from '../../middleware/pending-login-cookie.js';
import { parseOr400 } from '../../validate.js';
import type { FormState } from '../../views/account.js';
import { recoveryCodesPage, secondFactorLogInPage, twoFactorPage } from '../../views/two-factor.js';
import { accountContext } from './context.js';
import { registerFormAction } from './form-action.js';
import { DisableTwoFactorBody, EmptyBody, EnableTwoFactorBody, RecoveryCodesBody, SecondFactorBody, TwoFactorDoneQuery } from './schema.js';

const HTML = 'text/html; charset=utf-8';
const TURNED_OFF = 'Two-factor authentication is off; its secret and recovery codes are deleted.';

export function registerTwoFactorRoutes(app: FastifyInstance, deps: WebDeps): void {
  const ctx = accountContext(deps);
  const pendingCookie = new PendingLoginCookie(deps.config.baseUrl.protocol === 'https:');
  const form = async (state: FormState, request: FastifyRequest) => {
    const session = await deps.sessions.checked(request);
    return twoFactorPage(session, await twoFactorStatus(ctx, session.userId, session.email), state);
  };

  app.get('/account/two-factor', async (request, reply) => {
    const session = await deps.sessions.require(request, reply);
    const { done } = parseOr400(TwoFactorDoneQuery, request.query);
    const status = await twoFactorStatus(ctx, session.userId, session.email);
    return reply.type(HTML).send(twoFactorPage(session, status, { notice: done === 'off' ? TURNED_OFF : undefined }).value);
  });
  app.get('/api/account/two-factor', async (request, reply) => {
    const session = await deps.sessions.require(request, reply);
    const status = await twoFactorStatus(ctx, session.userId, session.email);
    return { enabled: status.enabled, sessionPassed: session.mfa, recoveryCodesLeft: status.recoveryCodesLeft, pending: status.pending ? { secret: status.pending.secret, uri: status.pending.uri } : null };
  });

  registerFormAction(app, {
    path: '/account/two-factor/setup',
    access: SESSION,
    schema: EmptyBody,
    form,
    run: async (_input, request) => {
      const session = await deps.sessions.checked(request);
      const enrolment = await startTotpEnrolment(ctx, session.userId, session.email);
      return { kind: 'redirect', to: '/account/two-factor', json: { ok: true, secret: enrolment.secret, uri: enrolment.uri } };
    },
  });

  registerFormAction(app, {
    path: '/account/two-factor/enable',
    access: SESSION,
    schema: EnableTwoFactorBody,
    form,
    run: async (input, request) => {
      const session = await deps.sessions.checked(request);
      const codes = await confirmTotpEnrolment(ctx, session.userId, session.id, { currentPassword: input.current_password, code: input.code });
      return { kind: 'page', page: recoveryCodesPage(codes, 'Two-factor authentication is on'), json: { ok: true, recoveryCodes: codes } };
    },
  });

  registerFormAction(app, {
    path: '/account/two-factor/recovery-codes',
    access: SESSION,
    schema: RecoveryCodesBody,
    form,
    run: async (input, request) => {
      const session = await deps.sessions.checked(request);
      const codes = await regenerateRecoveryCodes(ctx, session.userId, { currentPassword: input.current_password });
      return { kind: 'page', page: recoveryCodesPage(codes), json: { ok: true, recoveryCodes: codes } };
    },
  });

  registerFormAction(app, {
    path: '/account/two-factor/disable',
    access: SESSION,
    schema: DisableTwoFactorBody,
    form,
    run: async (input, request) => {
      const session = await deps.sessions.checked(request);
      await disableTwoFactor(ctx, session.userId, { currentPassword: input.current_password, code: input.code });
      return { kind: 'redirect', to: '/account/two-factor?done=off', json: { ok: true, message: TURNED_OFF } };
    },
  });

  app.get('/login/two-factor', async (_request, reply) => reply.type(HTML).send(secondFactorLogInPage().value));
  registerFormAction(app, {
    path: '/login/two-factor',
    access: PUBLIC,
    schema: SecondFactorBody,
    form: (state) => secondFactorLogInPage(state),
    run: async (input, request, reply) => {
      const userId = await secondFactorStep(ctx, pendingCookie.token(request), input.code, requestClientIp(request, deps.config));
      // The pending token ends here; the session gets a new random id (and the old session, if any, ends).
      pendingCookie.clear(reply);
      await deps.sessions.end(request, reply);
      const started = await startSession(deps.store.db, userId, deps.now(), true);
      deps.sessions.set(reply, started);
      return { kind: 'redirect', to: '/account', json: { ok: true, csrfToken: started.csrfToken } };
    },
  });
}
