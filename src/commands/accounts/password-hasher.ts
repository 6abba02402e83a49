// Password hashing: Argon2id (RFC 9106) through @node-rs/argon2, whose native hash runs on libuv's
// thread pool, off the event loop. At most MAX_CONCURRENT_HASHES run at once; the rest wait their
// turn, so a burst of log-ins queues instead of taking every pool thread and core.
import { hash, parseOptions, verify, type Algorithm, type Options, type Version } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { normalizePassword } from '../../domain/password-rules.js';

/** Memory per hash (KiB): OWASP's minimum for Argon2id (19 MiB, with t = 2, p = 1). */
export const ARGON2_MEMORY_KIB = 19_456;
/** Passes over that memory. */
export const ARGON2_TIME_COST = 2;
/** Lanes; 1, so a hash takes one pool thread and the concurrency bound below is a core bound. */
export const ARGON2_PARALLELISM = 1;
/**
 * Hashes computed at once. Each takes one of libuv's 4 pool threads (UV_THREADPOOL_SIZE's default)
 * and 19 MiB; 2 leaves half the pool to file reads (static files) and matches the 2 cores of the
 * machine we size for, so hashing can slow page rendering by at most half. bench/password-hash.ts
 * measured 15–23 ms per hash alone on that machine and 27–34 hashes/s in a burst through this
 * bound (with other load), far above issue 5's log-in limit of 5 a minute per IP.
 */
export const MAX_CONCURRENT_HASHES = 2;

/** The PHC-string algorithm code @node-rs/argon2 uses for Argon2id (its const enum, inlined). */
const ARGON2ID = 2 as Algorithm;
/** Argon2 version 0x13 in @node-rs/argon2's enum. */
const VERSION_0X13 = 1 as Version;

const POLICY: Options = {
  algorithm: ARGON2ID,
  memoryCost: ARGON2_MEMORY_KIB,
  timeCost: ARGON2_TIME_COST,
  parallelism: ARGON2_PARALLELISM,
};

/** A counting semaphore: `run` waits for one of `size` slots. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Most slots ever held at once, and tasks started (tests read them). */
  peak = 0;
  runs = 0;

  constructor(readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active += 1;
    this.peak = Math.max(this.peak, this.active);
    this.runs += 1;
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter (active stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

const slots = new Semaphore(MAX_CONCURRENT_HASHES);

/** The semaphore every hash and verify goes through (exported for the concurrency test). */
export const hashSlots: Semaphore = slots;

/** The PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) of a password under the current policy. */
export async function hashPassword(password: string): Promise<string> {
  return slots.run(() => hash(normalizePassword(password), POLICY));
}

/** True when `password` matches the PHC string; false for a malformed string. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  return slots.run(async () => {
    try {
      return await verify(phc, normalizePassword(password));
    } catch {
      return false;
    }
  });
}

/** True when a stored hash is weaker than the current policy (or not Argon2id at all): rehash it at log-in. */
export function needsRehash(phc: string): boolean {
  try {
    const o = parseOptions(phc);
    return (
      o.algorithm !== ARGON2ID ||
      o.version !== VERSION_0X13 ||
      o.memoryCost < ARGON2_MEMORY_KIB ||
      o.timeCost < ARGON2_TIME_COST ||
      o.parallelism !== ARGON2_PARALLELISM
    );
  } catch {
    return true;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Verifies a random password against a hash made with the current policy and returns false: what
 * log-in does for an unknown address, so it takes as long as a wrong password for a real account.
 */
export async function burnVerifyTime(password: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummy, password);
  return false;
}
