// arXiv identifiers. Two schemes exist (https://info.arxiv.org/help/arxiv_identifier.html):
//   new style  YYMM.NNNN (2007-04 … 2014-12) or YYMM.NNNNN (2015-01 on), optional vN
//   old style  archive[.SC]/YYMMNNN (before 2007-04), e.g. hep-th/9901001, optional vN
// Ids without a version name a paper (ArxivId); with one they name a version (ArxivIdV).

declare const arxivIdBrand: unique symbol;
declare const arxivIdVBrand: unique symbol;
export type ArxivId = string & { readonly [arxivIdBrand]: true };
export type ArxivIdV = string & { readonly [arxivIdVBrand]: true };

const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})$/;
const OLD_STYLE = /^([a-z]+(?:-[a-z]+)*)(\.[A-Z]{2})?\/(\d{2})(\d{2})(\d{3})$/;
const VERSION = /^(.*?)v([1-9]\d{0,3})$/;

export interface ParsedArxivId {
  readonly id: ArxivId;
  readonly version: number | null;
}

function validBase(base: string): boolean {
  const m = NEW_STYLE.exec(base);
  if (m) {
    const month = Number(m[2]);
    const digits = m[3]?.length ?? 0;
    const yymm = Number(`${m[1]}${m[2]}`);
    // Five-digit numbers started with 1501; four-digit ones ended with 1412.
    return month >= 1 && month <= 12 && yymm >= 704 && (digits === 5 ? yymm >= 1501 : yymm <= 1412);
  }
  const o = OLD_STYLE.exec(base);
  if (o) {
    const month = Number(o[4]);
    return month >= 1 && month <= 12;
  }
  return false;
}

/** Parses `2401.01234`, `2401.01234v2`, `hep-th/9901001v1`; returns null when it is not an arXiv id. */
export function parseArxivId(input: string): ParsedArxivId | null {
  const text = input.trim();
  const v = VERSION.exec(text);
  const base = v ? (v[1] ?? '') : text;
  if (!validBase(base)) return null;
  return { id: base as ArxivId, version: v ? Number(v[2]) : null };
}

export function isArxivId(input: string): input is ArxivId {
  const p = parseArxivId(input);
  return p !== null && p.version === null && p.id === input;
}

/** Like parseArxivId but throws; for trusted inputs such as fixtures. */
export function arxivIdOrThrow(input: string): ArxivId {
  const p = parseArxivId(input);
  if (!p) throw new Error(`not an arXiv id: ${JSON.stringify(input)}`);
  return p.id;
}

export function withVersion(id: ArxivId, version: number): ArxivIdV {
  return `${id}v${version}` as ArxivIdV;
}

const URL_FORMS = [
  /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/([^?#]+?)(?:\.pdf)?\/?(?:[?#].*)?$/i,
  /^(?:https?:\/\/)?(?:www\.)?huggingface\.co\/papers\/([^?#/]+)\/?(?:[?#].*)?$/i,
  /^arxiv:\s*(\S+)$/i,
];

/** Recognises an arXiv id or an arXiv / Hugging Face paper URL pasted by a user. */
export function parseArxivReference(input: string): ParsedArxivId | null {
  const text = input.trim();
  const direct = parseArxivId(text);
  if (direct) return direct;
  for (const form of URL_FORMS) {
    const m = form.exec(text);
    if (m?.[1]) return parseArxivId(m[1]);
  }
  return null;
}

/** Year and month the id was assigned (the v1 month), from the id itself. */
export function arxivIdMonth(id: ArxivId): { year: number; month: number } {
  const m = NEW_STYLE.exec(id) ?? OLD_STYLE.exec(id);
  if (!m) throw new Error(`not an arXiv id: ${id}`);
  const yy = Number(NEW_STYLE.test(id) ? m[1] : m[3]);
  const month = Number(NEW_STYLE.test(id) ? m[2] : m[4]);
  return { year: yy >= 91 ? 1900 + yy : 2000 + yy, month };
}
