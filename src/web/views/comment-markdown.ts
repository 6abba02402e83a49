// User comments: Markdown with LaTeX math → HTML that is safe to put in a page as is.
//
// Two lines of defence. (1) markdown-it with raw HTML off, images off and links only to http(s)/mailto
// (inline, reference, autolink and linkified), math rendered server-side by KaTeX as MathML
// (views/markdown-math.ts). (2) The allowlist sanitizer (views/comment-sanitize.ts) over the final HTML,
// so a bug in either library or in our rules cannot add a tag, attribute or URL the allowlist does not name.
//
// Headings are off (`# x` stays text): a comment sits inside a page whose outline is its own headings, and a
// comment's <h1> would break that outline for screen readers and let it pose as part of the page.
// Newlines are line breaks, as in most comment boxes. Tables are on (results are often compared in them);
// their column alignment is dropped, since it needs a style attribute.
//
// Rendering takes about 1.5 ms for a typical comment and up to ~50 ms for a hostile one at the length limit
// (dense math; bench/comment-markdown.ts on 2 cores): render once when a comment is written or edited and
// store the HTML, rather than on every page view.
import markdownIt, { type MarkdownIt } from 'markdown-it';
import { trustedHtml, type SafeHtml } from '../html.js';
import { COMMENT_LINK_REL, isAllowedLinkUrl, sanitizeCommentHtml } from './comment-sanitize.js';
import { markdownMath } from './markdown-math.js';

/**
 * Longest comment accepted (UTF-16 code units, i.e. JavaScript string length, like zod's `.max()`): about
 * 1,500 words. The comment schema rejects longer input; renderComment cuts it there as a second guard, so
 * that a stored over-long comment still renders in bounded time.
 */
export const MAX_COMMENT_CHARS = 10_000;

/** Deepest nesting of blocks and inline markup (markdown-it's default is 100); deeper input renders as text. */
const MAX_NESTING = 20;

function createRenderer(): MarkdownIt {
  const md = markdownIt('default', { html: false, linkify: true, typographer: false, breaks: true, maxNesting: MAX_NESTING });
  md.disable(['image', 'heading', 'lheading']);
  md.validateLink = isAllowedLinkUrl;
  const renderToken = md.renderer.renderToken.bind(md.renderer);
  md.renderer.rules.link_open = (tokens, idx, options) => {
    tokens[idx]?.attrSet('rel', COMMENT_LINK_REL);
    return renderToken(tokens, idx, options);
  };
  md.use(markdownMath);
  return md;
}

const md = createRenderer();

/** Cuts `text` to at most `max` code units without splitting a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** A comment's Markdown as sanitized HTML; input past MAX_COMMENT_CHARS is cut off. */
export function renderComment(markdown: string): SafeHtml {
  return trustedHtml(sanitizeCommentHtml(md.render(truncate(markdown, MAX_COMMENT_CHARS))));
}
