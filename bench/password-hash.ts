// Password-hash cost on this machine with the policy in src/commands/accounts/password-hasher.ts:
// one hash alone, then a burst through the concurrency bound. Prints figures; asserts nothing.
//   npx tsx bench/password-hash.ts
import { cpus } from 'node:os';
import { ARGON2_MEMORY_KIB, ARGON2_TIME_COST, MAX_CONCURRENT_HASHES, hashPassword, verifyPassword } from '../src/commands/accounts/password-hasher.js';

/** Hashes timed one after another, and in the concurrent burst. */
const SERIAL = 20;
const BURST = 40;

await hashPassword('warm-up password'); // loads the native module, faults in the first 19 MiB
const times: number[] = [];
for (let i = 0; i < SERIAL; i += 1) {
  const t = performance.now();
  await hashPassword(`serial password ${i}`);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const phc = await hashPassword('verify me please');
const v = performance.now();
await verifyPassword(phc, 'verify me please');
const verifyMs = performance.now() - v;

const b = performance.now();
await Promise.all(Array.from({ length: BURST }, (_, i) => hashPassword(`burst password ${i}`)));
const burstS = (performance.now() - b) / 1000;

process.stdout.write(
  [
    `argon2id m=${ARGON2_MEMORY_KIB} KiB t=${ARGON2_TIME_COST} p=1 on ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
    `hash: median ${times[Math.floor(SERIAL / 2)]?.toFixed(1)} ms, max ${times.at(-1)?.toFixed(1)} ms (${SERIAL} one at a time)`,
    `verify: ${verifyMs.toFixed(1)} ms`,
    `burst of ${BURST} with at most ${MAX_CONCURRENT_HASHES} at once: ${burstS.toFixed(2)} s, ${(BURST / burstS).toFixed(0)} hashes/s`,
  ].join('\n') + '\n',
);
