// Comment rendering benchmark: how long renderComment (markdown-it + KaTeX MathML + sanitize-html) takes
// for a typical comment and for hostile comments at the length limit, in this process, one at a time.
//
// What it measures: for each input, REPEAT renders after a warm-up; reports mean, p50 and p99 per render
// in microseconds and the share of time spent in the sanitizer. No target is asserted: the figures decide
// whether comments are rendered once on write (the plan) or could be rendered per view.
//
// Run:  npx tsx bench/comment-markdown.ts
// Output: an aligned table on stdout, then one JSON line per input.
import { performance } from 'node:perf_hooks';
import markdownIt from 'markdown-it';
import { MAX_COMMENT_CHARS, renderComment } from '../src/web/views/comment-markdown.js';
import { sanitizeCommentHtml } from '../src/web/views/comment-sanitize.js';

const REPEAT = Number(process.env.BENCH_REPEAT ?? 300);

const TYPICAL = `Nice result! The scaling claim in Section 3 looks like it depends on the **batch size**:
with $B$ fixed, the loss should go as $L(N) \\approx (N_c / N)^{\\alpha_N}$, not linearly.

A couple of questions:

1. Is $\\alpha_N$ fitted per model family or shared?
2. Did you try the setup from [the Chinchilla paper](https://arxiv.org/abs/2203.15556)?

$$
\\mathcal{L}(\\theta) = -\\sum_{i=1}^{n} \\log p_\\theta(y_i \\mid x_i)
$$

The code in \`train.py\` uses \`lr = 3e-4\`, which costs about $5 per run on spot instances.`;

function fill(unit: string): string {
  return unit.repeat(Math.ceil(MAX_COMMENT_CHARS / unit.length)).slice(0, MAX_COMMENT_CHARS);
}

const INPUTS: ReadonlyArray<readonly [string, string]> = [
  ['typical (~600 chars, 3 formulas)', TYPICAL],
  ['typical x16 (8 kB)', TYPICAL.repeat(16)],
  ['limit: inline formulas', fill('$x_{i}^{2}$ ')],
  ['limit: display matrices', fill('$$\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}$$\n\n')],
  ['limit: unclosed \\( openers', fill('\\( a ')],
  ['limit: nested brackets', fill('[')],
  ['limit: emphasis runs', fill('*a_')],
  ['limit: links', fill('[x](https://ok.example/a) ')],
  ['limit: quotes and lists', fill('> - ')],
];

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

const md = markdownIt('default', { html: false, linkify: true, breaks: true });
const rows = INPUTS.map(([name, input]) => {
  for (let i = 0; i < 20; i += 1) renderComment(input);
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i += 1) {
    const t0 = performance.now();
    renderComment(input);
    times.push((performance.now() - t0) * 1000);
  }
  times.sort((a, b) => a - b);
  // The sanitizer's share, measured on plain markdown-it output of the same size (no math).
  const plain = md.render(input);
  const s0 = performance.now();
  for (let i = 0; i < 50; i += 1) sanitizeCommentHtml(plain);
  const sanitizeUs = ((performance.now() - s0) * 1000) / 50;
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  return { input: name, chars: Math.min(input.length, MAX_COMMENT_CHARS), meanUs: Math.round(mean), p50Us: Math.round(percentile(times, 0.5)), p99Us: Math.round(percentile(times, 0.99)), sanitizeUs: Math.round(sanitizeUs) };
});

const header = ['input', 'chars', 'mean µs', 'p50 µs', 'p99 µs', 'sanitize µs'];
const table = rows.map((r) => [r.input, String(r.chars), String(r.meanUs), String(r.p50Us), String(r.p99Us), String(r.sanitizeUs)]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]?.length ?? 0)));
for (const row of [header, ...table]) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  '));
for (const r of rows) console.log(JSON.stringify(r));
