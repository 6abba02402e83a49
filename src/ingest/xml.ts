// Safe XML for arXiv's answers (the export API's Atom and OAI-PMH). Pure: text in, element tree out.
//
// Safety: a document that declares a DOCTYPE or an ENTITY is refused before parsing. arXiv never
// sends one, and without a DTD there are no external entities (XXE) and no entity expansion
// (billion laughs). Only XML's five predefined entities and numeric character references are
// decoded, here, by us; fast-xml-parser's own entity handling is switched off.
//
// Namespaces are matched by local name (`arxiv:comment` → `comment`): the documents we read never
// use one local name in two namespaces at the places we look, and the prefixes vary between
// arXiv's two Atom shapes.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlErrorKind =
  /** The document declares a DOCTYPE or ENTITY; refused unparsed. */
  | 'forbidden-dtd'
  /** Not well-formed: unclosed tags, stray characters, undeclared or invalid references. */
  | 'syntax'
  /** Well-formed, but not the document the caller expected (wrong root, missing element). */
  | 'shape';

/** The one error the XML-reading parsers throw. `line`/`column` are 1-based when known. */
export class XmlError extends Error {
  override readonly name = 'XmlError';
  constructor(
    message: string,
    readonly kind: XmlErrorKind,
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(line === null ? message : `${message} (line ${line}${column === null ? '' : `, column ${column}`})`);
  }
}

export interface XmlElement {
  /** Local name, without namespace prefix. */
  readonly name: string;
  /** Attributes by local name; `xmlns` declarations are not kept. */
  readonly attributes: ReadonlyMap<string, string>;
  /** Elements and decoded text (CDATA included verbatim), in document order. */
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

const FORBIDDEN_DTD = /<!(?:DOCTYPE|ENTITY)/i;
const TEXT = '#text';
const CDATA = '#cdata';
const ATTRS = ':@';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: CDATA,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

// One pass over every reference; anything but the predefined five or a numeric reference is an
// undeclared entity, which XML makes a fatal error.
const REFERENCE = /&(#[0-9]+|#x[0-9a-fA-F]+|[^;&\s]*);/g;
const PREDEFINED = new Map([
  ['lt', '<'],
  ['gt', '>'],
  ['amp', '&'],
  ['apos', "'"],
  ['quot', '"'],
]);

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Decodes the predefined entities and numeric character references; throws XmlError on others. */
export function decodeXmlReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const cp = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      if (!isXmlChar(cp)) throw new XmlError(`character reference ${whole} is not an XML character`, 'syntax');
      return String.fromCodePoint(cp);
    }
    const value = PREDEFINED.get(ref);
    if (value === undefined) throw new XmlError(`undeclared entity ${whole}: only &lt; &gt; &amp; &apos; &quot; and numeric references are allowed`, 'syntax');
    return value;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unexpected(what: string): XmlError {
  return new XmlError(`unexpected parser output: ${what}`, 'syntax');
}

function cdataText(value: unknown): string {
  if (!Array.isArray(value)) throw unexpected('CDATA is not a list');
  let text = '';
  for (const part of value as unknown[]) {
    if (!isRecord(part) || typeof part[TEXT] !== 'string') throw unexpected('CDATA part is not text');
    text += part[TEXT];
  }
  return text;
}

function attributesOf(value: unknown): Map<string, string> {
  const attributes = new Map<string, string>();
  if (value === undefined) return attributes;
  if (!isRecord(value)) throw unexpected('attributes are not an object');
  for (const [name, raw] of Object.entries(value)) {
    if (typeof raw !== 'string') throw unexpected(`attribute ${name} is not a string`);
    // removeNSPrefix already drops namespace declarations; a bare xmlns is skipped in case it does not.
    if (name === 'xmlns') continue;
    attributes.set(name, decodeXmlReferences(raw));
  }
  return attributes;
}

// fast-xml-parser's preserveOrder output: a list of {tag: children[], ':@'?: attrs},
// {'#text': string} and {'#cdata': [{'#text': string}]}. Narrowed here so callers never see it.
function nodesOf(list: unknown): XmlNode[] {
  if (!Array.isArray(list)) throw unexpected('children are not a list');
  const nodes: XmlNode[] = [];
  for (const item of list as unknown[]) {
    if (!isRecord(item)) throw unexpected('node is not an object');
    if (TEXT in item) {
      const text = item[TEXT];
      if (typeof text !== 'string') throw unexpected('text is not a string');
      nodes.push(decodeXmlReferences(text));
      continue;
    }
    if (CDATA in item) {
      nodes.push(cdataText(item[CDATA]));
      continue;
    }
    const names = Object.keys(item).filter((k) => k !== ATTRS);
    const name = names[0];
    if (names.length !== 1 || name === undefined) throw unexpected(`node has ${names.length} names`);
    nodes.push({ name, attributes: attributesOf(item[ATTRS]), children: nodesOf(item[name]) });
  }
  return nodes;
}

/**
 * Parses a whole document and returns its root element. Throws XmlError when the document
 * declares a DTD, is not well-formed, or uses an entity other than XML's predefined five.
 */
export function parseXml(text: string): XmlElement {
  const dtd = FORBIDDEN_DTD.exec(text);
  if (dtd) {
    throw new XmlError(`refused: the document declares ${dtd[0].slice(2).toUpperCase()} (DTDs and entity declarations are never accepted)`, 'forbidden-dtd');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlError(`malformed XML: ${valid.err.msg}`, 'syntax', valid.err.line, valid.err.col ?? null);
  let raw: unknown;
  try {
    raw = parser.parse(text);
  } catch (err) {
    throw new XmlError(`malformed XML: ${err instanceof Error ? err.message : String(err)}`, 'syntax');
  }
  const roots = nodesOf(raw).filter((n): n is XmlElement => typeof n !== 'string');
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) throw new XmlError(`malformed XML: expected one root element, found ${roots.length}`, 'syntax');
  return root;
}

/** Child elements, optionally only those with the given local name. Always a list. */
export function childElements(element: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) {
    if (typeof child !== 'string' && (name === undefined || child.name === name)) out.push(child);
  }
  return out;
}

/** The first child element with the given local name. */
export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  for (const child of element.children) {
    if (typeof child !== 'string' && child.name === name) return child;
  }
  return undefined;
}

/** Like firstChild, but a missing element is an XmlError of kind 'shape'. */
export function firstChildOrThrow(element: XmlElement, name: string): XmlElement {
  const child = firstChild(element, name);
  if (!child) throw new XmlError(`<${element.name}> has no <${name}>`, 'shape');
  return child;
}

/** All text inside the element, descendants included, untrimmed (like the DOM's textContent). */
export function textContent(element: XmlElement): string {
  let text = '';
  for (const child of element.children) text += typeof child === 'string' ? child : textContent(child);
  return text;
}

/** The text of the first child element with that name, or undefined when there is none. */
export function childText(element: XmlElement, name: string): string | undefined {
  const child = firstChild(element, name);
  return child ? textContent(child) : undefined;
}

export function attribute(element: XmlElement, name: string): string | undefined {
  return element.attributes.get(name);
}
