import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { xml } from './feed.js';

describe('xml', () => {
  it('escapes markup and drops what XML 1.0 cannot carry, keeping paired surrogates', () => {
    expect(xml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xml('a\u0000b\u001fc\ufffed')).toBe('abcd');
    expect(xml('lone \ud800 and \udc00 but 😀 stays')).toBe('lone  and  but 😀 stays');
    for (const evil of ['\ud83d', ']]>', '\u0008', '&#0;']) expect(XMLValidator.validate(`<t>${xml(evil)}</t>`)).toBe(true);
  });
});
