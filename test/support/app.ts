// The real app in-process on a fresh store, for HTTP tests (requests go through app.inject).
import type { FastifyInstance } from 'fastify';
import { parseConfig, type Config } from '../../src/config.js';
import { mailerFromConfig } from '../../src/email/mailer-from-config.js';
import type { Mailer } from '../../src/email/mailer.js';
import type { Store } from '../../src/store/db.js';
import { buildApp } from '../../src/web/app.js';

function testConfig(env: Record<string, string>): Config {
  return parseConfig({
    PAPERBOY_DATA_DIR: '/nonexistent-test-dir',
    PAPERBOY_LOG_LEVEL: 'silent',
    PAPERBOY_PAGE_CACHE_SECONDS: '0',
    PAPERBOY_BASE_URL: 'http://paperboy.test',
    ...env,
  });
}

export async function testApp(store: Store, env: Record<string, string> = {}): Promise<FastifyInstance> {
  return buildApp({ store, config: testConfig(env), logger: false });
}

/** The app sending its mail through the site's real SMTP transport to `smtpUrl`; close the mailer after. */
export async function smtpTestApp(store: Store, smtpUrl: string): Promise<{ app: FastifyInstance; mailer: Mailer; config: Config }> {
  const config = testConfig({ PAPERBOY_SMTP_URL: smtpUrl, PAPERBOY_MAIL_FROM: 'Paperboy <paperboy@paperboy.test>' });
  const mailer = mailerFromConfig(config);
  return { app: await buildApp({ store, config, logger: false, mailer }), mailer, config };
}
