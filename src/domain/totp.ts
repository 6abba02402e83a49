// Time-based one-time passwords (RFC 6238 over HOTP, RFC 4226): HMAC-SHA-1, 30-second steps,
// 6 digits, as every authenticator app reads them from an otpauth:// URI. The HMAC and the base32
// and URI formats come from the otpauth package; the rules (which steps are accepted, reuse) are here.
import { timingSafeEqual } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';

/** RFC 6238's time step (s). */
export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps accepted either side of the current one: ±1 (30 s) for clock drift and typing time. */
export const TOTP_DRIFT_STEPS = 1;
/** Secret length (bytes): 160 bits, RFC 4226 §4's recommendation for HMAC-SHA-1. */
export const TOTP_SECRET_BYTES = 20;

/** The RFC 6238 time step T of an instant: floor(unix seconds / 30). */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_STEP_SECONDS);
}

/** The code of one time step (digits: 6 here; RFC 6238's test vectors use 8). */
export function totpCodeAtStep(secretBase32: string, step: number, digits = TOTP_DIGITS): string {
  return HOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits, counter: step });
}

/** The code an authenticator shows at `at`. */
export function totpCode(secretBase32: string, at: Date, digits = TOTP_DIGITS): string {
  return totpCodeAtStep(secretBase32, totpStep(at), digits);
}

function sameCode(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The step whose code `code` is, among the current step and TOTP_DRIFT_STEPS either side, or null.
 * Every candidate is computed and compared in constant time, so timing says nothing about which.
 * Whether that step was already used is the caller's check (store: last accepted step).
 */
export function matchTotpStep(secretBase32: string, code: string, at: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const now = totpStep(at);
  let found: number | null = null;
  for (let step = now - TOTP_DRIFT_STEPS; step <= now + TOTP_DRIFT_STEPS; step += 1) {
    if (sameCode(totpCodeAtStep(secretBase32, step), code) && found === null) found = step;
  }
  return found;
}

/** A new random secret, base32 (RFC 4648, no padding). */
export function newTotpSecret(): string {
  return new Secret({ size: TOTP_SECRET_BYTES }).base32;
}

/** The otpauth:// URI an authenticator app imports (Key Uri Format: issuer, label, secret). */
export function totpUri(secretBase32: string, issuer: string, accountName: string): string {
  return new TOTP({ issuer, label: accountName, secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_STEP_SECONDS }).toString();
}

/** What a person types: spaces (some apps show "123 456") are dropped. */
export function normalizeTotpInput(code: string): string {
  return code.replace(/\s+/g, '');
}
