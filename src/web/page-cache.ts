// Rendered anonymous responses kept as Buffers, keyed by URL, for a few seconds: the daily page is
// the same for every reader, so rendering it once per interval instead of once per request is what
// lets one small machine serve thousands of readers. Per-user state never goes into these bodies.

import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

export interface CachedBody {
  readonly status: number;
  readonly type: string;
  readonly body: Buffer;
}

/**
 * A cached body with its gzip form and its validators, made once per render rather than once per
 * request. `etag` is weak (W/"…") because the plain and gzip forms are the same representation
 * (RFC 9110 §8.8.3); `lastModified` is when this process first produced this exact body.
 */
export interface CachedResponse extends CachedBody {
  readonly gzip: Buffer | null;
  readonly etag: string;
  readonly lastModified: Date;
}

/** Bodies smaller than this (bytes) are sent as they are: gzip would save little. */
const GZIP_MIN_BYTES = 1024;

/** Most entries kept; beyond it the oldest are dropped (Map keeps insertion order). */
const MAX_ENTRIES = 5_000;
/** Most bodies whose first-seen time is remembered (about 60 bytes each). */
const MAX_VALIDATORS = 20_000;

/** A weak entity tag from the body's SHA-256 (the same body always gets the same tag, in every process). */
export function entityTag(body: Buffer): string {
  return `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

export class PageCache {
  private readonly entries = new Map<string, { value: CachedResponse; expires: number }>();
  private readonly pending = new Map<string, Promise<CachedResponse>>();
  /** Entity tag → when this body was first produced (ms): re-rendering the same body keeps its Last-Modified. */
  private readonly firstSeen = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The cached body for `key`, or the one `produce` makes (concurrent misses share one render).
   * A null key (a request with a session cookie: web/middleware/session.ts) is never cached.
   */
  async get(key: string | null, produce: () => Promise<CachedBody>): Promise<CachedResponse> {
    if (this.ttlMs <= 0 || key === null) return this.finish(await produce());
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const promise = produce()
      .then((produced) => {
        const value = this.finish(produced);
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

  private finish(value: CachedBody): CachedResponse {
    const etag = entityTag(value.body);
    let since = this.firstSeen.get(etag);
    if (since === undefined) {
      // HTTP dates have whole seconds; rounding down keeps If-Modified-Since comparisons exact.
      since = Math.floor(this.now() / 1000) * 1000;
      this.firstSeen.set(etag, since);
      if (this.firstSeen.size > MAX_VALIDATORS) {
        const oldest = this.firstSeen.keys().next();
        if (!oldest.done) this.firstSeen.delete(oldest.value);
      }
    }
    return { ...value, gzip: value.body.length >= GZIP_MIN_BYTES ? gzipSync(value.body) : null, etag, lastModified: new Date(since) };
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
