// The cookie of a pending two-step log-in (commands/accounts/two-step-log-in.ts): the password was
// right, the second factor is still to come. HttpOnly, SameSite=Strict (the second step is a POST
// from this site's own page), Path=/, as long as the pending log-in lives; __Host- on https.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PENDING_LOGIN_MINUTES } from '../../commands/accounts/two-step-log-in.js';

const BASE_NAME = 'paperboy_pending_login';

export class PendingLoginCookie {
  readonly name: string;
  constructor(private readonly https: boolean) {
    this.name = https ? `__Host-${BASE_NAME}` : BASE_NAME;
  }

  token(request: FastifyRequest): string | undefined {
    return (request.cookies as Record<string, string | undefined> | undefined)?.[this.name];
  }

  set(reply: FastifyReply, token: string): void {
    reply.setCookie(this.name, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: this.https, maxAge: PENDING_LOGIN_MINUTES * 60 });
  }

  clear(reply: FastifyReply): void {
    reply.clearCookie(this.name, { httpOnly: true, sameSite: 'strict', path: '/', secure: this.https });
  }
}
