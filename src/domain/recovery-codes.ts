// Recovery codes: the way in when the authenticator is lost. RECOVERY_CODE_COUNT single-use codes,
// each 16 base32 characters (80 random bits), shown once in groups of four ("abcd-efgh-ijkl-mnop")
// and stored only as a hash: 80 bits make a plain SHA-256 safe against guessing from a leaked table.

export const RECOVERY_CODE_COUNT = 10;
/** Characters per code (5 bits each: 80 bits). */
export const RECOVERY_CODE_CHARS = 16;
/** RFC 4648 base32 in lower case: no 0/1/8/9, so nothing reads as o, l or b. */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A code from RECOVERY_CODE_CHARS random bytes (each taken mod 32: 256 is a multiple, so uniform). */
export function recoveryCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < RECOVERY_CODE_CHARS) throw new Error(`a recovery code needs ${RECOVERY_CODE_CHARS} random bytes`);
  const chars = [...bytes.subarray(0, RECOVERY_CODE_CHARS)].map((b) => ALPHABET[b % 32] ?? '');
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** The canonical form of a typed code (case, spaces and dashes ignored), or null if it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  const code = typed.toLowerCase().replace(/[\s-]+/g, '');
  return code.length === RECOVERY_CODE_CHARS && [...code].every((c) => ALPHABET.includes(c)) ? code : null;
}
