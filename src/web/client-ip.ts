// The client address of a request (domain/client-ip.ts): the configured trusted proxy's header,
// else the socket. Fastify's own trustProxy stays off, so request.ip is always the socket's.
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { clientIp } from '../domain/client-ip.js';

export function requestClientIp(request: FastifyRequest, config: Config): string {
  const proxy = config.trustedProxy;
  return clientIp(request.ip, proxy ? request.headers[proxy.header] : undefined, proxy);
}
