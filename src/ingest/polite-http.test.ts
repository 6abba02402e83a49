// The arXiv gateway against the fake arXiv on loopback. A fake clock whose sleep advances time lets
// the spacing, backoff and Retry-After waits be asserted exactly without waiting real seconds; the
// server reads the same clock, so spacing is measured on its side. Only timeouts take real time.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeArxivServer, reply, type RequestMatcher } from '../../test/support/fake-arxiv-server.js';
import {
  ArxivHttpError,
  ArxivUnavailableError,
  PoliteHttpClient,
  RequestTimeoutError,
  backoffDelayMs,
  parseRetryAfterMs,
  type AttemptEvent,
  type Clock,
  type PoliteHttpOptions,
} from './polite-http.js';

const T0 = Date.parse('2026-01-01T00:00:00Z');
const RAW_LIST = 'oai-pmh/arXivRaw_ListRecords_2015_with_resumptionToken.xml';
const OAI: RequestMatcher = { path: '/oai2' };

function fakeClock(start = T0): Clock & { sleeps: number[] } {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
      await new Promise((resolve) => setImmediate(resolve)); // let other work interleave, as a real wait would
    },
  };
}

let server: FakeArxivServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(options: Partial<PoliteHttpOptions> = {}) {
  const clock = fakeClock();
  const events: AttemptEvent[] = [];
  server = await FakeArxivServer.start({ now: () => clock.now() });
  const client = new PoliteHttpClient({
    contactEmail: 'ops@paperboy.test',
    baseUrl: new URL('http://paperboy.test'),
    clock,
    random: () => 0.5,
    onAttempt: (e) => events.push(e),
    ...options,
  });
  const gaps = () => server?.requests.slice(1).map((r, i) => r.at - (server?.requests[i]?.at ?? 0)) ?? [];
  return { s: server, client, clock, events, gaps };
}

describe('PoliteHttpClient', () => {
  it('spaces request starts ≥ 3 s apart and keeps one in flight, in FIFO order, when 5 are issued at once', async () => {
    const { s, client, gaps } = await setup();
    s.always(OAI, reply.fixture(RAW_LIST));
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => client.get(`${s.oaiUrl}?verb=ListRecords&n=${n}`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(results[0]?.url).toBe(`${s.oaiUrl}?verb=ListRecords&n=1`);
    expect(s.requests.map((r) => r.query.n)).toEqual(['1', '2', '3', '4', '5']);
    expect(gaps()).toEqual([3000, 3000, 3000, 3000]);
    expect(s.maxInFlight).toBe(1);
    expect(s.requests.every((r) => r.inFlight === 1)).toBe(true);
    expect(client.stats).toMatchObject({ requests: 5, succeeded: 5, attempts: 5, retries: 0 });
  });

  it('does not wait when the previous request started long enough ago', async () => {
    const { s, client, clock } = await setup();
    s.always(OAI, reply.body('<ok/>'));
    await client.get(s.oaiUrl);
    await clock.sleep(10_000);
    clock.sleeps.length = 0;
    await client.get(s.oaiUrl);
    expect(clock.sleeps).toEqual([]);
  });

  it('sends a User-Agent naming the site and a contact', async () => {
    const { s, client } = await setup();
    s.always(OAI, reply.body('<ok/>'));
    await client.get(s.oaiUrl);
    expect(s.requests[0]?.userAgent).toBe('Paperboy/0.1 (+http://paperboy.test/; mailto:ops@paperboy.test)');
  });

  it('honours Retry-After in seconds on 503, and reports each attempt', async () => {
    const { s, client, events, gaps } = await setup();
    s.on(OAI, [reply.status(503, { retryAfter: 20 }), reply.fixture(RAW_LIST)]);
    const res = await client.get(s.oaiUrl);
    expect(res.body).toContain('<resumptionToken');
    expect(gaps()).toEqual([20_000]);
    expect(events.map((e) => [e.attempt, e.status, e.outcome, e.retryInMs, e.waitedMs])).toEqual([
      [1, 503, 'retry', 20_000, 0],
      [2, 200, 'ok', null, 20_000],
    ]);
  });

  it('honours Retry-After as an HTTP-date on 429, capped at maxRetryAfterMs', async () => {
    const { s, client, gaps } = await setup({ maxRetryAfterMs: 60_000 });
    s.on(OAI, [
      reply.status(429, { retryAfter: new Date(T0 + 45_000).toUTCString() }),
      reply.status(503, { retryAfter: 3600 }),
      reply.body('<ok/>'),
    ]);
    await client.get(s.oaiUrl);
    expect(gaps()).toEqual([45_000, 60_000]);
  });

  it('never retries sooner than the minimum interval, even on Retry-After: 0', async () => {
    const { s, client, gaps } = await setup();
    s.on(OAI, [reply.status(503, { retryAfter: 0 }), reply.body('<ok/>')]);
    await client.get(s.oaiUrl);
    expect(gaps()).toEqual([3000]);
  });

  it('backs off exponentially with full jitter, bounded by the cap', async () => {
    const { s, client, events, gaps } = await setup({
      random: () => 0.999,
      minIntervalMs: 1000,
      allowFasterThanArxivPolicy: true,
      backoffBaseMs: 5000,
      backoffCapMs: 12_000,
      maxAttempts: 5,
    });
    s.on(OAI, [reply.status(500), reply.status(502), reply.status(503), reply.reset(), reply.body('<ok/>')]);
    await client.get(s.oaiUrl);
    expect(events.map((e) => e.retryInMs)).toEqual([4995, 9990, 11_988, 11_988, null]);
    expect(gaps()).toEqual([4995, 9990, 11_988, 11_988]);
    expect(events[3]).toMatchObject({ status: null, outcome: 'retry' });
    expect(events[3]?.error).toContain('fetch failed');
  });

  it('keeps the minimum interval when jitter draws zero', async () => {
    const { s, client, gaps } = await setup({ random: () => 0 });
    s.on(OAI, [reply.status(500), reply.status(500), reply.body('<ok/>')]);
    await client.get(s.oaiUrl);
    expect(gaps()).toEqual([3000, 3000]);
  });

  it('fails at once on 404 with ArxivHttpError', async () => {
    const { s, client, events } = await setup();
    s.on(OAI, reply.status(404, { body: 'no such thing' }));
    const error = await client.get(s.oaiUrl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArxivHttpError);
    expect(error).toMatchObject({ status: 404, body: 'no such thing', url: s.oaiUrl });
    expect(s.requests).toHaveLength(1);
    expect(events.map((e) => e.outcome)).toEqual(['rejected']);
  });

  it('throws ArxivUnavailableError after the last attempt, and the queue keeps working', async () => {
    const { s, client, events } = await setup({ maxAttempts: 3 });
    s.on(OAI, [reply.status(500), reply.status(500), reply.status(503, { body: 'down' })]);
    s.on(OAI, reply.body('<ok/>'));
    const [failed, next] = await Promise.allSettled([client.get(s.oaiUrl), client.get(s.oaiUrl)]);
    expect(failed?.status === 'rejected' && failed.reason).toBeInstanceOf(ArxivUnavailableError);
    expect(failed?.status === 'rejected' && failed.reason).toMatchObject({ url: s.oaiUrl, attempts: 3, lastStatus: 503 });
    expect(next?.status === 'fulfilled' && next.value.body).toBe('<ok/>');
    expect(events.map((e) => e.outcome)).toEqual(['retry', 'retry', 'gave-up', 'ok']);
    expect(client.stats).toMatchObject({ requests: 2, succeeded: 1, failed: 1, attempts: 4, retries: 2 });
  });

  it('times out a silent server and a stalled body, counting both as retryable', async () => {
    const { s, client, events } = await setup({ timeoutMs: 150, maxAttempts: 3 });
    s.on(OAI, [reply.hang(), reply.hangMidBody(reply.fixture(RAW_LIST)), reply.fixture(RAW_LIST)]);
    const res = await client.get(s.oaiUrl);
    expect(res.status).toBe(200);
    expect(events.map((e) => [e.status, e.outcome])).toEqual([
      [null, 'retry'],
      [null, 'retry'],
      [200, 'ok'],
    ]);
    expect(events[0]?.error).toContain('within 150 ms');
    expect(s.maxInFlight).toBe(1);
  });

  it('reports a timeout as the cause when every attempt times out', async () => {
    const { s, client } = await setup({ timeoutMs: 100, maxAttempts: 2 });
    s.always(OAI, reply.hang());
    const error = await client.get(s.oaiUrl).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArxivUnavailableError);
    expect(error).toMatchObject({ attempts: 2, lastStatus: null });
    expect((error as ArxivUnavailableError).lastCause).toBeInstanceOf(RequestTimeoutError);
  });

  it('refuses to go faster than arXiv allows unless told it is a test, and a bad contact', () => {
    const base = { contactEmail: 'ops@paperboy.test', baseUrl: new URL('http://paperboy.test') };
    expect(() => new PoliteHttpClient({ ...base, minIntervalMs: 2999 })).toThrow('allowFasterThanArxivPolicy');
    expect(() => new PoliteHttpClient({ ...base, minIntervalMs: 10, allowFasterThanArxivPolicy: true })).not.toThrow();
    expect(() => new PoliteHttpClient({ ...base, contactEmail: 'ops\r\nX-Evil: 1' })).toThrow('contactEmail');
  });

  it('rejects a non-HTTP URL without sending anything', async () => {
    const { s, client } = await setup();
    await expect(client.get('file:///etc/passwd')).rejects.toThrow('not an HTTP(S) URL');
    await expect(client.get('not a url')).rejects.toThrow('not an HTTP(S) URL');
    expect(s.requests).toHaveLength(0);
  });
});

describe('backoffDelayMs', () => {
  it('stays within [0, min(cap, base·2^(attempt−1))]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.integer({ min: 0, max: 600_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, base, cap, r) => {
          const d = backoffDelayMs(attempt, base, cap, () => r);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(Math.min(cap, base * 2 ** (attempt - 1)));
          expect(Number.isInteger(d)).toBe(true);
        },
      ),
    );
  });
});

describe('parseRetryAfterMs', () => {
  it.each([
    ['120', 120_000],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60_000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['Thursday, 01-Jan-26 00:00:30 GMT', 30_000],
    ['1.5', null],
    ['-1', null],
    ['soon', null],
    ['Thu, 99 Foo 2026', null],
  ])('reads %j', (value, expected) => {
    expect(parseRetryAfterMs(value, T0)).toBe(expected);
  });

  it('reads nothing when absent', () => {
    expect(parseRetryAfterMs(null, T0)).toBeNull();
  });
});
