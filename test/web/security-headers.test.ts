// Security headers on every response class (issue 5, item 11): page, JSON, 404, 429 and 500, as HTML
// and as JSON, plus HSTS only over https; and 500 bodies that say nothing about the failure.
import type { FastifyInstance } from 'fastify';
import { beforeEach, expect, it } from 'vitest';
import { RateLimited } from '../../src/domain/errors.js';
import { testApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';

const LEAK = 'SELECT password_hash FROM users -- /srv/paperboy/secret.key';

/** The real app, plus routes that fail the two ways a handler can fail. */
async function appWithFailures(app: FastifyInstance): Promise<FastifyInstance> {
  for (const prefix of ['', '/api']) {
    app.get(`${prefix}/test-failure/crash`, async () => {
      throw new Error(LEAK);
    });
    app.get(`${prefix}/test-failure/limited`, async () => {
      throw new RateLimited('Slow down.', 42);
    });
  }
  return app;
}

function expectSecurityHeaders(headers: Record<string, unknown>, what: string): void {
  const csp = String(headers['content-security-policy']);
  expect(csp, what).toMatch(/(^|; )script-src 'self'(;|$)/);
  expect(csp, what).toMatch(/(^|; )object-src 'none'(;|$)/);
  expect(csp, what).toMatch(/(^|; )base-uri 'none'(;|$)/);
  expect(csp, what).toMatch(/(^|; )frame-ancestors 'none'(;|$)/);
  expect(csp, what).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
}

describeEachDialect('security headers on every response class', (ctx) => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await appWithFailures(await testApp(ctx.store));
  });

  it.each([
    ['page', '/', 200, 'text/html'],
    ['JSON', '/api/daily_papers', 200, 'application/json'],
    ['404 page', '/no/such/page', 404, 'text/html'],
    ['404 JSON', '/api/no/such/thing', 404, 'application/json'],
    ['429 page', '/test-failure/limited', 429, 'text/html'],
    ['429 JSON', '/api/test-failure/limited', 429, 'application/json'],
    ['500 page', '/test-failure/crash', 500, 'text/html'],
    ['500 JSON', '/api/test-failure/crash', 500, 'application/json'],
    ['400 from the framework', '/papers/%E0%A4%A', 400, 'text/html'],
  ])('%s carries them', async (what, url, status, type) => {
    const res = await app.inject(url);
    expect(res.statusCode, what).toBe(status);
    expect(res.headers['content-type'], what).toMatch(new RegExp(`^${type}; charset=utf-8`));
    expectSecurityHeaders(res.headers, what);
    expect(res.headers['strict-transport-security'], what).toBeUndefined();
  });

  it('answers 429 with Retry-After in seconds', async () => {
    const res = await app.inject('/api/test-failure/limited');
    expect(res.headers['retry-after']).toBe('42');
    expect(res.json()).toEqual({ error: 'too_many_requests', message: 'Slow down.' });
  });

  it('answers 500 with a generic body that leaks nothing of the failure', async () => {
    const page = await app.inject('/test-failure/crash');
    const json = await app.inject('/api/test-failure/crash');
    for (const body of [page.body, json.body]) {
      expect(body).not.toContain('password_hash');
      expect(body).not.toContain('secret.key');
      expect(body).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
    }
    expect(json.json()).toEqual({ error: 'internal', message: 'The server could not complete this request. It has been logged.' });
  });

  it('adds HSTS on every class when the site is served over https', async () => {
    const https = await appWithFailures(await testApp(ctx.store, { PAPERBOY_BASE_URL: 'https://paperboy.test' }));
    for (const url of ['/', '/api/daily_papers', '/no/such/page', '/api/test-failure/limited', '/test-failure/crash']) {
      const res = await https.inject(url);
      expectSecurityHeaders(res.headers, url);
      expect(res.headers['strict-transport-security'], url).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
    }
  });
});
