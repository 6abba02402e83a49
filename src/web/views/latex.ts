// LaTeX in titles and abstracts, rendered on the server as MathML by KaTeX: browsers draw MathML
// natively, so pages need no client script, no math fonts and no inline styles (the CSP stays strict).
import katex from 'katex';
import { escapeHtml, trustedHtml, type SafeHtml } from '../html.js';

// $$…$$, \[…\], \(…\), and $…$ where the inner text neither starts nor ends with a space and the
// closing $ is not followed by a digit (so "costs $5 and $10" stays text).
const MATH = /\$\$([^$]+?)\$\$|\\\[([\s\S]+?)\\\]|\\\(([\s\S]+?)\\\)|\$([^$\s](?:[^$]*?[^$\s\\])?)\$(?!\d)/g;

/** Longest formula rendered (characters); longer ones are shown as source to bound render time. */
const MAX_FORMULA_CHARS = 500;

function renderFormula(tex: string, displayMode: boolean): string {
  if (tex.length > MAX_FORMULA_CHARS) return escapeHtml(displayMode ? `$$${tex}$$` : `$${tex}$`);
  return katex.renderToString(tex, { output: 'mathml', throwOnError: false, displayMode, trust: false, maxExpand: 200, strict: 'ignore' });
}

/** Text with its LaTeX formulas rendered; everything else escaped. */
export function renderTex(text: string): SafeHtml {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(MATH)) {
    out += escapeHtml(text.slice(last, m.index));
    const display = m[1] ?? m[2];
    out += renderFormula(display ?? m[3] ?? m[4] ?? '', display !== undefined);
    last = m.index + m[0].length;
  }
  return trustedHtml(out + escapeHtml(text.slice(last)));
}

/** Plain text for places that cannot hold markup (meta tags, <title>): formulas keep their source. */
export function plainTex(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
