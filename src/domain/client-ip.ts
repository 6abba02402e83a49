// Which client a request comes from, for per-client limits (log-in attempts). Behind a reverse
// proxy every socket is the proxy's, so the operator names the header the proxy sets
// (config.trustedProxy); without one, that header is ignored whatever a client sends, since any
// client can send any header. With X-Forwarded-For, each proxy appends the address it received the
// request from, so only the last `hops` entries were written by proxies the operator trusts: the
// entry `hops` from the right is the client (anything left of it is the client's own claim).
import { isIP } from 'node:net';

export interface TrustedProxy {
  /** Lower-case header name: x-forwarded-for (a list), or a one-address header such as x-real-ip. */
  readonly header: string;
  /** Trusted proxies in front of Paperboy that append to X-Forwarded-For (1 = one reverse proxy). */
  readonly hops: number;
}

/** One bare address: brackets and an IPv4-mapped IPv6 prefix removed; undefined if it is not an IP. */
function bareIp(value: string): string | undefined {
  let v = value.trim();
  if (v.startsWith('[') && v.includes(']')) v = v.slice(1, v.indexOf(']'));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(v)) v = v.slice(7);
  return isIP(v) === 0 ? undefined : v.toLowerCase();
}

/**
 * The client's address: from the trusted proxy's header when configured and well-formed, else the
 * socket's. A header that is missing, too short for `hops` or not an IP falls back to the socket
 * (the request did not come through the proxy as configured).
 */
export function clientIp(socketAddress: string | undefined, header: string | readonly string[] | undefined, proxy: TrustedProxy | null): string {
  const socket = bareIp(socketAddress ?? '') ?? 'unknown';
  if (proxy === null || header === undefined) return socket;
  // Repeated headers are one comma-separated list (RFC 9110 §5.3), in order.
  const joined = typeof header === 'string' ? header : header.join(',');
  if (proxy.header !== 'x-forwarded-for') return bareIp(joined) ?? socket;
  const entries = joined.split(',').map((e) => e.trim()).filter((e) => e !== '');
  const entry = entries[entries.length - proxy.hops];
  return (entry !== undefined ? bareIp(entry) : undefined) ?? socket;
}

/**
 * The rate-limit subject of an address: IPv4 as is, IPv6 by its /64 network (one host usually
 * holds a whole /64, so counting single IPv6 addresses would not limit anyone).
 */
export function ipLimitSubject(ip: string): string {
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
