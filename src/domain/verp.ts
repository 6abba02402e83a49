// VERP return paths (Variable Envelope Return Path, https://cr.yp.to/proto/verp.txt): each digest
// goes out with the envelope sender bounces+s<id>-<check>@<bounce domain>, so a bounce report,
// addressed to that path, names the subscription without our having to trust what the report says
// about the recipient. The check is an HMAC of the id keyed with the subscription's own
// unsubscribe token, so nobody can suspend someone else's subscription by mailing forged reports to
// bounces+s<guessed id>-…: without the token they cannot make a check that matches. Lower-case hex
// only, because some relays lower-case local parts.
import crypto from 'node:crypto';

/** Hex characters of the check (40 bits: a forger needs ~10^12 guesses per subscription). */
export const VERP_CHECK_HEX = 10;

export interface VerpSubject {
  readonly id: number;
  readonly unsubscribeToken: string;
}

export interface VerpAddress {
  readonly subscriptionId: number;
  readonly check: string;
}

function split(address: string): { local: string; domain: string } | null {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return null;
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

export function verpCheck(sub: VerpSubject): string {
  return crypto.createHmac('sha256', sub.unsubscribeToken).update(`verp:${sub.id}`).digest('hex').slice(0, VERP_CHECK_HEX);
}

/** The return path of mails to this subscription, e.g. bounces+s42-0a1b2c3d4e@example.org. */
export function verpReturnPath(bounceAddress: string, sub: VerpSubject): string {
  const base = split(bounceAddress);
  if (base === null) throw new TypeError(`not an address: ${JSON.stringify(bounceAddress)}`);
  if (!Number.isSafeInteger(sub.id) || sub.id <= 0) throw new TypeError(`not a subscription id: ${sub.id}`);
  return `${base.local}+s${sub.id}-${verpCheck(sub)}@${base.domain}`;
}

/**
 * Reads a VERP address made by verpReturnPath for this bounce address (domain and base local part
 * compared case-insensitively); null for any other address. The check still has to be verified
 * against the subscription's token with verpCheckMatches.
 */
export function parseVerpAddress(address: string, bounceAddress: string): VerpAddress | null {
  const base = split(bounceAddress);
  const got = split(address.trim().replace(/^<|>$/g, ''));
  if (base === null || got === null || got.domain.toLowerCase() !== base.domain.toLowerCase()) return null;
  const prefix = `${base.local.toLowerCase()}+s`;
  const local = got.local.toLowerCase();
  if (!local.startsWith(prefix)) return null;
  const m = /^([1-9]\d{0,14})-([0-9a-f]+)$/.exec(local.slice(prefix.length));
  if (m === null || m[2]?.length !== VERP_CHECK_HEX) return null;
  return { subscriptionId: Number(m[1]), check: m[2] };
}

/** Whether a parsed VERP address was made for this subscription (constant-time comparison). */
export function verpCheckMatches(sub: VerpSubject, check: string): boolean {
  const want = Buffer.from(verpCheck(sub));
  const got = Buffer.from(check.toLowerCase());
  return want.length === got.length && crypto.timingSafeEqual(want, got);
}

/** Whether the address's domain is the bounce domain (what the inbound SMTP role accepts at RCPT TO). */
export function isBounceDomain(address: string, bounceAddress: string): boolean {
  const base = split(bounceAddress);
  const got = split(address.trim());
  return base !== null && got !== null && got.domain.toLowerCase() === base.domain.toLowerCase();
}
