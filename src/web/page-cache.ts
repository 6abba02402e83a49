// Rendered anonymous responses kept as Buffers, keyed by URL, for a few seconds: the daily page is
// the same for every reader, so rendering it once per interval instead of once per request is what
// lets one small machine serve thousands of readers. Per-user state never goes into these bodies.

export interface CachedBody {
  readonly status: number;
  readonly type: string;
  readonly body: Buffer;
}

/** Most entries kept; beyond it the oldest are dropped (Map keeps insertion order). */
const MAX_ENTRIES = 5_000;

export class PageCache {
  private readonly entries = new Map<string, { value: CachedBody; expires: number }>();
  private readonly pending = new Map<string, Promise<CachedBody>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached body for `key`, or the one `produce` makes (concurrent misses share one render). */
  async get(key: string, produce: () => Promise<CachedBody>): Promise<CachedBody> {
    if (this.ttlMs <= 0) return produce();
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight;
    const promise = produce()
      .then((value) => {
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

  private put(key: string, value: CachedBody): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}
