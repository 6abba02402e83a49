// The allowlist sanitizer for rendered comments: the second line of defence behind markdown-it's own
// escaping (views/comment-markdown.ts). It keeps exactly the elements and attributes that renderer emits
// (with raw HTML, images and headings off) plus the MathML that KaTeX emits, and drops everything else:
// unknown tags lose their markup but keep their text; script/style-like tags lose their content too.
// No class, style, id or event attributes anywhere; links only to http(s) and mailto, always with a fixed rel.
import sanitizeHtml from 'sanitize-html';

/** rel on every link in a comment: user content, no endorsement for search engines, no window.opener. */
export const COMMENT_LINK_REL = 'ugc nofollow noopener';

const LINK_SCHEMES = ['http', 'https', 'mailto'] as const;
const LINK_PROTOCOLS: ReadonlySet<string> = new Set(LINK_SCHEMES.map((s) => `${s}:`));

/**
 * Whether `url` may be a comment link's href: absolute http(s) or mailto only (no relative, protocol-relative
 * or any other scheme). The prefix test rejects leading whitespace and control characters, which WHATWG URL
 * parsing (what browsers do) would strip; the URL parse then rejects what a browser would read differently.
 */
export function isAllowedLinkUrl(url: string): boolean {
  if (!/^(?:https?:\/\/|mailto:)/i.test(url)) return false;
  try {
    return LINK_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** HTML elements markdown-it emits for comments (raw HTML, images and headings are off; tables are on). */
const HTML_TAGS = ['p', 'br', 'em', 'strong', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];

/**
 * MathML elements and attributes KaTeX 0.16 emits with `output: 'mathml', trust: false` (read from its
 * src/functions and src/environments). Left out on purpose: href and mglyph/src/alt (only with trust), style
 * and class (KaTeX sets them for \pmb, \fcolorbox and table glue), and the colour attributes mathcolor and
 * mathbackground (\color and \colorbox render uncoloured). No annotation-xml: it can hold HTML.
 */
const MATHML_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  math: ['xmlns', 'display'],
  semantics: [],
  annotation: ['encoding'],
  mrow: [],
  mi: ['mathvariant'],
  mn: ['mathvariant'],
  mo: ['mathvariant', 'fence', 'separator', 'stretchy', 'lspace', 'rspace', 'minsize', 'maxsize', 'largeop'],
  mtext: ['mathvariant'],
  mspace: ['width', 'height', 'linebreak'],
  msub: [],
  msup: [],
  msubsup: [],
  munder: ['accentunder'],
  mover: ['accent'],
  munderover: ['accent', 'accentunder'],
  mfrac: ['linethickness'],
  msqrt: [],
  mroot: [],
  mtable: ['rowspacing', 'columnspacing', 'columnalign', 'columnlines', 'rowlines', 'width'],
  mtr: [],
  mtd: ['width'],
  mstyle: ['scriptlevel', 'displaystyle', 'mathsize'],
  mpadded: ['width', 'height', 'depth', 'lspace', 'voffset'],
  mphantom: [],
  menclose: ['notation'],
};

/** Every element a sanitized comment may contain, with its allowed attributes (for tests and reviewers). */
export const COMMENT_ALLOWED: Readonly<Record<string, readonly string[]>> = Object.freeze({
  ...Object.fromEntries(HTML_TAGS.map((tag) => [tag, []])),
  a: ['href', 'rel'],
  ol: ['start'],
  ...MATHML_ATTRIBUTES,
});

/** A tag name outside the allowlist: links with a bad href are renamed to it, so only their text survives. */
const DROPPED_LINK = 'x-dropped-link';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: Object.keys(COMMENT_ALLOWED),
  allowedAttributes: Object.fromEntries(Object.entries(COMMENT_ALLOWED).map(([tag, attributes]) => [tag, [...attributes]])),
  allowedClasses: {},
  allowedStyles: {},
  allowedSchemes: [...LINK_SCHEMES],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowVulnerableTags: false,
  disallowedTagsMode: 'discard',
  // Dropped with their content, not just their markup.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'iframe', 'noembed', 'noframes', 'xmp', 'plaintext', 'template', 'annotation-xml'],
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true, decodeEntities: true },
  transformTags: {
    a: (_tagName, attribs): sanitizeHtml.Tag => {
      const href = attribs.href;
      return href !== undefined && isAllowedLinkUrl(href)
        ? { tagName: 'a', attribs: { href, rel: COMMENT_LINK_REL } }
        : { tagName: DROPPED_LINK, attribs: {} };
    },
  },
};

/** `html` reduced to the comment allowlist. */
export function sanitizeCommentHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
