// The Message-ID of a digest mail, built from (subscription, period) alone so a digest sent twice
// (a run killed after the relay took the mail but before the send log said so) carries the same
// id both times and mail clients show it once (RFC 5322 §3.6.4: one id per message).
//   digest.daily-2026-11-29.s42.3f9a0c1b7e@paperboy.example.org
// The hash also covers the address, so after a database is rebuilt (ids reused) a different
// reader's digest never shares an id with an old one. Not a secret: it only has to be stable.
import { createHash } from 'node:crypto';

/** Hex digits of the hash kept in the id (40 bits: no collision among one site's subscribers). */
const HASH_HEX_DIGITS = 10;

export function digestMessageId(subscriptionId: number, emailKey: string, periodKey: string, host: string): string {
  const hash = createHash('sha256').update(`digest\0${subscriptionId}\0${emailKey}\0${periodKey}`).digest('hex').slice(0, HASH_HEX_DIGITS);
  // Keys are `daily:YYYY-MM-DD` / `weekly:YYYY-Www`; ':' is legal in a msg-id but awkward in tools.
  return `digest.${periodKey.replace(':', '-')}.s${subscriptionId}.${hash}@${host}`;
}
