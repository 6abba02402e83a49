import { describe, expect, it } from 'vitest';
import { renderTex } from './latex.js';

describe('renderTex', () => {
  it('renders inline math as MathML and escapes the rest', () => {
    const out = renderTex('Scaling <b>laws</b> for $O(n^2)$ attention').value;
    expect(out).toContain('&lt;b&gt;laws&lt;/b&gt;');
    expect(out).toContain('<math');
    expect(out).toContain('<msup>');
    expect(out).not.toContain('$');
  });
  it('leaves prices alone', () => {
    expect(renderTex('costs $5 and $10 today').value).toBe('costs $5 and $10 today');
  });
  it('never emits script or event handlers from hostile formulas', () => {
    const out = renderTex('$\\href{javascript:alert(1)}{x}$ $\\htmlId{x}{y}$ $<img src=x onerror=alert(1)>$').value;
    // Hostile text may survive as escaped annotation text, never as markup or attributes.
    const tags = out.match(/<[^>]*>/g) ?? [];
    expect(tags.length).toBeGreaterThan(0);
    for (const tag of tags) expect(tag).not.toMatch(/^<\/?(script|img|a)\b|\son\w+=|href=|src=/i);
    expect(out).toContain('&lt;img');
  });
});
