// The arXiv endpoints Paperboy reads, behind one polite HTTP client per process: the API (Atom)
// for lookups by id and searches, OAI-PMH for harvests. Every request goes through PoliteHttpClient,
// which spaces requests, retries and identifies the operator.
import type { ArxivConfig } from '../config.js';
import type { ParsedArxivId } from '../domain/arxiv-id.js';
import type { PaperRecord } from '../domain/paper.js';
import { parseArxivAtom, type AtomEntryError, type AtomPage } from './arxiv-atom.js';
import { parseOaiPmh, type MetadataPrefix, type OaiResponse } from './oai-pmh.js';
import { ARXIV_MIN_INTERVAL_MS, PoliteHttpClient, type Clock, type PoliteHttpOptions } from './polite-http.js';

/** Ids per API request; arXiv answers long id lists, but URLs stay well under 8 KiB at 100. */
export const IDS_PER_REQUEST = 100;
/** Results per search page (arXiv allows up to 2,000; smaller pages fail less). */
export const SEARCH_PAGE_SIZE = 100;
/** Times an unexpectedly empty page is asked for again before giving up on the rest. */
export const EMPTY_PAGE_RETRIES = 3;

export class ContactEmailMissingError extends Error {
  constructor() {
    super('set PAPERBOY_CONTACT_EMAIL: arXiv asks every client to identify its operator, and Paperboy sends it in the User-Agent');
  }
}

export interface ArxivClientOptions {
  readonly config: ArxivConfig;
  readonly siteUrl: URL;
  readonly clock?: Clock;
  readonly random?: () => number;
  readonly onAttempt?: PoliteHttpOptions['onAttempt'];
}

export interface LookupResult {
  readonly papers: PaperRecord[];
  /** Requested ids arXiv does not have (or reported as malformed), with arXiv's words when given. */
  readonly missing: { readonly id: string; readonly reason: string }[];
}

export class ArxivClient {
  readonly http: PoliteHttpClient;
  private readonly config: ArxivConfig;

  constructor(options: ArxivClientOptions) {
    if (options.config.contactEmail === null) throw new ContactEmailMissingError();
    this.config = options.config;
    this.http = new PoliteHttpClient({
      baseUrl: options.siteUrl,
      contactEmail: options.config.contactEmail,
      minIntervalMs: options.config.minIntervalMs,
      allowFasterThanArxivPolicy: options.config.minIntervalMs < ARXIV_MIN_INTERVAL_MS,
      clock: options.clock,
      random: options.random,
      onAttempt: options.onAttempt,
    });
  }

  private async apiPage(params: Record<string, string>): Promise<AtomPage> {
    const url = new URL(this.config.apiUrl);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const response = await this.http.get(url);
    return parseArxivAtom(response.body);
  }

  /** Looks papers up by id (versioned ids fetch that version's metadata). */
  async lookup(ids: readonly ParsedArxivId[]): Promise<LookupResult> {
    const papers: PaperRecord[] = [];
    const missing: LookupResult['missing'] = [];
    for (let i = 0; i < ids.length; i += IDS_PER_REQUEST) {
      const chunk = ids.slice(i, i + IDS_PER_REQUEST);
      const idList = chunk.map((p) => (p.version === null ? p.id : `${p.id}v${p.version}`));
      const page = await this.apiPage({ id_list: idList.join(','), start: '0', max_results: String(chunk.length) });
      const found = new Set(page.entries.map((e) => e.id));
      papers.push(...page.entries);
      const reported = new Map(page.errors.filter((e): e is AtomEntryError & { id: string } => e.id !== undefined).map((e) => [e.id, e.message]));
      for (const p of chunk) {
        if (found.has(p.id)) continue;
        const asked = p.version === null ? p.id : `${p.id}v${p.version}`;
        missing.push({ id: asked, reason: reported.get(asked) ?? reported.get(p.id) ?? 'arXiv has no paper with this id' });
      }
    }
    return { papers, missing };
  }

  /** Searches with arXiv's query syntax (e.g. `au:del_maestro AND ti:checkerboard`), page by page. */
  async *search(query: string, max: number, pageSize = SEARCH_PAGE_SIZE): AsyncGenerator<AtomPage> {
    let start = 0;
    let total = Infinity;
    let emptyRetries = 0;
    while (start < Math.min(max, total)) {
      const size = Math.min(pageSize, max - start);
      const page = await this.apiPage({ search_query: query, start: String(start), max_results: String(size), sortBy: 'submittedDate', sortOrder: 'descending' });
      total = page.totalResults;
      // arXiv sometimes answers a page inside the result list with no entries; asking again usually works.
      if (page.entries.length === 0 && start < total) {
        emptyRetries += 1;
        if (emptyRetries > EMPTY_PAGE_RETRIES) throw new Error(`arXiv returned an empty page at start=${start} of ${total} results ${EMPTY_PAGE_RETRIES + 1} times`);
        continue;
      }
      emptyRetries = 0;
      yield page;
      start += page.entries.length;
    }
  }

  /** One OAI-PMH ListRecords page: the first of a window, or the one a resumption token names. */
  async listRecords(request: { readonly token: string } | { readonly format: MetadataPrefix; readonly from: string; readonly until?: string; readonly set?: string }): Promise<OaiResponse> {
    const url = new URL(this.config.oaiUrl);
    url.searchParams.set('verb', 'ListRecords');
    if ('token' in request) {
      url.searchParams.set('resumptionToken', request.token);
    } else {
      url.searchParams.set('metadataPrefix', request.format);
      url.searchParams.set('from', request.from);
      if (request.until) url.searchParams.set('until', request.until);
      if (request.set) url.searchParams.set('set', request.set);
    }
    const response = await this.http.get(url);
    return parseOaiPmh(response.body);
  }
}
