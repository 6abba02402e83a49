// The real app in-process on a fresh store, for HTTP tests (requests go through app.inject).
import type { FastifyInstance } from 'fastify';
import { parseConfig } from '../../src/config.js';
import type { Store } from '../../src/store/db.js';
import { buildApp } from '../../src/web/app.js';

export async function testApp(store: Store, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = parseConfig({
    PAPERBOY_DATA_DIR: '/nonexistent-test-dir',
    PAPERBOY_LOG_LEVEL: 'silent',
    PAPERBOY_PAGE_CACHE_SECONDS: '0',
    PAPERBOY_BASE_URL: 'http://paperboy.test',
    ...env,
  });
  return buildApp({ store, config, logger: false });
}
