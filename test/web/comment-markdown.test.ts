import fc from 'fast-check';
import { parseFragment, type DefaultTreeAdapterTypes } from 'parse5';
import { describe, expect, it } from 'vitest';
import { MAX_COMMENT_CHARS, renderComment } from '../../src/web/views/comment-markdown.js';
import { COMMENT_ALLOWED, sanitizeCommentHtml } from '../../src/web/views/comment-sanitize.js';
import { renderMathMl } from '../../src/web/views/markdown-math.js';
import { unsafeHtmlProblems } from '../support/safe-html.js';

const MATHML_NAMES = new Set(Object.keys(COMMENT_ALLOWED).filter((name) => name === 'math' || /^(m[a-z]+|semantics|annotation)$/.test(name)));

function render(markdown: string): string {
  return renderComment(markdown).value;
}

function expectSafe(markdown: string): string {
  const out = render(markdown);
  expect(unsafeHtmlProblems(out, COMMENT_ALLOWED, MATHML_NAMES), `${JSON.stringify(markdown)} → ${out}`).toEqual([]);
  return out;
}

// Known XSS payloads, grouped by the route they take. Each must render without script, handler or bad URL.
const LINK_PAYLOADS = [
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](javascript&#58;alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](java&#x09;script:alert(1))',
  '[x](java&#9;script:alert(1))',
  '[x](java&NewLine;script:alert(1))',
  '[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[x](&#x6A;avascript:alert(1))',
  '[x](&#0000106avascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](< javascript:alert(1)>)',
  '[x](<java\tscript:alert(1)>)',
  '[x](\u0001javascript:alert(1))',
  '[x](\u00a0javascript:alert(1))',
  '[x](%6Aavascript:alert(1))',
  '[x](javascript://%0aalert(1))',
  '[x](javascript\\:alert(1))',
  '[x](vbscript:msgbox(1))',
  '[x](VBScript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](DATA:text/html,<script>alert(1)</script>)',
  '[x](data:image/svg+xml,<svg onload=alert(1)>)',
  '[x](//evil.example/x.js)',
  '[x](file:///etc/passwd)',
  '[x](https://ok.example "onmouseover=alert(1)")',
  '[x](https://ok.example" onmouseover="alert(1))',
  '[x][r]\n\n[r]: javascript:alert(1)',
  '[r]\n\n[r]: <javascript:alert(1)>',
  '[r]\n\n[r]: java&#x09;script:alert(1)',
  '[r]\n\n[r]: https://ok.example "x\\" onclick=\\"alert(1)"',
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<vbscript:msgbox(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '<https://ok.example/"onmouseover="alert(1)>',
  'javascript:alert(1) and vbscript:msgbox(1) and data:text/html,x',
  'see http://ok.example/?q="><script>alert(1)</script>',
  '![x](javascript:alert(1))',
  '![x](https://ok.example/x.png" onerror="alert(1))',
  '![x][i]\n\n[i]: javascript:alert(1)',
  '[![x](https://ok.example/i.png)](javascript:alert(1))',
  '[a](https://ok.example)[b](javascript:alert(1))',
];

const RAW_HTML_PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<style>*{background:url(javascript:alert(1))}</style>',
  '<math><mtext><script>alert(1)</script></mtext></math>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math href="javascript:alert(1)">x</math>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<body onload=alert(1)>',
  '<object data="javascript:alert(1)"></object>',
  '<form action=javascript:alert(1)><button>x</button></form>',
  '<details open ontoggle=alert(1)>',
  '<!--<img src=x onerror=alert(1)>-->',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '\\<script\\>alert(1)\\</script\\>',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '```"><img src=x onerror=alert(1)>\nx\n```',
  '> <img src=x onerror=alert(1)>\n> - <svg onload=alert(1)>',
  '| <script>alert(1)</script> |\n|---|\n| <img src=x onerror=alert(1)> |',
];

const MATH_PAYLOADS = [
  '$\\href{javascript:alert(1)}{x}$',
  '$\\url{javascript:alert(1)}$',
  '$$\\href{JavaScript:alert(1)}{\\text{click}}$$',
  '\\(\\href{data:text/html,x}{y}\\)',
  '\\[\\url{vbscript:msgbox(1)}\\]',
  '$\\htmlClass{x}{y}$ $\\htmlId{x}{y}$ $\\htmlStyle{color:red}{y}$ $\\htmlData{onload=alert(1)}{y}$',
  '$\\style{color:red}{x}$',
  '$\\includegraphics{javascript:alert(1)}$',
  '$\\text{<img src=x onerror=alert(1)>}$',
  '$<script>alert(1)</script>$',
  '$\\def\\x{\\href{javascript:alert(1)}{y}}\\x$',
  '$\\mathrm{\\href{javascript:alert(1)}{x}}$',
  '$\\fcolorbox{red}{blue}{x}$ $\\pmb{x}$ $\\colorbox{red}{x}$',
  '$\\color{red" onload="alert(1)}{x}$',
  '$\\verb|<script>|$',
  '$\\frac{<img src=x onerror=alert(1)>$',
  '$$\n\\begin{array}{c}\\href{javascript:alert(1)}{x}\\end{array}\n$$',
  '[$\\href{javascript:alert(1)}{x}$](javascript:alert(1))',
];

describe('renderComment against known XSS payloads', () => {
  it.each([...LINK_PAYLOADS, ...RAW_HTML_PAYLOADS, ...MATH_PAYLOADS])('%j', (payload) => {
    const out = expectSafe(payload);
    expect(out).not.toMatch(/<(img|svg|iframe|style|object|form|details|body|div|noscript|mglyph|span)\b/i);
  });

  it('turns none of the bad links into a link', () => {
    for (const payload of LINK_PAYLOADS.filter((p) => !/ok\.example/.test(p))) expect(render(payload), payload).not.toContain('<a');
  });

  it('shows raw HTML as text', () => {
    expect(render('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
  });
});

// Pieces of markup, link syntax, schemes, entities and math that attacks are assembled from.
const FRAGMENTS = [
  '[', ']', '(', ')', '<', '>', '!', '"', "'", '`', '```', '*', '_', '~~', '|', '#', '&', ';', ' ', '\t', '\n', '\n\n', 'x',
  '> ', '- ', '1. ', '---', '[r]: ', '[r]', ':', '/', '\\',
  'javascript:', 'JaVaScRiPt:', 'java&#x09;script:', 'java\tscript:', '&#106;', '&#x6A;', '&colon;', '&#58;', 'vbscript:', 'data:text/html,',
  'http://', 'https://ok.example', 'mailto:', '//evil.example', ' onerror=', ' onload=', 'alert(1)', 'href=',
  '<script>', '</script>', '<img src=x ', '<svg', '<math>', '<mtext>', '<style>', '<a href=', '<!--', '-->',
  '$', '$$', '\\(', '\\)', '\\[', '\\]', '\\href{', '\\url{', '\\htmlClass{', '\\text{', '{', '}', '^', '\\frac',
];

describe('the sanitizer alone (second line of defence)', () => {
  const sanitizedProblems = (input: string): string[] => unsafeHtmlProblems(sanitizeCommentHtml(input), COMMENT_ALLOWED, MATHML_NAMES);

  it.each(RAW_HTML_PAYLOADS.filter((p) => p.startsWith('<')))('strips %j given as HTML', (payload) => {
    expect(sanitizedProblems(payload)).toEqual([]);
  });

  it('keeps raw HTML built from dangerous fragments within the allowlist', () => {
    const attack = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(attack, (s) => {
        expect(sanitizedProblems(s), s).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('forces the rel and drops links to other schemes', () => {
    expect(sanitizeCommentHtml('<a href="https://ok.example" rel="opener" target="_blank" title="t">x</a>')).toBe('<a href="https://ok.example" rel="ugc nofollow noopener">x</a>');
    expect(sanitizeCommentHtml('<a href=" javascript:alert(1)">x</a><a href="/relative">y</a><a>z</a>')).toBe('xyz');
  });

  it('is checked by a checker that catches what it should', () => {
    for (const bad of ['<a href="javascript:x" rel="ugc nofollow noopener">x</a>', '<a href="https://ok.example">x</a>', '<p onclick="x">x</p>', '<p class="c">x</p>', '<img src="x">', '<math><mi href="https://ok.example">x</mi></math>', '</div><p>x</p>', '<math><p>x</p></math><svg></svg>', '<!-- x -->']) {
      expect(unsafeHtmlProblems(bad, COMMENT_ALLOWED, MATHML_NAMES), bad).not.toEqual([]);
    }
  });
});

describe('renderComment properties', () => {
  it('keeps any string within the allowlist', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => void expectSafe(s)), { numRuns: 500 });
  });

  it('keeps strings built from dangerous fragments within the allowlist', () => {
    const attack = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(fc.property(attack, (s) => void expectSafe(s)), { numRuns: 2000 });
  });

  it('leaves nothing for a second sanitizer pass to remove', () => {
    const attack = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(attack, (s) => {
        expect(sanitizeCommentHtml(render(s))).toBe(render(s));
      }),
      { numRuns: 300 },
    );
  });

  it('never renders math inside code', () => {
    const tex = fc.string({ maxLength: 30 }).filter((s) => !/[`\n]/.test(s));
    fc.assert(
      fc.property(tex, (s) => {
        expect(render(`\`$${s}$\`\n\n\`\`\`\n$$${s}$$\n\`\`\``)).not.toContain('<math');
      }),
    );
  });
});

describe('renderComment formatting', () => {
  it('renders emphasis, strikethrough, quotes, line breaks and rules', () => {
    expect(render('*a* **b** ~~c~~\nd\n\n> q\n\n---')).toBe('<p><em>a</em> <strong>b</strong> <s>c</s><br />\nd</p>\n<blockquote>\n<p>q</p>\n</blockquote>\n<hr />\n');
  });

  it('renders lists, keeping an ordered list’s start number', () => {
    expect(render('- a\n- b')).toBe('<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n');
    expect(render('3. c\n4. d')).toBe('<ol start="3">\n<li>c</li>\n<li>d</li>\n</ol>\n');
  });

  it('renders code spans and blocks without language classes', () => {
    expect(render('`a < b`')).toBe('<p><code>a &lt; b</code></p>\n');
    expect(render('```python\nx = 1\n```')).toBe('<pre><code>x = 1\n</code></pre>\n');
  });

  it('renders tables without alignment styles', () => {
    expect(render('| a | b |\n|--:|:-:|\n| 1 | 2 |')).toBe('<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>\n');
  });

  it('gives every kind of link the ugc rel', () => {
    const rel = 'rel="ugc nofollow noopener"';
    expect(render('[paper](https://arxiv.org/abs/2401.00001)')).toBe(`<p><a href="https://arxiv.org/abs/2401.00001" ${rel}>paper</a></p>\n`);
    expect(render('[r]\n\n[r]: http://ok.example/a?b=1&c=2')).toBe(`<p><a href="http://ok.example/a?b=1&amp;c=2" ${rel}>r</a></p>\n`);
    expect(render('<https://ok.example>')).toBe(`<p><a href="https://ok.example" ${rel}>https://ok.example</a></p>\n`);
    expect(render('see https://ok.example/x.')).toBe(`<p>see <a href="https://ok.example/x" ${rel}>https://ok.example/x</a>.</p>\n`);
    expect(render('ask a@ok.example')).toBe(`<p>ask <a href="mailto:a@ok.example" ${rel}>a@ok.example</a></p>\n`);
  });

  it('keeps relative links, headings and images as text', () => {
    expect(render('[x](/papers/2401.00001)')).toBe('<p>[x](/papers/2401.00001)</p>\n');
    expect(render('# Not a heading')).toBe('<p># Not a heading</p>\n');
    expect(render('![alt](https://ok.example/i.png)')).toBe('<p>!<a href="https://ok.example/i.png" rel="ugc nofollow noopener">alt</a></p>\n');
  });

  it('cuts input at MAX_COMMENT_CHARS', () => {
    const out = render(`${'a'.repeat(MAX_COMMENT_CHARS)}TAIL`);
    expect(out).toBe(`<p>${'a'.repeat(MAX_COMMENT_CHARS)}</p>\n`);
    expect(render(`${'a'.repeat(MAX_COMMENT_CHARS - 1)}😀`)).toBe(`<p>${'a'.repeat(MAX_COMMENT_CHARS - 1)}</p>\n`);
  });
});

describe('renderComment math', () => {
  it('renders $…$, \\(…\\), $$…$$ and \\[…\\] as MathML', () => {
    const inline = render('with $x^2$ and \\(y_1\\)');
    expect(inline.match(/<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML">/g)).toHaveLength(2);
    expect(inline).toContain('<msup><mi>x</mi><mn>2</mn></msup>');
    expect(inline).toContain('<msub><mi>y</mi><mn>1</mn></msub>');
    for (const display of ['$$\\frac{a}{b}$$', '\\[\\frac{a}{b}\\]', 'so\n$$\n\\frac{a}{b}\n$$', '- $$\n  \\frac{a}{b}\n  $$']) {
      expect(render(display), display).toMatch(/<math [^>]*display="block"><semantics><mrow><mfrac><mi>a<\/mi><mi>b<\/mi><\/mfrac>/);
    }
  });

  it('leaves prices, escaped dollars and code alone', () => {
    expect(render('costs $5 and $10 today')).toBe('<p>costs $5 and $10 today</p>\n');
    expect(render('\\$x\\$ and $ x $')).toBe('<p>$x$ and $ x $</p>\n');
    expect(render('`$x$` and ``$$y$$``')).toBe('<p><code>$x$</code> and <code>$$y$$</code></p>\n');
    expect(render('```\n$$\nx\n$$\n```')).toBe('<pre><code>$$\nx\n$$\n</code></pre>\n');
    expect(render('$a `b$` c')).toBe('<p>$a <code>b$</code> c</p>\n');
  });

  it('shows a broken formula as its source text', () => {
    expect(render('$\\frac{a$')).toBe('<p>\\frac{a</p>\n');
  });

  it('keeps every element KaTeX emits, and drops only style, class and colour attributes', () => {
    const formulas = [
      'x^2_i + \\frac{a}{b} - \\sqrt[3]{x} \\sum_{i=1}^n \\int_0^1 \\lim_{x\\to0}', '\\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}',
      '\\begin{array}{c|l}a&b\\\\\\hline c&d\\end{array}', '\\mathbf{x}\\mathbb{R}\\mathcal{L}\\operatorname{argmax}',
      '\\hat{x}\\overbrace{a}^{b}\\underbrace{c}_{d}\\xrightarrow[u]{o}', '\\left(\\frac{a}{b}\\middle|c\\right]\\big(', '\\quad\\,\\!\\text{t}\\verb|v|',
      '\\color{red}{x}\\colorbox{red}{z}\\fcolorbox{red}{blue}{w}\\pmb{x}', '\\boxed{x}\\cancel{x}\\phantom{x}\\smash{x}\\raisebox{2pt}{x}\\rule{1em}{2pt}',
      '\\begin{cases}a&b\\end{cases}\\binom{n}{k}\\genfrac(]{0pt}{2}{a}{b}\\tiny x', '\\begin{CD}A @>a>> B\\end{CD}', '\\begin{equation}x\\tag{1}\\end{equation}',
      'a\\\\b \\llap{x}\\mathclap{y}\\vcenter{z}', '\\overset{a}{b}\\mathop{x}\\injlim',
    ];
    const displayOnly = /^\\begin\{(CD|equation)\}/;
    const dropped = new Set(['style', 'class', 'mathcolor', 'mathbackground']);
    const collect = (fragment: string): Set<string> => {
      const seen = new Set<string>();
      const visit = (node: DefaultTreeAdapterTypes.Node): void => {
        if ('tagName' in node && node.tagName !== 'span') {
          seen.add(node.tagName);
          for (const a of node.attrs) if (!dropped.has(a.name)) seen.add(`${node.tagName}[${a.name}]`);
        }
        if ('childNodes' in node) node.childNodes.forEach(visit);
      };
      visit(parseFragment(fragment));
      return seen;
    };
    for (const tex of formulas) {
      for (const display of displayOnly.test(tex) ? [true] : [false, true]) {
        const katexOut = renderMathMl(tex, display);
        expect(katexOut).not.toContain('katex-error');
        expect([...collect(katexOut)].filter((x) => !collect(sanitizeCommentHtml(katexOut)).has(x)), tex).toEqual([]);
      }
    }
  });
});
