// Reads one response of arXiv's export API (https://export.arxiv.org/api/query), an Atom feed, in
// both shapes it has had: the classic one (to ~2025: per-element xmlns:arxiv, <published> before
// <title>) and the current one (namespaces on <feed>, <title> right after <id>, https feed ids).
// Elements are found by local name, so order and prefix placement do not matter. Pure: the
// fetching, paging and rate limiting live with the caller.
//
// Dates and versions. An entry names its latest version (…/abs/1111.2011v2) and has <published>
// (the v1 submission) and <updated>. <updated> is not always the latest version's date: in the
// 2025 responses it differs from <published> for v1 papers (nucl-ex/0408020v1: published 2004,
// updated 2005). So:
//   versions  = [{1, published}] for a v1 paper, the whole true history; left undefined for vN>1,
//               because the store replaces a paper's version list wholesale and a gappy
//               [v1, vN] would overwrite a complete list from OAI-PMH or the Kaggle snapshot.
//   updatedAt = <updated> for vN>1; null for v1 papers (no revision), as in the other importers.
// withdrawn is set (true) only when the comment says so; the API shows no version sizes, so it
// cannot say that a paper is not withdrawn (see arxiv-fields.ts).
import { parseArxivId } from '../domain/arxiv-id.js';
import type { PaperRecord, PaperVersion } from '../domain/paper.js';
import { collapseWhitespace, commentSaysWithdrawn, displayText, firstDoi, isoTimestamp, optionalLine } from './arxiv-fields.js';
import { attribute, childElements, childText, firstChildOrThrow, parseXml, textContent, XmlError, type XmlElement } from './xml.js';

/** An entry that is not a paper: arXiv's own error report, or one we could not read. */
export interface AtomEntryError {
  /** The arXiv id concerned, when known (for arXiv's errors, the id that was asked for). */
  readonly id?: string;
  readonly message: string;
}

export interface AtomPage {
  readonly totalResults: number;
  /** 0-based index of the first entry in the whole result list. */
  readonly startIndex: number;
  readonly itemsPerPage: number;
  readonly entries: PaperRecord[];
  readonly errors: AtomEntryError[];
}

const ABS_URL = /^https?:\/\/(?:export\.)?arxiv\.org\/abs\/(.+)$/;
// Classic API: <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345</id>, title "Error".
const ERROR_URL = /^https?:\/\/(?:export\.)?arxiv\.org\/api\/errors(?:#(.*))?$/;
const ERROR_SUBJECT = /_for_(.+)$/;

function count(feed: XmlElement, name: string): number {
  const text = textContent(firstChildOrThrow(feed, name)).trim();
  const value = Number(text);
  if (text === '' || !Number.isSafeInteger(value) || value < 0) throw new XmlError(`<${name}> is not a count: ${JSON.stringify(text.slice(0, 40))}`, 'shape');
  return value;
}

function apiError(entry: XmlElement, idText: string): AtomEntryError | null {
  const title = collapseWhitespace(childText(entry, 'title') ?? '');
  const errorUrl = ERROR_URL.exec(idText);
  if (!errorUrl && !(title === 'Error' && !ABS_URL.test(idText))) return null;
  const message = collapseWhitespace(childText(entry, 'summary') ?? '') || 'arXiv API error';
  const subject = ERROR_SUBJECT.exec(errorUrl?.[1] ?? '')?.[1];
  return subject === undefined ? { message } : { id: subject, message };
}

function categoriesOf(entry: XmlElement): string[] | undefined {
  const list: string[] = [];
  const add = (term: string | undefined): void => {
    const t = term?.trim();
    if (t && !list.includes(t)) list.push(t);
  };
  for (const primary of childElements(entry, 'primary_category')) add(attribute(primary, 'term'));
  for (const category of childElements(entry, 'category')) add(attribute(category, 'term'));
  return list.length === 0 ? undefined : list;
}

/** One <entry> → a paper, or the reason it is not one. */
export function convertAtomEntry(entry: XmlElement): { paper: PaperRecord } | { error: AtomEntryError } {
  const idText = collapseWhitespace(childText(entry, 'id') ?? '');
  const reported = apiError(entry, idText);
  if (reported) return { error: reported };
  const abs = ABS_URL.exec(idText)?.[1];
  const parsed = abs === undefined ? null : parseArxivId(abs);
  if (!parsed) return { error: { message: `<id> is not an arXiv abstract URL: ${JSON.stringify(idText.slice(0, 80))}` } };
  const id = parsed.id;
  const fail = (message: string): { error: AtomEntryError } => ({ error: { id, message } });

  const title = displayText(childText(entry, 'title') ?? '');
  if (title === '') return fail('no <title>');
  const summary = childText(entry, 'summary');
  if (summary === undefined) return fail('no <summary>');
  const published = isoTimestamp(childText(entry, 'published') ?? '');
  if (!published) return fail('<published> is missing or not an ISO timestamp');
  const updatedText = childText(entry, 'updated');
  const updated = updatedText === undefined ? null : isoTimestamp(updatedText);
  if (updatedText !== undefined && !updated) return fail('<updated> is not an ISO timestamp');

  const version = parsed.version;
  const versions: PaperVersion[] | undefined = version === 1 ? [{ version: 1, submittedAt: published }] : undefined;
  const comments = optionalLine(childText(entry, 'comment'));
  const paper: PaperRecord = {
    id,
    title,
    abstract: summary.trim(),
    authors: childElements(entry, 'author')
      .map((a) => displayText(childText(a, 'name') ?? ''))
      .filter((name) => name !== ''),
    categories: categoriesOf(entry),
    publishedAt: published,
    updatedAt: version === null ? undefined : version > 1 ? updated : null,
    comments,
    journalRef: optionalLine(childText(entry, 'journal_ref')),
    doi: firstDoi(childText(entry, 'doi')),
    ...(commentSaysWithdrawn(comments) ? { withdrawn: true } : {}),
    ...(versions ? { versions } : {}),
  };
  return { paper };
}

/**
 * Parses an export-API response. Entries that are arXiv's error reports (a bad id in id_list) or
 * that cannot be read go to `errors`; the rest are papers. Throws XmlError when the text is not
 * well-formed XML or not an Atom feed with the OpenSearch counts.
 */
export function parseArxivAtom(xml: string): AtomPage {
  const feed = parseXml(xml);
  if (feed.name !== 'feed') throw new XmlError(`not an Atom feed: the root element is <${feed.name}>`, 'shape');
  const entries: PaperRecord[] = [];
  const errors: AtomEntryError[] = [];
  for (const entry of childElements(feed, 'entry')) {
    const result = convertAtomEntry(entry);
    if ('paper' in result) entries.push(result.paper);
    else errors.push(result.error);
  }
  return {
    totalResults: count(feed, 'totalResults'),
    startIndex: count(feed, 'startIndex'),
    itemsPerPage: count(feed, 'itemsPerPage'),
    entries,
    errors,
  };
}
