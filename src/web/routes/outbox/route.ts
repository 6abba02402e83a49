// /outbox (HTML), /api/outbox (JSON) and /outbox/<file>.eml (the raw message, as text): the mails
// written to the outbox folder when no SMTP relay is configured. Mails hold other people's
// addresses and the secret links in them (verification, reset, unsubscribe), so the pages are open
// only on a site whose base URL is this machine (localhost, 127.x, [::1]: nobody else can reach
// it), and otherwise to admins (401 anonymous, 403 other accounts). Never cached.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { outboxListing, outboxMail } from '../../../commands/outbox.js';
import { forbidden, notFound, unauthorized } from '../../../domain/errors.js';
import type { WebDeps } from '../../deps.js';
import { parseOr400 } from '../../validate.js';
import { outboxPage } from '../../views/outbox.js';

const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

const FileParams = z.object({ file: z.string().regex(/^[0-9TZ-]+-[0-9a-f]{8}\.eml$/, 'not an outbox file name').max(60) });

export function registerOutboxRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { config } = deps;
  const localSite = LOOPBACK_HOST.test(config.baseUrl.hostname);

  async function allow(request: FastifyRequest): Promise<void> {
    if (localSite) return;
    const session = await deps.sessions.current(request);
    if (session === null) throw unauthorized('Log in as an admin to see the outbox.');
    if (session.role !== 'admin') throw forbidden('Only admins can see the outbox.');
  }

  app.get('/outbox', async (request, reply) => {
    await allow(request);
    const listing = await outboxListing(config);
    return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8').send(outboxPage(listing).value);
  });
  app.get('/api/outbox', async (request, reply) => {
    await allow(request);
    const o = await outboxListing(config);
    return reply.header('cache-control', 'no-store').send({
      dir: o.dir,
      smtpConfigured: o.smtpConfigured,
      total: o.total,
      mails: o.entries.map((e) => ({ file: e.name, url: `/outbox/${e.name}`, to: e.to, subject: e.subject, date: e.date, messageId: e.messageId, bytes: e.bytes })),
    });
  });
  app.get('/outbox/:file', async (request, reply) => {
    const { file } = parseOr400(FileParams, request.params);
    await allow(request);
    const raw = await outboxMail(config, file);
    if (raw === null) throw notFound(`No mail ${file} in the outbox.`);
    // As text: a browser shows the message source and never renders its HTML part here.
    return reply.header('cache-control', 'no-store').type('text/plain; charset=utf-8').send(raw);
  });
}
