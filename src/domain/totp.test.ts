// TOTP (RFC 6238): Appendix B's SHA-1 test vectors, and properties of the accepted window.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TOTP_STEP_SECONDS, matchTotpStep, newTotpSecret, normalizeTotpInput, totpCode, totpCodeAtStep, totpStep, totpUri } from './totp.js';

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890", 8 digits.
const RFC_SEED_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_SHA1_VECTORS: readonly [number, string, string][] = [
  [59, '0000000000000001', '94287082'],
  [1111111109, '00000000023523EC', '07081804'],
  [1111111111, '00000000023523ED', '14050471'],
  [1234567890, '000000000273EF07', '89005924'],
  [2000000000, '0000000003F940AA', '69279037'],
  [20000000000, '0000000027BC86AA', '65353130'],
];

describe('TOTP', () => {
  it('reproduces RFC 6238 Appendix B (SHA-1): the step T and the 8-digit code', () => {
    expect(Buffer.from('12345678901234567890').toString('hex')).toBe('3132333435363738393031323334353637383930');
    for (const [seconds, stepHex, code] of RFC_SHA1_VECTORS) {
      const at = new Date(seconds * 1000);
      expect(totpStep(at).toString(16).toUpperCase().padStart(16, '0')).toBe(stepHex);
      expect(totpCode(RFC_SEED_BASE32, at, 8)).toBe(code);
      // The 6-digit code is the same value mod 10^6 (RFC 4226 §5.3 truncation).
      expect(totpCode(RFC_SEED_BASE32, at)).toBe(code.slice(2));
    }
  });

  it('accepts the current step and one either side, and says which step matched', () => {
    const at = new Date(1234567890 * 1000);
    const step = totpStep(at);
    const code = (s: number) => totpCodeAtStep(RFC_SEED_BASE32, s);
    expect(matchTotpStep(RFC_SEED_BASE32, code(step), at)).toBe(step);
    expect(matchTotpStep(RFC_SEED_BASE32, code(step - 1), at)).toBe(step - 1);
    expect(matchTotpStep(RFC_SEED_BASE32, code(step + 1), at)).toBe(step + 1);
    expect(matchTotpStep(RFC_SEED_BASE32, code(step - 2), at)).toBeNull();
    expect(matchTotpStep(RFC_SEED_BASE32, code(step + 2), at)).toBeNull();
    expect(matchTotpStep(RFC_SEED_BASE32, '12345', at)).toBeNull();
    expect(matchTotpStep(RFC_SEED_BASE32, '1234567', at)).toBeNull();
    expect(matchTotpStep(RFC_SEED_BASE32, 'abcdef', at)).toBeNull();
  });

  it('property: a code made at t is accepted at any time within one step of t, as t\'s step', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.integer({ min: -TOTP_STEP_SECONDS, max: TOTP_STEP_SECONDS }),
        (bytes, seconds, offset) => {
          const secret = base32(bytes);
          const made = new Date(seconds * 1000);
          const later = new Date((seconds + offset) * 1000);
          const code = totpCode(secret, made);
          expect(code).toMatch(/^\d{6}$/);
          // Another step's code may equal it by chance (10^-6); the match then names that step.
          const matched = matchTotpStep(secret, code, later);
          expect(matched).not.toBeNull();
          expect(Math.abs((matched ?? 0) - totpStep(later))).toBeLessThanOrEqual(1);
          expect(totpCodeAtStep(secret, matched ?? 0)).toBe(code);
        },
      ),
    );
  });

  it('makes 160-bit secrets and an otpauth:// URI that carries them', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, 'Paperboy (paperboy.test)', 'ann@example.org'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Paperboy (paperboy.test)');
    expect(uri.searchParams.get('algorithm')).toBe('SHA1');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
    expect(normalizeTotpInput(' 123 456 ')).toBe('123456');
  });
});

/** RFC 4648 base32 without padding (the test's own, to feed arbitrary secrets). */
function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const b of bytes) bits += b.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}
