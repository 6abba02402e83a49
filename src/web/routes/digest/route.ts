// /digest/preview (the digest's HTML part exactly as mailed) and its JSON twin /api/digest/preview
// (the sections, subject and both parts), both from digestPreview. The HTML part carries its own
// inline styles, which the site's CSP (style-src 'self') would block, so this one page is served
// with a CSP of its own that allows inline styles and nothing else: no script, no remote image,
// no form, no framing. Anonymous responses go through the page cache like the feeds.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { digestPreview, type DigestPreview } from '../../../commands/digest-preview.js';
import { digestSite } from '../../../commands/send-digests.js';
import type { WebDeps } from '../../deps.js';
import { anonymousCacheKey } from '../../middleware/session.js';
import { digestPreviewJson } from '../../presenters/digest.js';
import { sendCached } from '../../send-cached.js';
import { parseOr400 } from '../../validate.js';
import { DigestPreviewQuery } from './schema.js';

const HTML = 'text/html; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

/** The mail's HTML may style itself inline; everything else stays shut. */
export const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function registerDigestRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { store, config, cache } = deps;
  const site = digestSite(config);

  async function send(request: FastifyRequest, reply: FastifyReply, type: string, render: () => Promise<string>) {
    const cached = await cache.get(anonymousCacheKey(request), async () => ({ status: 200, type, body: Buffer.from(await render()) }));
    return sendCached(request, reply, cached);
  }

  const preview = (request: FastifyRequest): (() => Promise<DigestPreview>) => {
    const q = parseOr400(DigestPreviewQuery, request.query);
    return () => digestPreview(store, site, q.period, q.date ?? null, deps.now());
  };

  app.get(
    '/digest/preview',
    {
      // Runs after the app-wide security headers (route hooks follow app hooks), replacing its CSP.
      onSend: async (_request, reply, payload) => {
        reply.header('content-security-policy', PREVIEW_CSP);
        return payload;
      },
    },
    async (request, reply) => {
      const load = preview(request);
      return send(request, reply, HTML, async () => (await load()).rendered.html);
    },
  );
  app.get('/api/digest/preview', async (request, reply) => {
    const load = preview(request);
    return send(request, reply, JSON_TYPE, async () => JSON.stringify(digestPreviewJson(await load())));
  });
}
