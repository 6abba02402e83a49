// markdown-it plugin for LaTeX math in user Markdown (comments): `$…$` and `\(…\)` inline, `$$…$$` and
// `\[…\]` display, rendered on the server by KaTeX as MathML only (no inline styles, so the CSP keeps
// `style-src 'self'`; same KaTeX options as views/latex.ts). The rules run as markdown-it inline and block
// rules, so code spans and code blocks keep their dollars literally, and escaped `\$` stays a dollar.
// KaTeX output is markup from a library, not from us: callers must still pass the rendered HTML through the
// comment sanitizer (views/comment-sanitize.ts), which allows exactly the MathML KaTeX emits.
import katex from 'katex';
import type { MarkdownIt, StateBlock, StateInline } from 'markdown-it';

/**
 * Longest formula recognised (characters between the delimiters). Longer spans are not math and stay text;
 * the bound also keeps the search for a closing delimiter linear in the input.
 */
export const MAX_FORMULA_CHARS = 500;

const DOLLAR = 0x24;
const BACKSLASH = 0x5c;
const BACKTICK = '`';

/** MathML for one formula; KaTeX errors render as the formula's source text (throwOnError: false). */
export function renderMathMl(tex: string, displayMode: boolean): string {
  return katex.renderToString(tex, { output: 'mathml', throwOnError: false, displayMode, trust: false, maxExpand: 200, strict: 'ignore' });
}

/** Whether the character at `pos` is escaped by an odd run of backslashes before it. */
function isEscaped(src: string, pos: number): boolean {
  let n = 0;
  for (let i = pos - 1; i >= 0 && src.charCodeAt(i) === BACKSLASH; i -= 1) n += 1;
  return n % 2 === 1;
}

/** Position of the first unescaped `close` in src[from, limit), or -1. Searches only that window. */
function findClose(src: string, close: string, from: number, limit: number): number {
  const window = src.slice(0, limit);
  for (let at = window.indexOf(close, from); at !== -1; at = window.indexOf(close, at + 1)) {
    if (!isEscaped(src, at)) return at;
  }
  return -1;
}

interface InlineMatch {
  readonly tex: string;
  readonly display: boolean;
  readonly end: number;
}

/**
 * The formula starting at `start`, if any. `$…$` follows Pandoc's tex_math_dollars: the inner text neither
 * starts nor ends with whitespace and the closing `$` is not followed by a digit, so "costs $5 and $10" stays
 * text. No inline formula contains a backtick, so a code span that overlaps one wins, as in CommonMark.
 */
function matchInline(src: string, start: number, max: number): InlineMatch | undefined {
  const c0 = src.charCodeAt(start);
  const c1 = src.charCodeAt(start + 1);
  let open: number;
  let close: string;
  let display: boolean;
  if (c0 === DOLLAR && c1 === DOLLAR) [open, close, display] = [2, '$$', true];
  else if (c0 === DOLLAR) [open, close, display] = [1, '$', false];
  else if (c0 === BACKSLASH && c1 === 0x28 /* ( */) [open, close, display] = [2, '\\)', false];
  else if (c0 === BACKSLASH && c1 === 0x5b /* [ */) [open, close, display] = [2, '\\]', true];
  else return undefined;
  const from = start + open;
  const at = findClose(src, close, from, Math.min(max, from + MAX_FORMULA_CHARS + close.length));
  if (at === -1) return undefined;
  const tex = src.slice(from, at);
  if (tex.trim() === '' || tex.includes(BACKTICK)) return undefined;
  const end = at + close.length;
  if (close === '$' && (/^\s|\s$/.test(tex) || /[0-9]/.test(src.charAt(end)))) return undefined;
  return { tex, display, end };
}

function mathInline(state: StateInline, silent: boolean): boolean {
  const m = matchInline(state.src, state.pos, state.posMax);
  if (m === undefined) return false;
  if (!silent) {
    const token = state.push(m.display ? 'math_inline_display' : 'math_inline', 'math', 0);
    token.content = m.tex;
  }
  state.pos = m.end;
  return true;
}

/**
 * A display formula as its own block: a line starting with `$$` or `\[`, up to the first matching `$$` or
 * `\]`, which must end its line (possibly the first). A blank line or more than MAX_FORMULA_CHARS before the
 * closer means it is not a block; the lines then fall through to the paragraph (and its inline rule).
 */
function mathBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const src = state.src;
  const begin = state.bMarks[startLine]! + state.tShift[startLine]!;
  const open = src.startsWith('$$', begin) ? '$$' : src.startsWith('\\[', begin) ? '\\[' : undefined;
  if (open === undefined) return false;
  const close = open === '$$' ? '$$' : '\\]';
  const pieces: string[] = [];
  let chars = 0;
  for (let line = startLine; line < endLine; line += 1) {
    // Line by line rather than one slice of src: inside a blockquote or list, src also holds the markers.
    const lineStart = line === startLine ? begin + open.length : state.bMarks[line]! + state.tShift[line]!;
    const lineEnd = state.eMarks[line]!;
    if (line !== startLine && (lineStart >= lineEnd || state.sCount[line]! < state.blkIndent)) return false;
    const at = findClose(src, close, lineStart, lineEnd);
    pieces.push(src.slice(lineStart, at === -1 ? lineEnd : at));
    chars += (at === -1 ? lineEnd : at) - lineStart + 1;
    if (chars > MAX_FORMULA_CHARS) return false;
    if (at === -1) continue;
    const tex = pieces.join('\n');
    if (src.slice(at + close.length, lineEnd).trim() !== '' || tex.trim() === '') return false;
    if (silent) return true;
    const token = state.push('math_block', 'math', 0);
    token.content = tex.trim();
    token.block = true;
    token.map = [startLine, line + 1];
    state.line = line + 1;
    return true;
  }
  return false;
}

/** Adds the math rules and their renderers to `md`. */
export function markdownMath(md: MarkdownIt): void {
  // Before 'escape', which would otherwise turn `\(` into a literal parenthesis.
  md.inline.ruler.before('escape', 'math_inline', mathInline);
  md.block.ruler.before('fence', 'math_block', mathBlock, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.renderer.rules.math_inline = (tokens, idx) => renderMathMl(tokens[idx]?.content ?? '', false);
  md.renderer.rules.math_inline_display = (tokens, idx) => renderMathMl(tokens[idx]?.content ?? '', true);
  md.renderer.rules.math_block = (tokens, idx) => `${renderMathMl(tokens[idx]?.content ?? '', true)}\n`;
}
