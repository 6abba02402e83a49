// Public names: what a reader is called on comments, submissions and their profile (/users/<name>).
// Chosen by the reader; until then a generated reader-xxxxxxxx. Names are unique by a key that
// ignores case and Unicode compatibility forms, so "Ann", "ANN" and "Ａｎｎ" are one name.

export const DISPLAY_NAME_MIN = 3;
export const DISPLAY_NAME_MAX = 30;

/** Letters, digits, space, dot, underscore and hyphen; a letter or digit at both ends. */
const SHAPE = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._-]*[\p{L}\p{N}])?$/u;
/** Names that would pass for the site or its staff, or for a deleted account. */
const RESERVED = new Set(['admin', 'administrator', 'moderator', 'moderators', 'paperboy', 'deleted account', 'anonymous', 'root', 'staff', 'system']);

/** NFKC, trimmed, inner runs of spaces made one. */
export function normalizeDisplayName(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** The uniqueness key of a (normalized) name. */
export function displayNameKey(name: string): string {
  return normalizeDisplayName(name).toLowerCase();
}

/** Why a normalized name cannot be used, or null when it can. */
export function displayNameProblem(name: string): string | null {
  const length = [...name].length;
  if (length < DISPLAY_NAME_MIN || length > DISPLAY_NAME_MAX) return `a public name has ${DISPLAY_NAME_MIN} to ${DISPLAY_NAME_MAX} characters`;
  if (!SHAPE.test(name)) return 'a public name has letters, digits, spaces, dots, underscores and hyphens, and starts and ends with a letter or digit';
  // All digits would read as an account number in /users/<id or name>.
  if (/^\p{N}+$/u.test(name)) return 'a public name needs at least one letter';
  // Generated names look like this; a chosen one must not pass for one.
  if (/^reader-[0-9a-f]{8}$/i.test(name)) return 'that form of name is kept for readers who have not chosen one';
  if (RESERVED.has(displayNameKey(name))) return 'that name is reserved';
  return null;
}
