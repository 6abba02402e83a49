// Sends a cached response, gzipped when the client accepts it (the gzip form is made once per
// render by PageCache). Caches between us and the reader are told the body varies by encoding.
import type { FastifyReply, FastifyRequest } from 'fastify';
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

export function sendCached(request: FastifyRequest, reply: FastifyReply, cached: CachedResponse) {
  reply.code(cached.status).type(cached.type).header('vary', 'Accept-Encoding');
  if (cached.gzip && acceptsGzip(request.headers['accept-encoding'])) {
    return reply.header('content-encoding', 'gzip').send(cached.gzip);
  }
  return reply.send(cached.body);
}
