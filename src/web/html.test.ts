import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { html } from './html.js';

describe('html templates', () => {
  it('escapes interpolated text and attributes', () => {
    const evil = `"><script>alert('x')</script>`;
    expect(html`<a title="${evil}">${evil}</a>`.value).toBe(
      '<a title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</a>',
    );
  });
  it('nests templates and arrays without double escaping', () => {
    const items = ['a&b', 'c'].map((s) => html`<li>${s}</li>`);
    expect(html`<ul>${items}${null}${false}</ul>`.value).toBe('<ul><li>a&amp;b</li><li>c</li></ul>');
  });
  it('never lets a tag or quote through from text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(html`${s}`.value).not.toMatch(/[<>"']/);
      }),
    );
  });
});
