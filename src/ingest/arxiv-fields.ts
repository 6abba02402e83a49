// Field rules shared by the arXiv parsers (Atom API, OAI-PMH arXiv/arXivRaw, Kaggle snapshot), so
// one paper reads the same whichever door it came in by. Pure and allocation-light: the Kaggle
// import calls these 2.7 million times. All patterns are compiled once, here.
import { texToUnicode } from '../domain/tex-text.js';

/** The characters \s matches (ECMAScript WhiteSpace and LineTerminator). */
function isSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Collapses whitespace runs to one space and trims, like `.replace(/\s+/g, ' ').trim()` (arXiv
 * wraps titles and comments at ~80 columns). Hand-written because it runs ~10 times per Kaggle
 * line: most fields need nothing and come back unchanged after one scan, and the rest are built
 * from slices, about twice as fast as the regex on the snapshot's fields.
 */
export function collapseWhitespace(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  let out = '';
  let segment = i;
  let changed = i > 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if ((c > 32 && c < 0xa0) || !isSpace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isSpace(text.charCodeAt(j))) j++;
    if (j === n) return out + text.slice(segment, i);
    if (c !== 32 || j > i + 1) {
      out += `${text.slice(segment, i)} `;
      segment = j;
      changed = true;
    }
    i = j;
  }
  return changed ? out + text.slice(segment) : text;
}

/** A title or author name as shown: one line, TeX accents as Unicode. */
export function displayText(text: string): string {
  return texToUnicode(collapseWhitespace(text));
}

/** A free-text metadata field (comments, journal-ref): one line, or null when empty. */
export function optionalLine(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const line = collapseWhitespace(text);
  return line === '' ? null : line;
}

const WHITESPACE_ONE = /\s/;

/**
 * arXiv lists a paper and its erratum as two space-separated DOIs
 * (`10.1103/PhysRevC.76.024606 10.1103/PhysRevC.76.039902`); a paper has one DOI link, so the
 * first, the paper's own, is kept.
 */
export function firstDoi(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const space = trimmed.search(WHITESPACE_ONE);
  return space === -1 ? trimmed : trimmed.slice(0, space);
}

/** A field that is one token (a license URL): trimmed, or null when empty. */
export function optionalToken(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const token = text.trim();
  return token === '' ? null : token;
}

/**
 * Categories separated by single spaces, as arXiv writes them ("math.CO cs.CG"), primary first;
 * null when there are none. Repeated spaces are tolerated.
 */
export function splitCategories(text: string): string[] | null {
  const list = text.trim().split(' ');
  const clean = list.includes('') ? list.filter((c) => c !== '') : list;
  return clean.length === 0 ? null : clean;
}

// Month abbreviations at index 3k; indexOf is cheaper than hashing a fresh capture into a Map.
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';
const MONTH_NUMBERS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'];
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
// "Mon, 2 Apr 2007 19:18:42 GMT", as in arXivRaw <date> and Kaggle versions[].created. The
// pattern checks the time's ranges itself, so only the day needs arithmetic.
const RFC_2822 = /^\s*(?:[A-Z][a-z]{2},\s*)?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) ([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))? (GMT|UTC?|[+-]\d{4})\s*$/;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 1 && leap ? 29 : (DAYS_IN_MONTH[month] ?? 0);
}

/**
 * RFC 2822 date → ISO timestamp (UTC, with milliseconds, as Date#toISOString), or null when it
 * is not one. GMT dates, which is all arXiv writes, are formatted without a Date object: this runs
 * for every version of every paper in the Kaggle import.
 */
export function rfc2822ToIso(text: string): string | null {
  const m = RFC_2822.exec(text);
  if (!m) return null;
  const at = MONTHS.indexOf(m[2] ?? '');
  if (at < 0 || at % 3 !== 0) return null;
  const month = at / 3;
  const day = Number(m[1]);
  if (day < 1 || (day > 28 && day > daysInMonth(Number(m[3]), month))) return null;
  const zone = m[7] ?? 'GMT';
  if (zone[0] !== '+' && zone[0] !== '-') {
    return `${m[3]}-${MONTH_NUMBERS[month] ?? ''}-${day < 10 ? `0${day}` : day}T${m[4]}:${m[5]}:${m[6] ?? '00'}.000Z`;
  }
  const offsetMinutes = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  const utc = Date.UTC(Number(m[3]), month, day, Number(m[4]), Number(m[5]), Number(m[6] ?? '0'));
  return new Date(utc - offsetMinutes * 60_000).toISOString();
}

// "2011-11-08T18:48:36Z" (Atom <published>/<updated>); an offset is allowed.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** ISO 8601 timestamp with zone → normalised UTC ISO string, or null. */
export function isoTimestamp(text: string): string | null {
  const trimmed = text.trim();
  if (!ISO_TIMESTAMP.test(trimmed)) return null;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/**
 * How arXiv marks a withdrawal (https://info.arxiv.org/help/withdraw.html): a withdrawal is a new
 * version without full text, listed with size "0kb" in arXivRaw, whose comment gives the reason.
 * The older help page (https://arxiv.org/help/withdraw) asked for the comment "This paper has
 * been withdrawn …"; today the reason is free text. So the size is the reliable signal and the
 * comment a heuristic for sources without sizes (Kaggle, the Atom API). The metadata's comment is
 * the latest version's; the pattern is anchored at its start so that "v2: withdrawn claim
 * corrected" does not count.
 */
const WITHDRAWAL_COMMENT =
  /^\W*(?:withdrawn\b|(?:this|the) (?:paper|article|manuscript|submission|preprint|work|version|report|note) (?:has been|is|was|is being) withdrawn\b|(?:paper|article|submission) withdrawn\b)/i;

export function commentSaysWithdrawn(comments: string | null | undefined): boolean {
  return comments !== null && comments !== undefined && WITHDRAWAL_COMMENT.test(comments);
}

/** arXivRaw's `<size>` of a withdrawn version. */
export function isEmptySize(size: string | null | undefined): boolean {
  return size !== null && size !== undefined && size.trim().toLowerCase() === '0kb';
}

// Parenthesised affiliations, innermost first: "D. R. (1) ((1) Universit\"at Potsdam)".
const PARENTHESISED = /\([^()]*\)/g;
const AUTHOR_SEPARATOR = /\s*,\s*(?:and\s+)?|\s+and\s+/;
const NAME_SUFFIX = /^(?:Jr|Sr|I{2,3}|IV)\.?$/;

/**
 * The flat author string of arXivRaw (and the Kaggle `authors` field) as a list of names:
 * "D.V. Shetty, S.J. Yennello, and G.A. Souliotis" → three names. Affiliations in parentheses
 * are dropped; a lone "Jr." joins the name before it; TeX accents become Unicode.
 */
export function splitAuthorList(text: string): string[] {
  let flat = collapseWhitespace(text);
  for (let previous = ''; previous !== flat; ) {
    previous = flat;
    flat = flat.replace(PARENTHESISED, ' ');
  }
  const names: string[] = [];
  for (const part of flat.split(AUTHOR_SEPARATOR)) {
    const name = displayText(part);
    if (name === '') continue;
    const last = names.length - 1;
    if (NAME_SUFFIX.test(name) && last >= 0) names[last] = `${names[last] ?? ''} ${name}`;
    else names.push(name);
  }
  return names;
}

/** "Forenames Keyname Suffix" from the split name parts; empty parts are left out. */
export function joinNameParts(forenames: string | undefined, keyname: string | undefined, suffix: string | undefined): string {
  return appendPart(appendPart(appendPart('', forenames), keyname), suffix);
}

function appendPart(name: string, part: string | undefined): string {
  if (part === undefined || part === '') return name;
  const clean = displayText(part);
  if (clean === '') return name;
  return name === '' ? clean : `${name} ${clean}`;
}
