// What a password must be (OWASP ASVS 4.0.3 V2.1, NIST SP 800-63B §5.1.1.2): long enough, not one of
// the most common passwords, any characters at all, and never truncated. No composition rules.
import { COMMON_PASSWORD_LINES } from './common-passwords.js';

/** Fewest characters (code points) a password may have (ASVS 2.1.1). */
export const MIN_PASSWORD_LENGTH = 8;
/**
 * Most characters accepted (ASVS 2.1.2 asks for at least 64; issue 5 for 1,000+). Argon2 takes input
 * of any length, so the bound only keeps one request from making the hasher read megabytes.
 */
export const MAX_PASSWORD_LENGTH = 4096;

let common: ReadonlySet<string> | undefined;

/** The bundled list (common-passwords.ts), split once on first use. */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(COMMON_PASSWORD_LINES.flatMap((line) => line.split(' ')));
  return common;
}

/**
 * The form a password is hashed in: Unicode NFKC, so the same password typed on two keyboards (a
 * precomposed é or e + combining accent) hashes the same (NIST 800-63B §5.1.1.2). Nothing is cut.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

/** True when the password is on the bundled list of common passwords (compared case-insensitively). */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(normalizePassword(password).toLowerCase());
}

/** Why a new password is refused, in words for the person choosing it, or null when it is fine. */
export function passwordProblem(password: string): string | null {
  const length = [...normalizePassword(password)].length;
  if (length < MIN_PASSWORD_LENGTH) return `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > MAX_PASSWORD_LENGTH) return `The password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (isCommonPassword(password)) return 'This password is one of the most common passwords; choose another.';
  return null;
}

/** The number of entries in the bundled list (tests check it is the promised 3,000). */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}
