// One account action as an HTML form POST and its JSON twin under /api: the same schema and command;
// the form answers with a redirect or a page (a failed form is shown again with the error), the
// twin with JSON (errors go to the app's error handler).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, RateLimited } from '../../../domain/errors.js';
import type { SafeHtml } from '../../html.js';
import type { RouteAccess } from '../../middleware/access.js';
import { parseOr400 } from '../../validate.js';
import type { FormState } from '../../views/account.js';

const HTML = 'text/html; charset=utf-8';

export type Outcome =
  | { readonly kind: 'redirect'; readonly to: string; readonly json: object; readonly status?: number }
  | { readonly kind: 'page'; readonly page: SafeHtml; readonly json: object; readonly status?: number };

export interface FormAction<S extends z.ZodType> {
  readonly path: string;
  readonly access: RouteAccess;
  readonly schema: S;
  readonly run: (input: z.infer<S>, request: FastifyRequest, reply: FastifyReply) => Promise<Outcome>;
  /** The form again, with the error; for forms shown on a page of their own. */
  readonly form?: (state: FormState, request: FastifyRequest) => Promise<SafeHtml> | SafeHtml;
}

/** The address typed in a failed form, to fill it in again (never a password). */
function typedEmail(body: unknown): string | undefined {
  return typeof body === 'object' && body !== null && 'email' in body && typeof body.email === 'string' ? body.email.slice(0, 254) : undefined;
}

export function registerFormAction<S extends z.ZodType>(app: FastifyInstance, action: FormAction<S>): void {
  const config = { access: action.access };
  app.post(action.path, { config }, async (request, reply) => {
    try {
      const outcome = await action.run(parseOr400(action.schema, request.body), request, reply);
      if (outcome.kind === 'redirect') return reply.redirect(outcome.to, 303);
      return reply.code(outcome.status ?? 200).type(HTML).send(outcome.page.value);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500 || !action.form) throw err;
      if (err instanceof RateLimited) reply.header('retry-after', String(err.retryAfterSeconds));
      const page = await action.form({ error: err.message, email: typedEmail(request.body) }, request);
      return reply.code(err.status).type(HTML).send(page.value);
    }
  });
  app.post(`/api${action.path}`, { config }, async (request, reply) => {
    const outcome = await action.run(parseOr400(action.schema, request.body), request, reply);
    return reply.code(outcome.status ?? 200).send(outcome.json);
  });
}
