import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/support/paths.js';
import { attribute, childElements, childText, decodeXmlReferences, firstChild, firstChildOrThrow, parseXml, textContent, XmlError } from './xml.js';

const FIXTURES = path.join(SHARED_DATA, 'arxiv-fixtures');

function xmlError(fn: () => unknown): XmlError {
  try {
    fn();
  } catch (err) {
    if (err instanceof XmlError) return err;
    throw err;
  }
  throw new Error('expected an XmlError');
}

describe('parseXml', () => {
  it('reads a real arXiv response into a typed tree, by local name', () => {
    const feed = parseXml(fs.readFileSync(path.join(FIXTURES, 'api-atom', 'classic-2016_id_list_1111.2011v2.xml'), 'utf8'));
    expect(feed.name).toBe('feed');
    // <title type="html">ArXiv Query: search_query=&amp;id_list=1111.2011v2&amp;…</title>
    const title = firstChildOrThrow(feed, 'title');
    expect(attribute(title, 'type')).toBe('html');
    expect(textContent(title)).toBe('ArXiv Query: search_query=&id_list=1111.2011v2&start=0&max_results=10');
    // <opensearch:totalResults xmlns:opensearch="…">1</opensearch:totalResults>
    expect(childText(feed, 'totalResults')).toBe('1');
    expect(firstChildOrThrow(feed, 'totalResults').attributes.size).toBe(0);
    const entries = childElements(feed, 'entry');
    expect(entries).toHaveLength(1);
    const entry = entries[0]!;
    expect(childElements(entry, 'author').map((a) => childText(a, 'name'))).toEqual(['James M. Murray', 'Adrian Del Maestro', 'Zlatko Tesanovic']);
    expect(childText(entry, 'doi')).toBe('10.1103/PhysRevB.85.115117');
    expect(attribute(firstChildOrThrow(entry, 'primary_category'), 'term')).toBe('cond-mat.str-el');
    expect(firstChild(entry, 'nothing')).toBeUndefined();
    expect(() => firstChildOrThrow(entry, 'nothing')).toThrow(XmlError);
  });

  it('decodes only predefined entities and numeric references; CDATA stays verbatim', () => {
    const root = parseXml('<a t="&quot;x&quot; &#65;">&lt;b&gt; &amp; &apos; &#x263A; &#233;<![CDATA[&amp; <raw>]]><!-- &bogus; --></a>');
    expect(attribute(root, 't')).toBe('"x" A');
    expect(textContent(root)).toBe("<b> & ' ☺ é&amp; <raw>");
    expect(decodeXmlReferences('no refs')).toBe('no refs');
    expect(xmlError(() => parseXml('<a>&nbsp;</a>')).message).toMatch(/undeclared entity &nbsp;/);
    expect(xmlError(() => parseXml('<a>&#0;</a>')).kind).toBe('syntax');
    expect(xmlError(() => parseXml('<a>&#x110000;</a>')).kind).toBe('syntax');
  });

  it('refuses any DOCTYPE or ENTITY declaration before parsing', () => {
    const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<lolz>&lol3;</lolz>`;
    const xxe = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>';
    for (const doc of [billionLaughs, xxe, '<!doctype html><html/>', '<a><!ENTITY e "x"></a>', '<!DOCTYPE feed SYSTEM "http://example.org/atom.dtd"><feed/>']) {
      const err = xmlError(() => parseXml(doc));
      expect(err.kind).toBe('forbidden-dtd');
      expect(err.message).toMatch(/refused: the document declares (DOCTYPE|ENTITY)/);
    }
  });

  it('reports malformed XML with line and column', () => {
    const unclosed = xmlError(() => parseXml('<feed>\n  <entry>\n</feed>'));
    expect(unclosed).toMatchObject({ kind: 'syntax', line: 3 });
    expect(unclosed.message).toMatch(/malformed XML: .*entry.*\(line 3, column \d+\)/);
    expect(xmlError(() => parseXml(`${'<a>'.repeat(10_000)}${'</a>'.repeat(10_000)}`)).message).toMatch(/nested/);
    for (const bad of ['', 'garbage', '<a>', '<a></b>', '<a></a><b></b>', '<a>& b</a>', '<a x="1" x="2"/>']) {
      expect(xmlError(() => parseXml(bad)).kind).toBe('syntax');
    }
    // A truncated real response.
    const text = fs.readFileSync(path.join(FIXTURES, 'oai-pmh', 'arXivRaw_GetRecord_2015.xml'), 'utf8');
    expect(xmlError(() => parseXml(text.slice(0, 1200))).kind).toBe('syntax');
  });

  it('throws nothing but XmlError on arbitrary input', () => {
    const fragments = fc.constantFrom('<a>', '</a>', '<b x="1">', '</b>', '<c/>', '&amp;', '&#65;', '&x;', '<![CDATA[', ']]>', '<!--', '-->', '<?xml version="1.0"?>', 'text', '"', '<', '>', '&');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fragments).map((parts) => parts.join(''))), (doc) => {
        try {
          const root = parseXml(doc);
          expect(typeof root.name).toBe('string');
        } catch (err) {
          expect(err).toBeInstanceOf(XmlError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
