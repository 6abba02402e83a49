// Rendered anonymous responses kept as Buffers, keyed by URL, for a few seconds: the daily page is
// the same for every reader, so rendering it once per interval instead of once per request is what
// lets one small machine serve thousands of readers. Per-user state never goes into these bodies.

import { gzipSync } from 'node:zlib';

export interface CachedBody {
  readonly status: number;
  readonly type: string;
  readonly body: Buffer;
}

/** A cached body with its gzip form, made once per render rather than once per request. */
export interface CachedResponse extends CachedBody {
  readonly gzip: Buffer | null;
}

/** Bodies smaller than this (bytes) are sent as they are: gzip would save little. */
const GZIP_MIN_BYTES = 1024;

function withGzip(value: CachedBody): CachedResponse {
  return { ...value, gzip: value.body.length >= GZIP_MIN_BYTES ? gzipSync(value.body) : null };
}

/** Most entries kept; beyond it the oldest are dropped (Map keeps insertion order). */
const MAX_ENTRIES = 5_000;

export class PageCache {
  private readonly entries = new Map<string, { value: CachedResponse; expires: number }>();
  private readonly pending = new Map<string, Promise<CachedResponse>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The cached body for `key`, or the one `produce` makes (concurrent misses share one render).
   * A null key (a request with a session cookie: web/middleware/session.ts) is never cached.
   */
  async get(key: string | null, produce: () => Promise<CachedBody>): Promise<CachedResponse> {
    if (this.ttlMs <= 0 || key === null) return withGzip(await produce());
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const promise = produce()
      .then((produced) => {
        const value = withGzip(produced);
        if (value.status === 200) this.put(key, value);
        return value;
      })
      .finally(() => this.pending.delete(key));
    this.pending.set(key, promise);
    return promise;
  }

  clear(): void {
    this.entries.clear();
  }

  private put(key: string, value: CachedResponse): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
