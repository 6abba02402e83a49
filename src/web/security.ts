// Security headers on every response (pages, JSON, static files, errors), and a charset on every
// text body. The CSP allows scripts and styles from this origin only: no inline script, no eval.
import type { FastifyInstance } from 'fastify';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** HSTS max-age when served over https (s): one year, the common preload minimum. */
const HSTS_MAX_AGE_S = 31_536_000;

/** The headers every response carries. */
export function securityHeaders(https: boolean): Readonly<Record<string, string>> {
  return Object.freeze({
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    ...(https ? { 'strict-transport-security': `max-age=${HSTS_MAX_AGE_S}; includeSubDomains` } : {}),
  });
}

export function registerSecurityHeaders(app: FastifyInstance, https: boolean): void {
  const headers = securityHeaders(https);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(headers);
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && /^(text\/|application\/(json|javascript|xml|rss\+xml|atom\+xml))/.test(type) && !/charset=/i.test(type)) {
      reply.header('content-type', `${type}; charset=utf-8`);
    }
    return payload;
  });
}
