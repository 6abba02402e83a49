// Personal API tokens in account settings: /account/tokens (HTML) and /api/account/tokens (JSON)
// list them; POST /account/tokens makes one (shown once, in the answer), POST
// /account/tokens/<id>/revoke revokes one; each with its JSON twin under /api. Session routes: a
// token cannot make or revoke tokens.
import type { FastifyInstance } from 'fastify';
import { createApiTokenOrThrow, listApiTokens, revokeApiTokenOrThrow, type ApiToken, type CreatedApiToken } from '../../../commands/accounts/api-tokens.js';
import type { WebDeps } from '../../deps.js';
import { SESSION } from '../../middleware/access.js';
import { parseOr400 } from '../../validate.js';
import { apiTokensPage } from '../../views/api-tokens.js';
import { registerFormAction } from './form-action.js';
import { ApiTokenParams, CreateApiTokenBody, EmptyBody, TokensDoneQuery } from './schema.js';

/** The JSON of a token: an explicit whitelist (never the hash). */
export function apiTokenJson(t: ApiToken) {
  return { id: t.id, name: t.name, prefix: t.prefix, scopes: t.scopes, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt };
}

function createdJson(t: CreatedApiToken) {
  return { ...apiTokenJson(t), token: t.token };
}

export function registerApiTokenRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { store } = deps;

  app.get('/account/tokens', async (request, reply) => {
    const session = await deps.sessions.require(request, reply);
    const { done } = parseOr400(TokensDoneQuery, request.query);
    const notice = done === 'revoked' ? 'The token is revoked: requests made with it now fail.' : undefined;
    return reply.type('text/html; charset=utf-8').send(apiTokensPage(session, await listApiTokens(store.db, session.userId), { notice }).value);
  });
  app.get('/api/account/tokens', async (request, reply) => {
    const session = await deps.sessions.require(request, reply);
    return { tokens: (await listApiTokens(store.db, session.userId)).map(apiTokenJson) };
  });

  registerFormAction(app, {
    path: '/account/tokens',
    access: SESSION,
    schema: CreateApiTokenBody,
    form: async (state, request) => {
      const session = await deps.sessions.checked(request);
      return apiTokensPage(session, await listApiTokens(store.db, session.userId), { error: state.error });
    },
    run: async (input, request) => {
      const session = await deps.sessions.checked(request);
      const created = await createApiTokenOrThrow(store.db, session.userId, input, deps.now());
      const page = apiTokensPage(session, await listApiTokens(store.db, session.userId), { created });
      return { kind: 'page', page, json: createdJson(created), status: 201 };
    },
  });

  registerFormAction(app, {
    path: '/account/tokens/:id/revoke',
    access: SESSION,
    schema: EmptyBody,
    run: async (_input, request) => {
      const { id } = parseOr400(ApiTokenParams, request.params);
      await revokeApiTokenOrThrow(store.db, (await deps.sessions.checked(request)).userId, id, deps.now());
      return { kind: 'redirect', to: '/account/tokens?done=revoked', json: { ok: true, id } };
    },
  });
}
