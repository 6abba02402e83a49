// Checks that a fragment of user-generated HTML (a rendered comment) is safe the way a browser would read it:
// the fragment is put in a page and parsed with parse5, which follows the WHATWG HTML parsing algorithm
// (foreign content, MathML integration points and all), then every node is held to an allowlist.
// Returns the problems found, so a failing test says what and where.
import { html, parse, type DefaultTreeAdapterTypes } from 'parse5';

type Element = DefaultTreeAdapterTypes.Element;
type Node = DefaultTreeAdapterTypes.Node;


export const SAFE_LINK_REL = 'ugc nofollow noopener';

/** An attribute value as a URL parser would see its scheme: ASCII whitespace and controls removed. */
function schemeView(value: string): string {
  // eslint-disable-next-line no-control-regex -- the controls are what we strip
  return value.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
}

function hrefProblem(href: string): string | undefined {
  if (!/^(?:https?:\/\/|mailto:)/i.test(href)) return `href not http(s)/mailto: ${JSON.stringify(href)}`;
  try {
    const protocol = new URL(href).protocol;
    return ['http:', 'https:', 'mailto:'].includes(protocol) ? undefined : `href protocol ${protocol}`;
  } catch {
    return `href not a URL: ${JSON.stringify(href)}`;
  }
}

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function children(node: Node): readonly Node[] {
  return 'childNodes' in node ? node.childNodes : [];
}

/**
 * Problems with `fragment` under `allowed` (element name → attribute names). HTML elements must be in the
 * HTML namespace; MathML names may be in either (KaTeX nests some MathML inside token elements, which HTML
 * parsing turns into inert unknown HTML elements). Links must carry `rel` = SAFE_LINK_REL.
 */
export function unsafeHtmlProblems(fragment: string, allowed: Readonly<Record<string, readonly string[]>>, mathMlNames: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  if (/<script/i.test(fragment)) problems.push('contains "<script"');
  for (const tag of fragment.match(/<[^>]*>/g) ?? []) {
    if (/\son\w+\s*=/i.test(tag)) problems.push(`event handler in tag ${tag}`);
    if (/\s[\w:-]+\s*=\s*["']?\s*(?:javascript|vbscript|data):/i.test(tag)) problems.push(`dangerous URL in tag ${tag}`);
  }
  const doc = parse(`<!doctype html><html><head></head><body><div>${fragment}</div></body></html>`);
  const body = children(doc).filter(isElement).flatMap((html) => children(html).filter(isElement)).find((e) => e.tagName === 'body');
  const bodyElements = body === undefined ? [] : children(body).filter(isElement);
  if (bodyElements.length !== 1 || bodyElements[0]?.tagName !== 'div') problems.push('fragment escaped its container');

  const visit = (node: Node, inCode: boolean): void => {
    if (node.nodeName === '#comment') problems.push('HTML comment');
    if (!isElement(node)) {
      for (const child of children(node)) visit(child, inCode);
      return;
    }
    const name = node.tagName;
    const isMath = mathMlNames.has(name);
    const attrs = allowed[name];
    if (attrs === undefined) problems.push(`element <${name}>`);
    else if (node.namespaceURI !== html.NS.HTML && !(isMath && node.namespaceURI === html.NS.MATHML)) problems.push(`<${name}> in namespace ${node.namespaceURI}`);
    if (inCode && name === 'math') problems.push('math rendered inside code');
    for (const { name: attr, value } of node.attrs) {
      if (attrs !== undefined && !attrs.includes(attr)) problems.push(`attribute ${attr} on <${name}>`);
      if (/^on/i.test(attr)) problems.push(`event handler ${attr} on <${name}>`);
      if (/^(?:javascript|vbscript|data):/.test(schemeView(value))) problems.push(`dangerous URL in ${attr}=${JSON.stringify(value)}`);
    }
    if (name === 'a') {
      const href = node.attrs.find((a) => a.name === 'href')?.value;
      const problem = href === undefined ? 'link without href' : hrefProblem(href);
      if (problem !== undefined) problems.push(problem);
      if (node.attrs.find((a) => a.name === 'rel')?.value !== SAFE_LINK_REL) problems.push('link without the ugc rel');
    }
    for (const child of children(node)) visit(child, inCode || name === 'code' || name === 'pre');
  };
  for (const child of bodyElements[0] === undefined ? [] : children(bodyElements[0])) visit(child, false);
  return problems;
}
