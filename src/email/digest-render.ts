// Renders a digest (digest-model.ts) as a mail: subject, a plain-text part and an HTML part.
// The HTML is built for mail clients, not browsers: a table layout at most 600 px wide that
// shrinks on phones, every style inline in style attributes (clients such as Gmail drop <head>
// styles in places) plus one <style> block whose only job is dark mode (color-scheme meta and
// prefers-color-scheme; clients without it keep the light colours, which stay readable), and no
// remote images, fonts or scripts. Each paper's block is rendered once per run and reused for
// every subscriber who gets that paper (a 10,000-reader run renders each paper once).
import type { DigestMail, DigestPaper, DigestSection, RenderedDigest } from './digest-model.js';
import { escapeHtml } from './html-escape.js';

/** Plain-text lines are wrapped at this many characters (RFC 5322 §2.1.1 recommends ≤ 78). */
const TEXT_WIDTH = 72;
/** Lines of a paper after its first are indented under the title: "10. " is four characters. */
const TEXT_INDENT = '    ';
/** The mail's inner width in pixels: the common limit of mail-client reading panes. */
const MAX_WIDTH_PX = 600;

// Light palette (the site's public/style.css), and its dark twin in the <style> block.
const LIGHT = { bg: '#fdfdfc', card: '#ffffff', fg: '#1d1f23', muted: '#5d636e', line: '#e3e5e8', accent: '#b4400b' };
const DARK = { bg: '#15171a', card: '#1b1e22', fg: '#e6e7e9', muted: '#a0a6b0', line: '#2c3036', accent: '#f08a4b' };
const FONT = "system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

const DARK_STYLE = `:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (prefers-color-scheme: dark){
.pb-bg{background:${DARK.bg}!important;color:${DARK.fg}!important}
.pb-card{background:${DARK.card}!important;border-color:${DARK.line}!important}
.pb-fg{color:${DARK.fg}!important}
.pb-muted{color:${DARK.muted}!important}
.pb-link{color:${DARK.accent}!important}
.pb-rule{border-color:${DARK.line}!important}
}
@media (max-width:480px){.pb-pad{padding-left:12px!important;padding-right:12px!important}}`;

/** Greedy word wrap; continuation lines start with `indent`. Words longer than a line (URLs) stay whole. */
export function wrapText(text: string, indent = '', width = TEXT_WIDTH): string {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line.length > indent.length && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
    }
    line += line.length > indent.length ? ` ${word}` : word;
  }
  if (line.length > indent.length) lines.push(line);
  return lines.join('\n');
}

interface PaperBlocks {
  /** HTML after the rank number. */
  readonly html: string;
  /** Text after "N. ". */
  readonly text: string;
}

// Keyed by the paper object, which a run shares between all its subscribers.
const blocks = new WeakMap<DigestPaper, PaperBlocks>();

function votesLabel(votes: number): string {
  return `${votes} ${votes === 1 ? 'vote' : 'votes'}`;
}

function paperBlocks(p: DigestPaper): PaperBlocks {
  let b = blocks.get(p);
  if (b !== undefined) return b;
  const link = (href: string, label: string) => `<a class="pb-link" href="${escapeHtml(href)}" style="color:${LIGHT.accent};text-decoration:none">${escapeHtml(label)}</a>`;
  const meta = [`▲ ${votesLabel(p.votes)}`, ...(p.codeUrl === null ? [] : [link(p.codeUrl, 'code')]), link(p.paperUrl, 'paper page')].join(' · ');
  const html = `<a class="pb-fg" href="${escapeHtml(p.paperUrl)}" style="color:${LIGHT.fg};text-decoration:none;font-weight:600">${escapeHtml(p.title)}</a></p>
<p class="pb-muted" style="margin:2px 0 0;font-size:14px;line-height:1.4;color:${LIGHT.muted}">${escapeHtml(p.authors)}</p>
<p style="margin:6px 0 0;font-size:15px;line-height:1.45">${escapeHtml(p.summary)}</p>
<p class="pb-muted" style="margin:6px 0 0;font-size:14px;color:${LIGHT.muted}">${meta}</p>`;
  const text = [
    wrapText(p.title, TEXT_INDENT).trimStart(),
    wrapText(p.authors, TEXT_INDENT),
    wrapText(p.summary, TEXT_INDENT),
    `${TEXT_INDENT}▲ ${votesLabel(p.votes)}${p.codeUrl === null ? '' : ` · code: ${p.codeUrl}`}`,
    `${TEXT_INDENT}${p.paperUrl}`,
  ].join('\n');
  b = { html, text };
  blocks.set(p, b);
  return b;
}

function sectionHtml(s: DigestSection): string {
  const intro = s.intro === null ? '' : `<p class="pb-muted" style="margin:0 0 8px;font-size:14px;color:${LIGHT.muted}">${escapeHtml(s.intro)}</p>`;
  const rows = s.papers.map(
    (p, i) => `<tr><td class="pb-rule" style="padding:12px 0;border-bottom:1px solid ${LIGHT.line}">
<p class="pb-fg" style="margin:0;font-size:17px;line-height:1.3;color:${LIGHT.fg}"><span class="pb-muted" style="color:${LIGHT.muted}">${i + 1}.</span> ${paperBlocks(p).html}
</td></tr>`,
  );
  return `<tr><td class="pb-pad" style="padding:16px 24px 0">
<h2 id="${escapeHtml(s.id)}" class="pb-fg" style="margin:0 0 4px;font-size:19px;line-height:1.3;color:${LIGHT.fg}">${escapeHtml(s.heading)}</h2>
${intro}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0">
${rows.join('\n')}
</table>
</td></tr>`;
}

function sectionText(s: DigestSection): string {
  const head = `${s.heading}\n${'='.repeat(Math.min(TEXT_WIDTH, s.heading.length))}`;
  const intro = s.intro === null ? '' : `\n${wrapText(s.intro)}`;
  const papers = s.papers.map((p, i) => `${`${i + 1}.`.padEnd(TEXT_INDENT.length)}${paperBlocks(p).text}`);
  return papers.length === 0 ? `${head}${intro}` : `${head}${intro}\n\n${papers.join('\n\n')}`;
}

export function digestSubject(d: DigestMail): string {
  const count = d.sections.reduce((n, s) => n + s.papers.length, 0);
  return `${d.siteName} ${d.frequency} digest: ${count} ${count === 1 ? 'paper' : 'papers'}, ${d.periodLabel}`;
}

export function renderDigest(d: DigestMail): RenderedDigest {
  const subject = digestSubject(d);
  const kind = d.frequency === 'daily' ? 'Daily' : 'Weekly';
  const muted = (inner: string) => `<p class="pb-muted" style="margin:4px 0 0;font-size:14px;line-height:1.45;color:${LIGHT.muted}">${inner}</p>`;
  const footLink = (href: string, label: string) => `<a class="pb-link" href="${escapeHtml(href)}" style="color:${LIGHT.accent}">${escapeHtml(label)}</a>`;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(subject)}</title>
<style>${DARK_STYLE}</style>
</head>
<body class="pb-bg" style="margin:0;padding:0;background:${LIGHT.bg};color:${LIGHT.fg};font-family:${FONT}">
<table role="presentation" class="pb-bg" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:${LIGHT.bg}">
<tr><td align="center" style="padding:16px 8px">
<table role="presentation" class="pb-card" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:${MAX_WIDTH_PX}px;background:${LIGHT.card};border:1px solid ${LIGHT.line};border-radius:8px;font-family:${FONT};color:${LIGHT.fg}">
<tr><td class="pb-pad" style="padding:20px 24px 0">
<p style="margin:0;font-size:14px"><a class="pb-link" href="${escapeHtml(d.siteUrl)}" style="color:${LIGHT.accent};text-decoration:none;font-weight:700">${escapeHtml(d.siteName)}</a></p>
<h1 class="pb-fg" style="margin:4px 0 0;font-size:22px;line-height:1.25;color:${LIGHT.fg}">${kind} digest · ${escapeHtml(d.periodLabel)}</h1>
${d.filterLine === null ? '' : muted(`Your filters: ${escapeHtml(d.filterLine)}`)}
${d.notice === null ? '' : muted(escapeHtml(d.notice))}
</td></tr>
${d.sections.map(sectionHtml).join('\n')}
<tr><td class="pb-pad" style="padding:20px 24px 24px">
${muted(`You get this ${d.frequency} digest because you subscribed at ${footLink(d.siteUrl, d.siteName)}.`)}
${muted(`${footLink(d.manageUrl, 'Manage your subscription')} · ${footLink(d.unsubscribeUrl, 'Unsubscribe')}`)}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
  const text = [
    `${d.siteName} · ${kind} digest · ${d.periodLabel}`,
    ...(d.filterLine === null ? [] : [wrapText(`Your filters: ${d.filterLine}`)]),
    ...(d.notice === null ? [] : [wrapText(d.notice)]),
    '',
    d.sections.map(sectionText).join('\n\n\n'),
    '',
    '-- ',
    `You get this ${d.frequency} digest because you subscribed at ${d.siteUrl}`,
    `Manage your subscription: ${d.manageUrl}`,
    `Unsubscribe: ${d.unsubscribeUrl}`,
    '',
  ].join('\n');
  return { subject, text, html };
}
