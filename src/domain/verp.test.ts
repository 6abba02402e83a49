import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBounceDomain, parseVerpAddress, verpCheckMatches, verpReturnPath } from './verp.js';

const BASE = 'bounces@mail.example.org';
const token = 'tok-A1b2C3d4E5f6G7h8I9j0';

describe('VERP return paths', () => {
  it('round-trips the subscription id and verifies only with the right token', () => {
    const path = verpReturnPath(BASE, { id: 42, unsubscribeToken: token });
    expect(path).toMatch(/^bounces\+s42-[0-9a-f]{10}@mail\.example\.org$/);
    const parsed = parseVerpAddress(path, BASE);
    expect(parsed?.subscriptionId).toBe(42);
    expect(verpCheckMatches({ id: 42, unsubscribeToken: token }, parsed?.check ?? '')).toBe(true);
    expect(verpCheckMatches({ id: 42, unsubscribeToken: 'other' }, parsed?.check ?? '')).toBe(false);
    expect(verpCheckMatches({ id: 43, unsubscribeToken: token }, parsed?.check ?? '')).toBe(false);
  });

  it('survives a relay that upper-cases the address or adds angle brackets', () => {
    const path = verpReturnPath(BASE, { id: 7, unsubscribeToken: token });
    const parsed = parseVerpAddress(`<${path.toUpperCase()}>`, BASE);
    expect(parsed?.subscriptionId).toBe(7);
    expect(verpCheckMatches({ id: 7, unsubscribeToken: token }, parsed?.check ?? '')).toBe(true);
  });

  it('refuses other domains, other base addresses and malformed tails', () => {
    const path = verpReturnPath(BASE, { id: 5, unsubscribeToken: token });
    expect(parseVerpAddress(path.replace('mail.example.org', 'evil.example'), BASE)).toBeNull();
    expect(parseVerpAddress(path.replace('bounces+', 'other+'), BASE)).toBeNull();
    expect(parseVerpAddress('bounces+s0-0123456789@mail.example.org', BASE)).toBeNull();
    expect(parseVerpAddress('bounces+s5-012345678@mail.example.org', BASE)).toBeNull();
    expect(parseVerpAddress('bounces+sx-0123456789@mail.example.org', BASE)).toBeNull();
    expect(parseVerpAddress('bounces@mail.example.org', BASE)).toBeNull();
    expect(isBounceDomain('anything@MAIL.example.org', BASE)).toBe(true);
    expect(isBounceDomain('anything@example.org', BASE)).toBe(false);
    expect(() => verpReturnPath('no-at-sign', { id: 1, unsubscribeToken: token })).toThrow(TypeError);
    expect(() => verpReturnPath(BASE, { id: 0, unsubscribeToken: token })).toThrow(TypeError);
  });

  it('property: every id and token round-trips, and a check never verifies for another id', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.string({ minLength: 1, maxLength: 50 }), (id, tok) => {
        const parsed = parseVerpAddress(verpReturnPath(BASE, { id, unsubscribeToken: tok }), BASE);
        expect(parsed?.subscriptionId).toBe(id);
        expect(verpCheckMatches({ id, unsubscribeToken: tok }, parsed?.check ?? '')).toBe(true);
        expect(verpCheckMatches({ id: id + 1, unsubscribeToken: tok }, parsed?.check ?? '')).toBe(false);
      }),
    );
  });
});
