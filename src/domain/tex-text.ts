// TeX accent escapes → Unicode, for the author names and titles arXiv stores as typed by the
// submitter (`Bal\'azs`, `{\"o}`, `\v{S}r\'amek`, `{\O}bro`, `Mart\'\i nez`). Everything else is
// left as it was: unknown commands (`\alpha`, `\vec`), math between `$…$` (where `\d x` may be a
// macro), and braces that do not wrap a converted accent.
//
// Follows TeX's reading rules: a control word is a backslash and all the letters after it (so
// `\vec` is not `\v` + `ec`), and the spaces after a control word are swallowed (`\o rn` → `ørn`).
// Every replacement is shorter than its source, so the output is never longer than the input.

/** Accents written with a symbol: `\'a`, `\'{a}`, `\'\i`. */
const SYMBOL_ACCENTS = new Map([
  ["'", '\u0301'],
  ['`', '\u0300'],
  ['^', '\u0302'],
  ['"', '\u0308'],
  ['~', '\u0303'],
  ['=', '\u0304'],
  ['.', '\u0307'],
]);

/** Accents written with a letter: `\c{c}`, `\v s`, `\H{o}`. */
const WORD_ACCENTS = new Map([
  ['c', '\u0327'],
  ['v', '\u030C'],
  ['u', '\u0306'],
  ['H', '\u030B'],
  ['r', '\u030A'],
  ['k', '\u0328'],
  ['d', '\u0323'],
  ['b', '\u0331'],
]);

/** Letters with a command of their own: `\o`, `\ss`, `\l`. */
const LETTERS = new Map([
  ['o', 'ø'],
  ['O', 'Ø'],
  ['ss', 'ß'],
  ['ae', 'æ'],
  ['AE', 'Æ'],
  ['oe', 'œ'],
  ['OE', 'Œ'],
  ['aa', 'å'],
  ['AA', 'Å'],
  ['l', 'ł'],
  ['L', 'Ł'],
  ['i', 'ı'],
  ['j', 'ȷ'],
]);

interface Piece {
  readonly text: string;
  /** Index just past the consumed source. */
  readonly end: number;
}

function isAsciiLetter(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function skipSpaces(s: string, k: number): number {
  while (s[k] === ' ') k++;
  return k;
}

/** `\i` or `\j` at k (the dotless letters an accent may sit on); `end` swallows trailing spaces. */
function dotless(s: string, k: number, swallow: boolean): Piece | null {
  const letter = s[k + 1];
  if (s[k] !== '\\' || (letter !== 'i' && letter !== 'j') || isAsciiLetter(s[k + 2])) return null;
  return { text: letter, end: swallow ? skipSpaces(s, k + 2) : k + 2 };
}

/** The base letter an accent applies to: `a`, `{a}`, `\i`, `{\i}`. */
function accentArgument(s: string, k: number): Piece | null {
  const c = s[k];
  if (c === '{') {
    if (s[k + 1] === '\\') {
      const d = dotless(s, k + 1, false);
      return d && s[d.end] === '}' ? { text: d.text, end: d.end + 1 } : null;
    }
    return isAsciiLetter(s[k + 1]) && s[k + 2] === '}' ? { text: s[k + 1] ?? '', end: k + 3 } : null;
  }
  if (c === '\\') return dotless(s, k, true);
  return isAsciiLetter(c) ? { text: c ?? '', end: k + 1 } : null;
}

function accented(base: Piece | null, mark: string): Piece | null {
  return base ? { text: (base.text + mark).normalize('NFC'), end: base.end } : null;
}

/** The escape starting with the backslash at i, or null when it is not one we convert. */
function escapeAt(s: string, i: number): Piece | null {
  const c = s[i + 1];
  if (c === undefined) return null;
  const mark = SYMBOL_ACCENTS.get(c);
  if (mark !== undefined) return accented(accentArgument(s, i + 2), mark);
  if (!isAsciiLetter(c)) return null;
  let j = i + 2;
  while (isAsciiLetter(s[j])) j++;
  const name = s.slice(i + 1, j);
  const letter = LETTERS.get(name);
  if (letter !== undefined) return { text: letter, end: s.startsWith('{}', j) ? j + 2 : skipSpaces(s, j) };
  const wordMark = WORD_ACCENTS.get(name);
  if (wordMark !== undefined) return accented(accentArgument(s, skipSpaces(s, j)), wordMark);
  return null;
}

/** Index of the `$` closing math that opened at `open` (`$` or `$$`), or -1. */
function mathEnd(s: string, open: number): number {
  const delimiter = s[open + 1] === '$' ? '$$' : '$';
  for (let k = open + delimiter.length; k < s.length; k++) {
    if (s[k] === '\\') k++;
    else if (s.startsWith(delimiter, k)) return k + delimiter.length - 1;
  }
  return -1;
}

/** Converts TeX accent escapes to Unicode (NFC), leaving all other text as it was. */
export function texToUnicode(input: string): string {
  if (!input.includes('\\')) return input;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (ch === '$') {
      const end = mathEnd(input, i);
      i = end === -1 ? i + 1 : end + 1;
      continue;
    }
    if (ch !== '\\') {
      i++;
      continue;
    }
    const piece = escapeAt(input, i);
    if (!piece) {
      // Not ours (`\alpha`, `\\`, `\&`): keep it, and never read its second character as a start.
      i += 2;
      continue;
    }
    let start = i;
    let end = piece.end;
    // `{\"o}` and `{\o}`: the braces only group the accent, so they go too.
    if (i - 1 >= copied && input[i - 1] === '{' && input[end] === '}') {
      start = i - 1;
      end += 1;
    }
    out += input.slice(copied, start) + piece.text;
    copied = end;
    i = end;
  }
  return out + input.slice(copied);
}
