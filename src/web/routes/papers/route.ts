// Paper pages: /papers/<arxivId> (HTML), /papers/<arxivId>.md (Markdown) and /api/papers/<arxivId>
// (the bare HF paper object). Old-style ids keep their slash (/papers/hep-th/9901001), so the id
// is the rest of the path. A versioned id redirects to the paper.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseArxivId } from '../../../domain/arxiv-id.js';
import { badRequest } from '../../../domain/errors.js';
import { getPaperPageOrThrow } from '../../../commands/paper-page.js';
import type { WebDeps } from '../../deps.js';
import { sendCached } from '../../send-cached.js';
import { hfPaper } from '../../presenters/hf.js';
import { paperMarkdown } from '../../presenters/markdown.js';
import { paperPath } from '../../views/format.js';
import { paperPageView } from '../../views/paper.js';

type Format = 'html' | 'md' | 'json';

const TYPES: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

function idFromPath(rest: string) {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rest);
  } catch {
    throw badRequest('The paper id in the address is not valid URL encoding.');
  }
  const parsed = parseArxivId(decoded);
  if (!parsed) {
    throw badRequest(`"${decoded.slice(0, 60)}" is not an arXiv id. Ids look like 2608.19880 or hep-th/9901001.`);
  }
  return parsed;
}

export function registerPaperRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { store, config, cache } = deps;

  async function show(request: FastifyRequest, reply: FastifyReply, rest: string, format: Format) {
    const parsed = idFromPath(rest);
    const suffix = format === 'md' ? '.md' : '';
    const prefix = format === 'json' ? '/api' : '';
    if (parsed.version !== null) return reply.redirect(`${prefix}${paperPath(parsed.id)}${suffix}`, 301);
    const cached = await cache.get(request.url, async () => {
      const page = await getPaperPageOrThrow(store, parsed.id);
      const url = new URL(paperPath(page.paper.id), config.baseUrl).toString();
      const body =
        format === 'html' ? paperPageView(page, config.baseUrl).value : format === 'md' ? paperMarkdown(page, url) : JSON.stringify(hfPaper(page.paper));
      return { status: 200, type: TYPES[format], body: Buffer.from(body) };
    });
    return sendCached(request, reply, cached);
  }

  app.get<{ Params: { '*': string } }>('/papers/*', async (request, reply) => {
    const rest = request.params['*'];
    return rest.endsWith('.md') ? show(request, reply, rest.slice(0, -3), 'md') : show(request, reply, rest, 'html');
  });
  app.get<{ Params: { '*': string } }>('/api/papers/*', async (request, reply) => show(request, reply, request.params['*'], 'json'));
}
