// /api/openapi.json (the OpenAPI 3.1 document of every JSON endpoint) and /api/docs (the same as a
// server-rendered page). Both are built once per process: they change only with the code.
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../../deps.js';
import { openApiDocument } from '../../openapi/document.js';
import { sendCached } from '../../send-cached.js';
import { apiDocsPage } from '../../views/api-docs.js';

export function registerApiDocsRoutes(app: FastifyInstance, deps: WebDeps): void {
  const { cache, config } = deps;
  let doc: ReturnType<typeof openApiDocument> | undefined;
  const document = () => (doc ??= openApiDocument(config.baseUrl));
  // Not behind anonymousCacheKey: neither answer depends on who asks.
  app.get('/api/openapi.json', async (request, reply) => {
    const cached = await cache.get('/api/openapi.json', async () => ({ status: 200, type: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(document())) }));
    return sendCached(request, reply, cached);
  });
  app.get('/api/docs', async (request, reply) => {
    const cached = await cache.get('/api/docs', async () => ({ status: 200, type: 'text/html; charset=utf-8', body: Buffer.from(apiDocsPage(document()).value) }));
    return sendCached(request, reply, cached);
  });
}
