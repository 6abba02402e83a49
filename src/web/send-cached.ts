// Sends a cached response, gzipped when the client accepts it (the gzip form is made once per
// render by PageCache), with its validators: ETag and Last-Modified, and 304 Not Modified without a
// body when the request's If-None-Match or If-Modified-Since shows the client already has it
// (RFC 9110 §13.1, evaluated by the `fresh` package as Express does). Caches between us and the
// reader are told the body varies by encoding.
import type { FastifyReply, FastifyRequest } from 'fastify';
import fresh from 'fresh';
import type { CachedResponse } from './page-cache.js';

/** True when Accept-Encoding lists gzip without refusing it (q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** True when a GET or HEAD of a 200 response may be answered 304 (the client's copy is current). */
export function notModified(request: FastifyRequest, cached: CachedResponse): boolean {
  if (cached.status !== 200 || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  return fresh(request.headers, { etag: cached.etag, 'last-modified': cached.lastModified.toUTCString() });
}

export function sendCached(request: FastifyRequest, reply: FastifyReply, cached: CachedResponse) {
  reply.header('vary', 'Accept-Encoding');
  if (cached.status === 200) reply.header('etag', cached.etag).header('last-modified', cached.lastModified.toUTCString());
  if (notModified(request, cached)) return reply.code(304).send();
  reply.code(cached.status).type(cached.type);
  if (cached.gzip && acceptsGzip(request.headers['accept-encoding'])) {
    return reply.header('content-encoding', 'gzip').send(cached.gzip);
  }
  return reply.send(cached.body);
}
