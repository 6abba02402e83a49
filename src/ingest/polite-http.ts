// The one gateway through which Paperboy talks to arXiv: the API (export.arxiv.org/api/query) and
// OAI-PMH (export.arxiv.org/oai2). arXiv's Terms of Use ask for at most one request every three
// seconds on a single connection (https://info.arxiv.org/help/api/tou.html), and its robot policy
// for a User-Agent naming a contact. Make ONE client per process and send every arXiv request
// through it: requests queue FIFO, run one at a time, their starts are spaced, and transient
// failures (network, timeout, 429, 5xx) are retried with backoff or the server's Retry-After.
// A request that still fails throws; its caller must then NOT advance its harvest cursor.
import { z } from 'zod';

/** arXiv API Terms of Use: "no more than 1 request every 3 seconds". */
export const ARXIV_MIN_INTERVAL_MS = 3_000;
/** One request, headers and body, must finish within this (ms). */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Attempts per request, the first included. */
export const DEFAULT_MAX_ATTEMPTS = 5;
/** Full-jitter backoff: wait random(0, min(cap, base · 2^(attempt−1))) ms after a failed attempt. */
export const DEFAULT_BACKOFF_BASE_MS = 5_000;
export const DEFAULT_BACKOFF_CAP_MS = 5 * 60_000;
/** A 429/503 Retry-After longer than this (ms) is shortened to it. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 10 * 60_000;
/** Product token of the User-Agent; keep in step with package.json's major.minor. */
export const USER_AGENT_PRODUCT = 'Paperboy/0.1';
/** setTimeout's largest delay (ms); longer ones fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** Time as the client sees it; tests inject a fake whose sleep advances `now`. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface PoliteResponse {
  readonly status: number;
  readonly body: string;
  /** The final URL, after any redirects fetch followed. */
  readonly url: string;
}

/** Reported once per attempt, after it ends, for logging. */
export interface AttemptEvent {
  readonly url: string;
  /** 1-based. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** null: no HTTP response (network error or timeout). */
  readonly status: number | null;
  /** Injected-clock ms between becoming ready (queued, or the previous attempt ending) and starting. */
  readonly waitedMs: number;
  readonly durationMs: number;
  /** ok: 2xx; retry: another attempt follows; gave-up: attempts exhausted; rejected: non-retryable status. */
  readonly outcome: 'ok' | 'retry' | 'gave-up' | 'rejected';
  /** For `retry`: the backoff or Retry-After wait before the next attempt (spacing may add to it). */
  readonly retryInMs: number | null;
  readonly error: string | null;
}

export interface PoliteHttpStats {
  readonly requests: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly attempts: number;
  readonly retries: number;
  readonly waitedMs: number;
}

const ms = z.number().int().nonnegative().max(MAX_TIMER_MS);

const Settings = z
  .object({
    /** Who arXiv can write to about this harvester; goes into the User-Agent. */
    contactEmail: z.email(),
    /** The site's public URL (Config.baseUrl); goes into the User-Agent. */
    baseUrl: z.instanceof(URL),
    minIntervalMs: ms.default(ARXIV_MIN_INTERVAL_MS),
    /** Tests only: permits minIntervalMs below arXiv's 3 s. */
    allowFasterThanArxivPolicy: z.boolean().default(false),
    timeoutMs: ms.min(1).default(DEFAULT_TIMEOUT_MS),
    maxAttempts: z.number().int().min(1).max(100).default(DEFAULT_MAX_ATTEMPTS),
    backoffBaseMs: ms.default(DEFAULT_BACKOFF_BASE_MS),
    backoffCapMs: ms.default(DEFAULT_BACKOFF_CAP_MS),
    maxRetryAfterMs: ms.default(DEFAULT_MAX_RETRY_AFTER_MS),
  })
  .refine((s) => s.allowFasterThanArxivPolicy || s.minIntervalMs >= ARXIV_MIN_INTERVAL_MS, {
    path: ['minIntervalMs'],
    message: `arXiv allows one request every ${ARXIV_MIN_INTERVAL_MS} ms; pass allowFasterThanArxivPolicy only in tests`,
  });
type Settings = z.output<typeof Settings>;

export type PoliteHttpOptions = z.input<typeof Settings> & {
  readonly clock?: Clock;
  /** Uniform in [0, 1), for backoff jitter. */
  readonly random?: () => number;
  /** Called synchronously after every attempt; must not throw. */
  readonly onAttempt?: (event: AttemptEvent) => void;
};

/** Every attempt failed transiently. Loud on purpose: the caller keeps its cursor where it was. */
export class ArxivUnavailableError extends Error {
  override readonly name = 'ArxivUnavailableError';
  constructor(
    readonly url: string,
    readonly attempts: number,
    /** Status of the last attempt; null when it got no response. */
    readonly lastStatus: number | null,
    readonly lastCause: unknown,
  ) {
    super(`arXiv unavailable: ${url} failed ${attempts} attempt(s), last: ${lastStatus ?? describe(lastCause)}`, { cause: lastCause });
  }
}

/** arXiv answered with a status that retrying cannot fix (4xx other than 429, or an unfollowed 3xx). */
export class ArxivHttpError extends Error {
  override readonly name = 'ArxivHttpError';
  constructor(
    readonly url: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(`arXiv answered HTTP ${status} for ${url}: ${body.slice(0, 200)}`);
  }
}

/** One attempt took longer than timeoutMs; retried like a network error. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`no complete response from ${url} within ${timeoutMs} ms`);
  }
}

/** `Paperboy/0.1 (+https://example.org/; mailto:ops@example.org)` */
export function userAgent(baseUrl: URL, contactEmail: string): string {
  return `${USER_AGENT_PRODUCT} (+${baseUrl.href}; mailto:${contactEmail})`;
}

/** Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015) after failed attempt `attempt` (1-based). */
export function backoffDelayMs(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.min(ceiling, Math.floor(random() * ceiling));
}

/** Retry-After (RFC 9110 §10.2.3) as ms from `nowMs`: delay-seconds or an HTTP-date; null if absent or unreadable. */
export function parseRetryAfterMs(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // All three HTTP-date forms (IMF-fixdate, RFC 850, asctime) start with a day name.
  if (!/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/.test(v)) return null;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

function describe(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  // Node's fetch rejects with TypeError('fetch failed') and puts the socket error in `cause`.
  return cause.cause instanceof Error ? `${cause.message}: ${cause.cause.message}` : cause.message;
}

type AttemptResult =
  | { readonly kind: 'ok'; readonly response: PoliteResponse }
  | { readonly kind: 'rejected'; readonly status: number; readonly body: string }
  | { readonly kind: 'retry'; readonly status: number | null; readonly cause: unknown; readonly retryAfterMs: number | null };

export class PoliteHttpClient {
  readonly userAgent: string;
  private readonly settings: Settings;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly onAttempt: ((event: AttemptEvent) => void) | undefined;
  /** Settles when the previous request is done; requests chain onto it, so they run FIFO, one at a time. */
  private tail: Promise<unknown> = Promise.resolve();
  private lastStartAt: number | null = null;
  private counts = { requests: 0, succeeded: 0, failed: 0, attempts: 0, retries: 0, waitedMs: 0 };

  constructor(options: PoliteHttpOptions) {
    const { clock, random, onAttempt, ...rest } = options;
    const parsed = Settings.safeParse(rest);
    if (!parsed.success) throw new Error(`invalid PoliteHttpClient options:\n${z.prettifyError(parsed.error)}`);
    this.settings = parsed.data;
    this.clock = clock ?? systemClock;
    this.random = random ?? Math.random;
    this.onAttempt = onAttempt;
    this.userAgent = userAgent(parsed.data.baseUrl, parsed.data.contactEmail);
  }

  get stats(): PoliteHttpStats {
    return { ...this.counts };
  }

  /** GETs `url` politely. Resolves with a 2xx; rejects with ArxivHttpError or ArxivUnavailableError. */
  get(url: string | URL): Promise<PoliteResponse> {
    // A malformed URL fails at once: retrying would not help.
    const target = URL.canParse(String(url)) ? new URL(url) : null;
    if (target === null || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
      return Promise.reject(new Error(`not an HTTP(S) URL: ${String(url)}`));
    }
    this.counts.requests += 1;
    const enqueuedAt = this.clock.now();
    const run = this.tail.then(() => this.send(target.href, enqueuedAt));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async send(url: string, enqueuedAt: number): Promise<PoliteResponse> {
    const { maxAttempts, minIntervalMs } = this.settings;
    let readyAt = enqueuedAt; // earliest start by backoff / Retry-After, before spacing
    let waitFrom = enqueuedAt; // when this attempt began waiting: queued, or the previous attempt ended
    for (let attempt = 1; ; attempt += 1) {
      await this.waitUntil(this.lastStartAt === null ? readyAt : Math.max(readyAt, this.lastStartAt + minIntervalMs));
      const startedAt = this.clock.now();
      this.lastStartAt = startedAt;
      this.counts.attempts += 1;
      this.counts.waitedMs += startedAt - waitFrom;
      const result = await this.attempt(url);
      const endedAt = this.clock.now();
      const base = { url, attempt, maxAttempts, waitedMs: startedAt - waitFrom, durationMs: endedAt - startedAt };

      if (result.kind === 'ok') {
        this.counts.succeeded += 1;
        this.onAttempt?.({ ...base, status: result.response.status, outcome: 'ok', retryInMs: null, error: null });
        return result.response;
      }
      if (result.kind === 'rejected') {
        this.counts.failed += 1;
        this.onAttempt?.({ ...base, status: result.status, outcome: 'rejected', retryInMs: null, error: `HTTP ${result.status}` });
        throw new ArxivHttpError(url, result.status, result.body);
      }
      const error = result.status === null ? describe(result.cause) : `HTTP ${result.status}`;
      if (attempt >= maxAttempts) {
        this.counts.failed += 1;
        this.onAttempt?.({ ...base, status: result.status, outcome: 'gave-up', retryInMs: null, error });
        throw new ArxivUnavailableError(url, attempt, result.status, result.cause);
      }
      const delay =
        result.retryAfterMs === null
          ? backoffDelayMs(attempt, this.settings.backoffBaseMs, this.settings.backoffCapMs, this.random)
          : Math.min(result.retryAfterMs, this.settings.maxRetryAfterMs);
      this.counts.retries += 1;
      this.onAttempt?.({ ...base, status: result.status, outcome: 'retry', retryInMs: delay, error });
      readyAt = endedAt + delay;
      waitFrom = endedAt;
    }
  }

  /** Loops because a real timer may fire a millisecond early by Date.now(). */
  private async waitUntil(at: number): Promise<void> {
    for (let left = at - this.clock.now(); left > 0; left = at - this.clock.now()) await this.clock.sleep(left);
  }

  private async attempt(url: string): Promise<AttemptResult> {
    const { timeoutMs } = this.settings;
    // A wall-clock timer, not the injected clock: it bounds real I/O, and it covers the body too,
    // because fetch resolves at the headers and aborting the signal also fails res.text().
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const res = await fetch(url, { headers: { 'user-agent': this.userAgent }, signal: controller.signal, redirect: 'follow' });
      // Always drain the body: an unread body pins the keep-alive connection until GC.
      const body = await res.text();
      if (res.status >= 200 && res.status < 300) return { kind: 'ok', response: { status: res.status, body, url: res.url || url } };
      if (res.status === 429 || res.status >= 500) {
        const retryAfterMs =
          res.status === 429 || res.status === 503 ? parseRetryAfterMs(res.headers.get('retry-after'), this.clock.now()) : null;
        return { kind: 'retry', status: res.status, cause: new Error(`HTTP ${res.status}`), retryAfterMs };
      }
      return { kind: 'rejected', status: res.status, body };
    } catch (error) {
      return { kind: 'retry', status: null, cause: timedOut ? new RequestTimeoutError(url, timeoutMs) : error, retryAfterMs: null };
    } finally {
      clearTimeout(timer);
    }
  }
}
