// The client address of a request: a proxy header only when configured (spoofed headers are
// ignored otherwise), X-Forwarded-For read from the right by the trusted hop count, and IPv6
// counted per /64.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientIp, ipLimitSubject } from './client-ip.js';

const XFF1 = { header: 'x-forwarded-for', hops: 1 };

describe('clientIp', () => {
  it('uses the socket address when no proxy is configured, whatever the headers say', () => {
    expect(clientIp('192.0.2.10', '203.0.113.99', null)).toBe('192.0.2.10');
    expect(clientIp('::ffff:192.0.2.10', undefined, null)).toBe('192.0.2.10');
    expect(clientIp(undefined, undefined, null)).toBe('unknown');
  });

  it('reads X-Forwarded-For from the right by the trusted hops; a client-sent prefix changes nothing', () => {
    expect(clientIp('10.0.0.1', '203.0.113.5', XFF1)).toBe('203.0.113.5');
    expect(clientIp('10.0.0.1', '198.51.100.66, 203.0.113.5', XFF1)).toBe('203.0.113.5');
    expect(clientIp('10.0.0.1', ['198.51.100.66', '203.0.113.5'], XFF1)).toBe('203.0.113.5');
    expect(clientIp('10.0.0.1', '198.51.100.66, 203.0.113.5, 10.0.0.2', { header: 'x-forwarded-for', hops: 2 })).toBe('203.0.113.5');
    // Missing, too short for the hops, or not an address: the socket.
    expect(clientIp('10.0.0.1', undefined, XFF1)).toBe('10.0.0.1');
    expect(clientIp('10.0.0.1', '203.0.113.5', { header: 'x-forwarded-for', hops: 2 })).toBe('10.0.0.1');
    expect(clientIp('10.0.0.1', 'not-an-ip', XFF1)).toBe('10.0.0.1');
    expect(clientIp('10.0.0.1', '[2001:db8::1]', XFF1)).toBe('2001:db8::1');
  });

  it('takes a one-address header (X-Real-IP) as it is', () => {
    const realIp = { header: 'x-real-ip', hops: 1 };
    expect(clientIp('10.0.0.1', ' 203.0.113.5 ', realIp)).toBe('203.0.113.5');
    expect(clientIp('10.0.0.1', '203.0.113.5, 198.51.100.1', realIp)).toBe('10.0.0.1');
  });

  it('property: without a configured proxy, no header value changes the answer', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.oneof(fc.string(), fc.array(fc.string())), (socket, header) => {
        expect(clientIp(socket, header, null)).toBe(socket);
      }),
    );
  });

  it('property: whatever a client prepends to X-Forwarded-For, the address the proxy appended wins', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.ipV4(), fc.string().filter((s) => !s.includes(','))), { maxLength: 5 }), fc.ipV4(), (spoofed, real) => {
        expect(clientIp('10.0.0.1', [...spoofed, real].join(', '), XFF1)).toBe(real);
      }),
    );
  });
});

describe('ipLimitSubject', () => {
  it('keeps IPv4 and reduces IPv6 to its /64', () => {
    expect(ipLimitSubject('203.0.113.5')).toBe('203.0.113.5');
    expect(ipLimitSubject('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(ipLimitSubject('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(ipLimitSubject('2001:0db8:0001:0002::ffff')).toBe('2001:db8:1:2::/64');
    expect(ipLimitSubject('::1')).toBe('0:0:0:0::/64');
  });

  it('property: every address of one /64 has the same subject', () => {
    const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    fc.assert(
      fc.property(fc.array(group, { minLength: 4, maxLength: 4 }), fc.array(group, { minLength: 4, maxLength: 4 }), fc.array(group, { minLength: 4, maxLength: 4 }), (net, a, b) => {
        expect(ipLimitSubject([...net, ...a].join(':'))).toBe(ipLimitSubject([...net, ...b].join(':')));
      }),
    );
  });
});
