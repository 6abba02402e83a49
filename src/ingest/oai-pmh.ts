// Reads one response of arXiv's OAI-PMH endpoint: a GetRecord or ListRecords page, or an OAI
// error. Pure: the harvesting loop (requests, resumption, retries, 503 Retry-After) lives with
// the caller.
//
// Formats (metadataPrefix), https://info.arxiv.org/help/oa/index.html:
//   arXiv     split author names, created/updated as days (no times), no version list.
//   arXivRaw  every version with its RFC 2822 date and size, authors as one flat string. Prefer it:
//             it gives exact dates, the version history and the withdrawal size signal.
//   oai_dc    refused: its subjects are words ("Computer Science - …"), not category ids.
import { parseArxivId, type ArxivId } from '../domain/arxiv-id.js';
import type { PaperRecord, PaperVersion } from '../domain/paper.js';
import { parseDay, type Day } from '../domain/period.js';
import {
  collapseWhitespace,
  commentSaysWithdrawn,
  displayText,
  firstDoi,
  isEmptySize,
  joinNameParts,
  optionalLine,
  optionalToken,
  rfc2822ToIso,
  splitAuthorList,
  splitCategories,
} from './arxiv-fields.js';
import { attribute, childElements, childText, firstChild, firstChildOrThrow, parseXml, textContent, XmlError, type XmlElement } from './xml.js';

/** The OAI-PMH error codes (OAI-PMH 2.0 §3.6); arXiv may send others. */
export type OaiErrorCode =
  | 'badArgument'
  | 'badResumptionToken'
  | 'badVerb'
  | 'cannotDisseminateFormat'
  | 'idDoesNotExist'
  | 'noRecordsMatch'
  | 'noMetadataFormats'
  | 'noSetHierarchy'
  | (string & {});

export const SUPPORTED_METADATA_PREFIXES = ['arXiv', 'arXivRaw'] as const;
export type MetadataPrefix = (typeof SUPPORTED_METADATA_PREFIXES)[number];

export interface ResumptionToken {
  readonly token: string;
  readonly cursor?: number;
  readonly completeListSize?: number;
  readonly expirationDate?: string;
}

export interface HarvestedRecord {
  /** The OAI identifier, e.g. `oai:arXiv.org:1302.2146`. */
  readonly identifier: string;
  /** The paper the record is about (also for deleted records, which carry no metadata). */
  readonly id: ArxivId | null;
  /** When the record last changed; what the next harvest's `from` compares with. */
  readonly datestamp: Day;
  readonly deleted: boolean;
  /** Null exactly when deleted. */
  readonly paper: PaperRecord | null;
}

/** A record that could not be read; the rest of the page still is. */
export interface SkippedRecord {
  readonly identifier: string | null;
  readonly reason: string;
}

export type OaiResponse =
  | {
      readonly kind: 'records';
      readonly responseDate: string;
      readonly records: HarvestedRecord[];
      readonly skipped: SkippedRecord[];
      /** Null when the list is complete (no element, or an empty `<resumptionToken/>`). */
      readonly resumptionToken: ResumptionToken | null;
    }
  | {
      readonly kind: 'error';
      readonly responseDate: string;
      /** The first error's code; OAI-PMH allows several. */
      readonly code: OaiErrorCode;
      readonly message: string;
    };

const OAI_ID_PREFIX = 'oai:arXiv.org:';

function optionalCount(element: XmlElement, name: string): number | undefined {
  const text = attribute(element, name)?.trim();
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) throw new XmlError(`<resumptionToken ${name}> is not a count: ${JSON.stringify(text.slice(0, 40))}`, 'shape');
  return value;
}

function resumptionTokenOf(list: XmlElement): ResumptionToken | null {
  const element = firstChild(list, 'resumptionToken');
  if (!element) return null;
  const token = textContent(element).trim();
  if (token === '') return null;
  const cursor = optionalCount(element, 'cursor');
  const completeListSize = optionalCount(element, 'completeListSize');
  const expirationDate = attribute(element, 'expirationDate')?.trim();
  return {
    token,
    ...(cursor === undefined ? {} : { cursor }),
    ...(completeListSize === undefined ? {} : { completeListSize }),
    ...(expirationDate ? { expirationDate } : {}),
  };
}

type Converted = { paper: PaperRecord } | { reason: string };

function text(metadata: XmlElement, name: string): string | undefined {
  return childText(metadata, name);
}

function common(metadata: XmlElement): { id: ArxivId; title: string; abstract: string; categories: string[] | undefined } | { reason: string } {
  const idText = collapseWhitespace(text(metadata, 'id') ?? '');
  const parsed = parseArxivId(idText);
  if (!parsed) return { reason: `<id> is not an arXiv id: ${JSON.stringify(idText.slice(0, 60))}` };
  const title = displayText(text(metadata, 'title') ?? '');
  if (title === '') return { reason: 'no <title>' };
  const abstract = text(metadata, 'abstract');
  if (abstract === undefined) return { reason: 'no <abstract>' };
  const categories = splitCategories(collapseWhitespace(text(metadata, 'categories') ?? '')) ?? undefined;
  return { id: parsed.id, title, abstract: abstract.trim(), categories };
}

/** metadataPrefix=arXiv: dates are days, so timestamps are that day's 00:00 UTC. */
function fromArxiv(metadata: XmlElement): Converted {
  const base = common(metadata);
  if ('reason' in base) return base;
  const created = parseDay((text(metadata, 'created') ?? '').trim());
  if (!created) return { reason: '<created> is missing or not a YYYY-MM-DD day' };
  const updatedText = text(metadata, 'updated');
  const updated = updatedText === undefined ? null : parseDay(updatedText.trim());
  if (updatedText !== undefined && !updated) return { reason: '<updated> is not a YYYY-MM-DD day' };
  const authors = childElements(firstChild(metadata, 'authors') ?? metadata, 'author')
    .map((a) => joinNameParts(childText(a, 'forenames'), childText(a, 'keyname'), childText(a, 'suffix')))
    .filter((name) => name !== '');
  const comments = optionalLine(text(metadata, 'comments'));
  return {
    paper: {
      ...base,
      authors,
      publishedAt: `${created}T00:00:00.000Z`,
      updatedAt: updated === null ? null : `${updated}T00:00:00.000Z`,
      comments,
      journalRef: optionalLine(text(metadata, 'journal-ref')),
      doi: firstDoi(text(metadata, 'doi')),
      license: optionalToken(text(metadata, 'license')),
      // No sizes in this format: only the comment can tell (see arxiv-fields.ts).
      ...(commentSaysWithdrawn(comments) ? { withdrawn: true } : {}),
    },
  };
}

const VERSION_LABEL = /^v([1-9]\d{0,3})$/;

/** metadataPrefix=arXivRaw: the full version history, with sizes. */
function fromArxivRaw(metadata: XmlElement): Converted {
  const base = common(metadata);
  if ('reason' in base) return base;
  const versions: (PaperVersion & { size: string | undefined })[] = [];
  for (const v of childElements(metadata, 'version')) {
    const label = attribute(v, 'version')?.trim() ?? '';
    const number = VERSION_LABEL.exec(label)?.[1];
    const date = rfc2822ToIso(childText(v, 'date') ?? '');
    if (number === undefined) return { reason: `<version version=${JSON.stringify(label)}> is not vN` };
    if (!date) return { reason: `${label}: <date> is missing or not an RFC 2822 date` };
    versions.push({ version: Number(number), submittedAt: date, size: childText(v, 'size') });
  }
  versions.sort((a, b) => a.version - b.version);
  const first = versions[0];
  const latest = versions.at(-1);
  if (!first || !latest) return { reason: 'no <version>' };
  const comments = optionalLine(text(metadata, 'comments'));
  return {
    paper: {
      ...base,
      authors: splitAuthorList(text(metadata, 'authors') ?? ''),
      publishedAt: first.submittedAt,
      updatedAt: versions.length > 1 ? latest.submittedAt : null,
      comments,
      journalRef: optionalLine(text(metadata, 'journal-ref')),
      doi: firstDoi(text(metadata, 'doi')),
      license: optionalToken(text(metadata, 'license')),
      withdrawn: isEmptySize(latest.size) || commentSaysWithdrawn(comments),
      versions: versions.map(({ version, submittedAt }) => ({ version, submittedAt })),
    },
  };
}

function refuseFormat(prefix: string): XmlError {
  return new XmlError(`metadataPrefix ${prefix} is not supported: harvest with ${SUPPORTED_METADATA_PREFIXES.join(' or ')}`, 'shape');
}

function convertRecord(record: XmlElement): HarvestedRecord | SkippedRecord {
  const header = firstChild(record, 'header');
  if (!header) return { identifier: null, reason: 'no <header>' };
  const identifier = collapseWhitespace(childText(header, 'identifier') ?? '');
  if (identifier === '') return { identifier: null, reason: 'no <identifier>' };
  const id = identifier.startsWith(OAI_ID_PREFIX) ? (parseArxivId(identifier.slice(OAI_ID_PREFIX.length))?.id ?? null) : null;
  const datestamp = parseDay((childText(header, 'datestamp') ?? '').trim());
  if (!datestamp) return { identifier, reason: '<datestamp> is missing or not a YYYY-MM-DD day' };
  if (attribute(header, 'status') === 'deleted') return { identifier, id, datestamp, deleted: true, paper: null };

  const format = childElements(firstChild(record, 'metadata') ?? record)[0];
  if (!format) return { identifier, reason: 'no <metadata>' };
  let converted: Converted;
  if (format.name === 'arXiv') converted = fromArxiv(format);
  else if (format.name === 'arXivRaw') converted = fromArxivRaw(format);
  else throw refuseFormat(format.name === 'dc' ? 'oai_dc' : `<${format.name}>`);
  if ('reason' in converted) return { identifier, reason: converted.reason };
  if (id !== null && id !== converted.paper.id) return { identifier, reason: `<id> ${converted.paper.id} does not match the identifier` };
  return { identifier, id: converted.paper.id, datestamp, deleted: false, paper: converted.paper };
}

/**
 * Parses a GetRecord or ListRecords response (metadataPrefix arXiv or arXivRaw) or an OAI error.
 * Records that cannot be read are listed in `skipped`. Throws XmlError when the text is not
 * well-formed XML, not an OAI-PMH response, or in another metadata format.
 */
export function parseOaiPmh(xml: string): OaiResponse {
  const root = parseXml(xml);
  if (root.name !== 'OAI-PMH') throw new XmlError(`not an OAI-PMH response: the root element is <${root.name}>`, 'shape');
  const responseDate = textContent(firstChildOrThrow(root, 'responseDate')).trim();
  const error = firstChild(root, 'error');
  if (error) {
    return { kind: 'error', responseDate, code: attribute(error, 'code')?.trim() || 'unknown', message: collapseWhitespace(textContent(error)) };
  }
  const request = firstChild(root, 'request');
  const prefix = request ? attribute(request, 'metadataPrefix') : undefined;
  if (prefix !== undefined && !(SUPPORTED_METADATA_PREFIXES as readonly string[]).includes(prefix)) throw refuseFormat(prefix);

  const list = firstChild(root, 'ListRecords') ?? firstChild(root, 'GetRecord');
  if (!list) {
    const verb = childElements(root).find((e) => e.name !== 'responseDate' && e.name !== 'request')?.name ?? 'nothing';
    throw new XmlError(`not a GetRecord or ListRecords response (found <${verb}>)`, 'shape');
  }
  const records: HarvestedRecord[] = [];
  const skipped: SkippedRecord[] = [];
  for (const element of childElements(list, 'record')) {
    const result = convertRecord(element);
    if ('datestamp' in result) records.push(result);
    else skipped.push(result);
  }
  return { kind: 'records', responseDate, records, skipped, resumptionToken: resumptionTokenOf(list) };
}
