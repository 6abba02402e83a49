// Configuration pointing Paperboy's arXiv client at a fake server on loopback.
import { parseConfig, type Config } from '../../src/config.js';
import { ArxivClient } from '../../src/ingest/arxiv-client.js';
import type { FakeArxivServer } from './fake-arxiv-server.js';

export const CONTACT = 'ops@paperboy.test';

export function arxivEnv(server: FakeArxivServer, minIntervalMs: number): Record<string, string> {
  return {
    PAPERBOY_ARXIV_API_URL: server.apiUrl,
    PAPERBOY_OAI_URL: server.oaiUrl,
    PAPERBOY_ARXIV_MIN_INTERVAL_MS: String(minIntervalMs),
    PAPERBOY_CONTACT_EMAIL: CONTACT,
    PAPERBOY_LOG_LEVEL: 'silent',
  };
}

export function arxivTestClient(server: FakeArxivServer, minIntervalMs = 20): { config: Config; client: ArxivClient } {
  const config = parseConfig({ ...arxivEnv(server, minIntervalMs), PAPERBOY_BASE_URL: 'http://paperboy.test' });
  // Fast retries: the polite waits are asserted in polite-http's own tests with a fake clock.
  return { config, client: new ArxivClient({ config: config.arxiv, siteUrl: config.baseUrl, random: () => 0.001 }) };
}
