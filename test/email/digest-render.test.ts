// The digest renderer on its own: both parts carry every paper field, the HTML is self-contained
// (inline styles, no remote resources, dark-mode meta), and hostile text stays text.
import { describe, expect, it } from 'vitest';
import type { DigestMail, DigestPaper } from '../../src/email/digest-model.js';
import { renderDigest, wrapText } from '../../src/email/digest-render.js';

const paper = (n: number, extra: Partial<DigestPaper> = {}): DigestPaper => ({
  id: `2608.0000${n}`,
  title: `Paper number ${n}`,
  authors: 'Ann A, Bob B and 3 more',
  summary: `Summary of paper ${n}, which is long enough to wrap in the plain text part of the digest when it goes past seventy-two characters.`,
  votes: 10 + n,
  codeUrl: n % 2 === 0 ? `https://github.com/example/p${n}` : null,
  paperUrl: `https://paperboy.example.org/papers/2608.0000${n}`,
  ...extra,
});

const mail = (over: Partial<DigestMail> = {}): DigestMail => ({
  frequency: 'daily',
  periodLabel: 'Friday, 21 Aug 2026',
  siteName: 'Paperboy',
  siteUrl: 'https://paperboy.example.org/',
  notice: null,
  filterLine: null,
  sections: [{ id: 'top', heading: 'Top papers', intro: null, papers: [paper(1), paper(2)] }],
  manageUrl: 'https://paperboy.example.org/subscription/tok',
  unsubscribeUrl: 'https://paperboy.example.org/unsubscribe/tok',
  ...over,
});

describe('digest rendering', () => {
  it('puts every paper field and both footer links into both parts', () => {
    const r = renderDigest(mail());
    expect(r.subject).toBe('Paperboy daily digest: 2 papers, Friday, 21 Aug 2026');
    for (const part of [r.text, r.html]) {
      for (const p of [paper(1), paper(2)]) {
        expect(part).toContain(p.title);
        expect(part).toContain(p.paperUrl);
        expect(part).toContain(`${p.votes} votes`);
      }
      expect(part).toContain('https://github.com/example/p2');
      expect(part).toContain('https://paperboy.example.org/subscription/tok');
      expect(part).toContain('https://paperboy.example.org/unsubscribe/tok');
    }
    expect(r.text).toMatch(/^1\. {2}Paper number 1$/m);
    expect(r.text.split('\n').every((line) => line.length <= 72 || /https?:\/\/\S+$/.test(line))).toBe(true);
  });

  it('makes self-contained, dark-mode-aware HTML', () => {
    const { html } = renderDigest(mail());
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toMatch(/@media \(prefers-color-scheme: dark\)/);
    expect(html).not.toMatch(/<img|<script|<link|<iframe|url\(/i);
    expect(html).not.toMatch(/\ssrc=/i);
    expect(html).toContain('max-width:600px');
  });

  it('escapes text from papers', () => {
    const r = renderDigest(mail({ sections: [{ id: 'top', heading: 'Top papers', intro: null, papers: [paper(3, { title: '<script>alert(1)</script> & "x"', paperUrl: 'https://e.org/?a=1&b="2"' })] }] }));
    expect(r.html).not.toContain('<script>');
    expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;');
    expect(r.html).toContain('href="https://e.org/?a=1&amp;b=&quot;2&quot;"');
    expect(r.text).toContain('<script>alert(1)</script> & "x"');
  });

  it('shows sections in order, each numbered from 1, and an empty section says so', () => {
    const r = renderDigest(
      mail({
        sections: [
          { id: 'for-you', heading: 'For you', intro: 'Picked from your votes.', papers: [paper(4)] },
          { id: 'top', heading: 'Top papers', intro: 'Nothing new this day.', papers: [] },
        ],
      }),
    );
    expect(r.html.indexOf('id="for-you"')).toBeLessThan(r.html.indexOf('id="top"'));
    expect(r.text).toMatch(/For you\n=+\nPicked from your votes\.\n\n1\. {2}Paper number 4/);
    expect(r.text).toContain('Nothing new this day.');
    expect(r.subject).toMatch(/: 1 paper,/);
  });

  it('wraps words and keeps long ones whole', () => {
    expect(wrapText('aaa bbb ccc', '  ', 9)).toBe('  aaa bbb\n  ccc');
    expect(wrapText('x https://example.org/a/very/long/url/indeed y', '', 10)).toBe('x\nhttps://example.org/a/very/long/url/indeed\ny');
  });
});
