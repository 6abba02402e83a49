import { hash } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import {
  ARGON2_MEMORY_KIB,
  ARGON2_PARALLELISM,
  ARGON2_TIME_COST,
  MAX_CONCURRENT_HASHES,
  Semaphore,
  burnVerifyTime,
  hashPassword,
  hashSlots,
  needsRehash,
  verifyPassword,
} from '../../src/commands/accounts/password-hasher.js';

describe('password hasher', () => {
  it('meets issue 5 policy: argon2id, m ≥ 19,456 KiB, t ≥ 2, p = 1, as a PHC string', async () => {
    expect(ARGON2_MEMORY_KIB).toBeGreaterThanOrEqual(19_456);
    expect(ARGON2_TIME_COST).toBeGreaterThanOrEqual(2);
    expect(ARGON2_PARALLELISM).toBe(1);
    const phc = await hashPassword('correct horse battery staple');
    expect(phc).toMatch(new RegExp(`^\\$argon2id\\$v=19\\$m=${ARGON2_MEMORY_KIB},t=${ARGON2_TIME_COST},p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}$`));
    expect(await verifyPassword(phc, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(phc, 'correct horse battery stapl')).toBe(false);
    expect(needsRehash(phc)).toBe(false);
  });

  it('uses all of a 1,000-character password: changing its last character fails', async () => {
    const long = Array.from({ length: 1000 }, (_, i) => String.fromCharCode(33 + (i % 90))).join('');
    const phc = await hashPassword(long);
    expect(await verifyPassword(phc, long)).toBe(true);
    expect(await verifyPassword(phc, long.slice(0, 999) + (long.endsWith('x') ? 'y' : 'x'))).toBe(false);
    expect(await verifyPassword(phc, long.slice(0, 999))).toBe(false);
    expect(await verifyPassword(phc, long + 'x')).toBe(false);
  });

  it('hashes the NFKC form, so a precomposed and a decomposed é are the same password', async () => {
    const phc = await hashPassword('caf\u00e9-au-lait');
    expect(await verifyPassword(phc, 'cafe\u0301-au-lait')).toBe(true);
  });

  it('asks for a rehash of weaker or non-argon2id hashes', async () => {
    const weak = await hash('pw-pw-pw-pw', { algorithm: 2, memoryCost: 8192, timeCost: 2, parallelism: 1 });
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hash('pw-pw-pw-pw', { algorithm: 2, memoryCost: ARGON2_MEMORY_KIB, timeCost: 1, parallelism: 1 }))).toBe(true);
    expect(needsRehash(await hash('pw-pw-pw-pw', { algorithm: 1, memoryCost: ARGON2_MEMORY_KIB, timeCost: 2, parallelism: 1 }))).toBe(true);
    expect(needsRehash('$2b$10$abcdefghijklmnopqrstuu')).toBe(true);
    // A weaker hash still verifies, so log-in can rehash it.
    expect(await verifyPassword(weak, 'pw-pw-pw-pw')).toBe(true);
    expect(await verifyPassword('not a hash', 'pw-pw-pw-pw')).toBe(false);
  });

  it('runs at most MAX_CONCURRENT_HASHES hashes at once and keeps the event loop free', async () => {
    hashSlots.peak = 0;
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    await Promise.all(Array.from({ length: 6 }, (_, i) => hashPassword(`password number ${i}`)));
    clearInterval(timer);
    expect(hashSlots.peak).toBe(MAX_CONCURRENT_HASHES);
    expect(ticks).toBeGreaterThan(5);
  });

  it('burnVerifyTime always answers false', async () => {
    expect(await burnVerifyTime('anything at all')).toBe(false);
  });
});

describe('semaphore', () => {
  it('never exceeds its size and runs every task', async () => {
    const s = new Semaphore(3);
    let running = 0;
    let most = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.run(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, (i * 7) % 5));
          running -= 1;
          return i;
        }),
      ),
    );
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(3);
    expect(s.peak).toBe(3);
  });

  it('frees the slot when a task throws', async () => {
    const s = new Semaphore(1);
    await expect(s.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await s.run(async () => 'next')).toBe('next');
  });
});
