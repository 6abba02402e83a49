// Paper pages: /papers/<arxivId> (HTML), /papers/<arxivId>.md (Markdown) and /api/papers/<arxivId>
// (the bare HF paper object), and /api/papers/<arxivId>/similar (nearest papers by meaning). Old-style ids keep their slash (/papers/hep-th/9901001), so the id
// is the rest of the path. A versioned id redirects to the paper.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseArxivId } from '../../../domain/arxiv-id.js';
import { z } from 'zod';
import { badRequest, notFound } from '../../../domain/errors.js';
import { getPaperPageOrThrow, SIMILAR_ON_PAGE, type PaperPage } from '../../../commands/paper-page.js';
import { similarToPaper } from '../../../commands/similar-papers.js';
import { findPaper } from '../../../store/papers-read.js';
import { commentsJsonHandler } from '../comments/route.js';
import { similarJson } from '../../presenters/similar.js';
import { parseOr400 } from '../../validate.js';
import type { WebDeps } from '../../deps.js';
import { anonymousCacheKey } from '../../middleware/session.js';
import { sendCached } from '../../send-cached.js';
import { hfPaper } from '../../presenters/hf.js';
import { paperMarkdown } from '../../presenters/markdown.js';
import { paperPath, userPath } from '../../views/format.js';
import { paperPageView } from '../../views/paper.js';
import { votePageHandler } from '../votes/route.js';

type Format = 'html' | 'md' | 'json';

/** /api/papers/<id>: the HF paper object, plus the readers approved as its authors (names and profiles only). */
function paperJson(page: PaperPage) {
  return { ...hfPaper(page.paper), claimedBy: page.claimedBy.map((a) => ({ name: a.name, profile: userPath(a.userId) })) };
}

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

const SIMILAR_SUFFIX = '/similar';
const VOTE_SUFFIX = '/vote';
const COMMENTS_SUFFIX = '/comments';
export const SimilarQuery = z.object({
  limit: z.coerce.number({ message: 'limit must be a number' }).int('limit must be a whole number').min(1, 'limit is at least 1').max(50, 'limit is at most 50').default(SIMILAR_ON_PAGE),
});

export function registerPaperRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { store, config, cache } = deps;
  const commentsJson = commentsJsonHandler(deps);

  async function show(request: FastifyRequest, reply: FastifyReply, rest: string, format: Format) {
    const parsed = idFromPath(rest);
    const suffix = format === 'md' ? '.md' : '';
    const prefix = format === 'json' ? '/api' : '';
    if (parsed.version !== null) return reply.redirect(`${prefix}${paperPath(parsed.id)}${suffix}`, 301);
    const cached = await cache.get(anonymousCacheKey(request), async () => {
      const page = await getPaperPageOrThrow(store, parsed.id);
      const url = new URL(paperPath(page.paper.id), config.baseUrl).toString();
      const body =
        format === 'html' ? paperPageView(page, config.baseUrl).value : format === 'md' ? paperMarkdown(page, url) : JSON.stringify(paperJson(page));
      return { status: 200, type: TYPES[format], body: Buffer.from(body) };
    });
    return sendCached(request, reply, cached);
  }

  const votePage = votePageHandler(deps);
  app.get<{ Params: { '*': string } }>('/papers/*', async (request, reply) => {
    const rest = request.params['*'];
    // /papers/<id>/vote: the vote page (routes/votes), behind this wildcard because old-style ids have a slash.
    if (rest.endsWith(VOTE_SUFFIX)) return votePage(request, reply, rest.slice(0, -VOTE_SUFFIX.length));
    return rest.endsWith('.md') ? show(request, reply, rest.slice(0, -3), 'md') : show(request, reply, rest, 'html');
  });
  app.get<{ Params: { '*': string } }>('/api/papers/*', async (request, reply) => {
    const rest = request.params['*'];
    // /api/papers/<id>/comments: the JSON twin of the page's comment section (routes/comments).
    if (rest.endsWith(COMMENTS_SUFFIX)) return commentsJson(request, reply, idFromPath(rest.slice(0, -COMMENTS_SUFFIX.length)).id);
    if (!rest.endsWith(SIMILAR_SUFFIX)) return show(request, reply, rest, 'json');
    // /api/papers/<id>/similar: the JSON twin of the page's "Similar papers" section.
    const parsed = idFromPath(rest.slice(0, -SIMILAR_SUFFIX.length));
    const limit = parseOr400(SimilarQuery, request.query).limit;
    const cached = await cache.get(anonymousCacheKey(request), async () => {
      if (!(await findPaper(store.db, parsed.id))) throw notFound(`No paper ${parsed.id} in this catalog.`);
      const similar = await similarToPaper(store, parsed.id, limit);
      return { status: 200, type: TYPES.json, body: Buffer.from(JSON.stringify(similarJson(parsed.id, similar))) };
    });
    return sendCached(request, reply, cached);
  });
}
