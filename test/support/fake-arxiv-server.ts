// A fake arXiv for tests: a loopback HTTP server (node:http) that replays the real responses recorded
// in ../shared/data/arxiv-fixtures (SOURCES.md §2) at arXiv's two paths, /api/query (Atom) and /oai2
// (OAI-PMH). Tests script it per request matcher with a queue of replies: a fixture verbatim, any
// body (malformed XML), a status with Retry-After, a delay, a hang or a reset connection. It records
// every request and the most requests it ever had in flight at once, so politeness is asserted
// from the server's side. Unmatched requests get a 404 naming the request, and are recorded too.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SHARED_DATA } from './paths.js';

export const ARXIV_FIXTURES = path.join(SHARED_DATA, 'arxiv-fixtures');

export interface Reply {
  /** Default 200. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A file under arxiv-fixtures/ (e.g. 'oai-pmh/error_BadVerb.xml'), served byte for byte. */
  readonly fixture?: string;
  /** Any body, e.g. malformed XML. Not together with `fixture`. */
  readonly body?: string;
  /** Real milliseconds to wait before answering. */
  readonly delayMs?: number;
  /** 'headers': never answer; 'body': send the head and half the body, then stall. Held until the client gives up or close(). */
  readonly hang?: 'headers' | 'body';
  /** Destroy the connection without answering: a network error for the client. */
  readonly reset?: boolean;
}

/** Reply builders; plain Reply objects work just as well. */
export const reply = {
  fixture: (name: string, init: Omit<Reply, 'fixture' | 'body'> = {}): Reply => ({ ...init, fixture: name }),
  body: (body: string, init: Omit<Reply, 'fixture' | 'body'> = {}): Reply => ({ ...init, body }),
  /** e.g. reply.status(503, { retryAfter: 2 }) or { retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' }. */
  status: (status: number, opts: { readonly retryAfter?: number | string; readonly body?: string } = {}): Reply => ({
    status,
    body: opts.body ?? '',
    headers: opts.retryAfter === undefined ? {} : { 'retry-after': String(opts.retryAfter) },
  }),
  delayed: (delayMs: number, r: Reply): Reply => ({ ...r, delayMs }),
  hang: (): Reply => ({ hang: 'headers' }),
  hangMidBody: (r: Reply): Reply => ({ ...r, hang: 'body' }),
  reset: (): Reply => ({ reset: true }),
};

export interface RequestMatcher {
  /** Any method when absent. */
  readonly method?: string;
  readonly path: string;
  /**
   * Each listed parameter must equal the string, match the RegExp (tested against '' when absent),
   * or, for null, be absent. Parameters not listed are ignored.
   */
  readonly query?: Readonly<Record<string, string | RegExp | null>>;
}

export interface RecordedRequest {
  /** 0-based arrival order. */
  readonly seq: number;
  readonly method: string;
  /** Path and query string as received. */
  readonly url: string;
  readonly path: string;
  /** Decoded parameters; a repeated one keeps its last value (OAI-PMH forbids repeats anyway). */
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<http.IncomingHttpHeaders>;
  readonly userAgent: string | null;
  /** Arrival time by the injected clock (Date.now by default). */
  readonly at: number;
  /** Arrival time by performance.now(), real whatever the injected clock. */
  readonly realAt: number;
  /** Requests in flight on arrival, this one included. */
  readonly inFlight: number;
  readonly matched: boolean;
}

interface LoadedReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly delayMs: number;
  readonly hang: 'headers' | 'body' | null;
  readonly reset: boolean;
}

interface Rule {
  readonly matcher: RequestMatcher;
  readonly replies: LoadedReply[];
  readonly sticky: boolean;
}

/** The text of a fixture file under arxiv-fixtures/. */
export function readFixture(name: string): Buffer {
  const file = path.resolve(ARXIV_FIXTURES, name);
  if (!file.startsWith(ARXIV_FIXTURES + path.sep)) throw new Error(`fixture outside arxiv-fixtures: ${name}`);
  return fs.readFileSync(file);
}

function load(r: Reply): LoadedReply {
  if (r.fixture !== undefined && r.body !== undefined) throw new Error('a reply has either a fixture or a body');
  const body = r.fixture !== undefined ? readFixture(r.fixture) : Buffer.from(r.body ?? '');
  const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  return { status: r.status ?? 200, headers, body, delayMs: r.delayMs ?? 0, hang: r.hang ?? null, reset: r.reset ?? false };
}

function matches(m: RequestMatcher, method: string, pathname: string, params: URLSearchParams): boolean {
  if (m.method !== undefined && m.method.toUpperCase() !== method) return false;
  if (m.path !== pathname) return false;
  return Object.entries(m.query ?? {}).every(([key, want]) => {
    const got = params.get(key);
    if (want === null) return got === null;
    if (typeof want === 'string') return got === want;
    return want.test(got ?? '');
  });
}

/** arXiv's own content types: Atom for the API, XML for OAI-PMH. */
function contentType(pathname: string): string {
  return pathname.startsWith('/api/') ? 'application/atom+xml; charset=utf-8' : 'text/xml; charset=utf-8';
}

export class FakeArxivServer {
  private readonly rules: Rule[] = [];
  private readonly log: RecordedRequest[] = [];
  private readonly open = new Set<http.ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private current = 0;
  private most = 0;

  private constructor(
    private readonly server: http.Server,
    private readonly now: () => number,
    /** e.g. http://127.0.0.1:41234 */
    readonly url: string,
  ) {}

  /** Listens on 127.0.0.1 and a port the OS picks (port 0: no race, unlike probing for a free one). */
  static async start(options: { readonly now?: () => number } = {}): Promise<FakeArxivServer> {
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeArxivServer(server, options.now ?? Date.now, `http://127.0.0.1:${port}`);
    server.on('request', (req, res) => fake.handle(req, res));
    return fake;
  }

  get apiUrl(): string {
    return `${this.url}/api/query`;
  }

  get oaiUrl(): string {
    return `${this.url}/oai2`;
  }

  get requests(): readonly RecordedRequest[] {
    return this.log;
  }

  get inFlight(): number {
    return this.current;
  }

  /** The most requests ever in flight at once. */
  get maxInFlight(): number {
    return this.most;
  }

  unmatched(): readonly RecordedRequest[] {
    return this.log.filter((r) => !r.matched);
  }

  /** Scripted replies not yet served (sticky rules not counted). */
  pending(): number {
    return this.rules.filter((r) => !r.sticky).reduce((n, r) => n + r.replies.length, 0);
  }

  /**
   * Serves `replies` in order to requests matching `matcher`, one each; once used up the rule stops
   * matching. Rules are tried in registration order. Fixtures are read now, so a typo fails here.
   */
  on(matcher: RequestMatcher, replies: Reply | readonly Reply[]): this {
    const list = Array.isArray(replies) ? (replies as readonly Reply[]) : [replies as Reply];
    this.rules.push({ matcher, replies: list.map(load), sticky: false });
    return this;
  }

  /** Serves `r` to every matching request. */
  always(matcher: RequestMatcher, r: Reply): this {
    this.rules.push({ matcher, replies: [load(r)], sticky: true });
    return this;
  }

  /** Answers the requests that were really made to arXiv with what arXiv really sent (RECORDED_EXCHANGES). */
  replayRecorded(): this {
    for (const { matcher, fixture } of RECORDED_EXCHANGES) this.always(matcher, { fixture });
    return this;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.server.closeAllConnections(); // keep-alive and hanging connections would hold close() open
    await new Promise<void>((resolve, reject) => this.server.close((err) => (err ? reject(err) : resolve())));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const at = this.now();
    const realAt = performance.now();
    req.resume();
    this.current += 1;
    this.most = Math.max(this.most, this.current);
    this.open.add(res);
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      this.current -= 1;
      this.open.delete(res);
    };
    res.once('finish', finished);
    res.once('close', finished);

    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.url);
    const rule = this.rules.find((r) => r.replies.length > 0 && matches(r.matcher, method, url.pathname, url.searchParams));
    const next = rule === undefined ? undefined : rule.sticky ? rule.replies[0] : rule.replies.shift();
    this.log.push({
      seq: this.log.length,
      method,
      url: req.url ?? '/',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      userAgent: req.headers['user-agent'] ?? null,
      at,
      realAt,
      inFlight: this.current,
      matched: next !== undefined,
    });
    if (next === undefined) {
      const text = `fake arXiv: no scripted reply for ${method} ${req.url ?? '/'}\n`;
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) }).end(text);
      return;
    }
    if (next.delayMs > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.serve(req, res, url.pathname, next);
      }, next.delayMs);
      this.timers.add(timer);
    } else {
      this.serve(req, res, url.pathname, next);
    }
  }

  private serve(req: http.IncomingMessage, res: http.ServerResponse, pathname: string, r: LoadedReply): void {
    if (res.destroyed) return; // the client gave up during the delay
    if (r.reset) {
      req.socket.destroy();
      return;
    }
    if (r.hang === 'headers') return;
    const headers: Record<string, string | number> = { 'content-length': r.body.length };
    if (r.body.length > 0) headers['content-type'] = contentType(pathname);
    res.writeHead(r.status, { ...headers, ...r.headers });
    if (r.hang === 'body') {
      res.write(r.body.subarray(0, Math.floor(r.body.length / 2)));
      return;
    }
    res.end(r.body);
  }
}

const API = '/api/query';
const OAI = '/oai2';
const firstPage = /^0?$/;

/**
 * The requests behind each recorded response (from the fixture's own <request> element or feed
 * title, and SOURCES.md). Tried in order. OAI-PMH errors come with HTTP 200, as the protocol says.
 */
export const RECORDED_EXCHANGES: readonly { readonly matcher: RequestMatcher; readonly fixture: string }[] = [
  { matcher: { path: API, query: { search_query: 'au:del_maestro', start: firstPage } }, fixture: 'api-atom/classic-2016_search_au_del_maestro.xml' },
  { matcher: { path: API, query: { id_list: '1111.2011v2' } }, fixture: 'api-atom/classic-2016_id_list_1111.2011v2.xml' },
  { matcher: { path: API, query: { search_query: 'all:electron AND all:proton', start: firstPage } }, fixture: 'api-atom/new-2025_search_all_electron_AND_all_proton.xml' },
  { matcher: { path: API, query: { id_list: '2201.13455,2201.13452,2201.13453,2201.13454' } }, fixture: 'api-atom/new-2025_id_list_2201.13452-13455_partial.xml' },
  { matcher: { path: API, query: { id_list: '1201.56789' } }, fixture: 'api-atom/new-2025_id_list_1201.56789_empty.xml' },
  { matcher: { path: API, query: { search_query: /^(all:)?testing$/, start: firstPage } }, fixture: 'api-atom/new-2026_search_testing_start0_max10.xml' },
  { matcher: { path: API, query: { search_query: /^(all:)?testing$/, start: '10' } }, fixture: 'api-atom/new-2026_search_testing_start10_max10.xml' },
  { matcher: { path: API, query: { id_list: '0808.05394,1707.08567' } }, fixture: 'api-atom/new-2026_id_list_0808.05394_1707.08567_partial.xml' },
  { matcher: { path: API, query: { id_list: '0000.0000' } }, fixture: 'api-atom/new-2026_id_list_0000.0000_empty.xml' },
  { matcher: { path: OAI, query: { verb: /^(?!(Identify|ListRecords|ListIdentifiers|ListSets|ListMetadataFormats|GetRecord)$)/ } }, fixture: 'oai-pmh/error_BadVerb.xml' },
  { matcher: { path: OAI, query: { verb: 'ListRecords', identifier: /./ } }, fixture: 'oai-pmh/error_BadArgument.xml' },
  { matcher: { path: OAI, query: { verb: 'ListRecords', resumptionToken: '3' } }, fixture: 'oai-pmh/error_BadResumptionToken.xml' },
  { matcher: { path: OAI, query: { verb: 'ListRecords', metadataPrefix: 'arXivRaw', set: 'moo' } }, fixture: 'oai-pmh/error_NoRecordsMatch.xml' },
  { matcher: { path: OAI, query: { verb: 'ListRecords', metadataPrefix: 'arXivRaw', from: '2014-10-01', set: null, resumptionToken: null } }, fixture: 'oai-pmh/arXivRaw_ListRecords_2015_with_resumptionToken.xml' },
  { matcher: { path: OAI, query: { verb: 'ListRecords', metadataPrefix: 'arXiv', from: '2017-12-14', set: 'physics:hep-th' } }, fixture: 'oai-pmh/arXiv_ListRecords_2017_set-physics-hep-th.xml' },
  { matcher: { path: OAI, query: { verb: 'ListRecords', metadataPrefix: 'arXiv', from: '2017-12-14', set: 'physics:hep-ex' } }, fixture: 'oai-pmh/arXiv_ListRecords_2017_set-physics-hep-ex.xml' },
  { matcher: { path: OAI, query: { verb: 'ListRecords', metadataPrefix: 'oai_dc', from: '2024-01-25', set: 'cs' } }, fixture: 'oai-pmh/oai_dc_ListRecords_2024_set-cs_with_resumptionToken.xml' },
  { matcher: { path: OAI, query: { verb: 'GetRecord', metadataPrefix: 'arXivRaw', identifier: 'oai:arXiv.org:1302.2146' } }, fixture: 'oai-pmh/arXivRaw_GetRecord_2015.xml' },
  { matcher: { path: OAI, query: { verb: 'GetRecord', metadataPrefix: 'arXivRaw', identifier: 'oai:arXiv.org:0813.2274' } }, fixture: 'oai-pmh/error_IdDoesNotExist.xml' },
  { matcher: { path: OAI, query: { verb: 'GetRecord', metadataPrefix: 'arXiv', identifier: 'oai:arXiv.org:1401.2122' } }, fixture: 'oai-pmh/arXiv_GetRecord_2018_1401.2122.xml' },
];

// ---- Synthesised OAI-PMH pages, built from real records ------------------------------------------

/** The recorded arXivRaw ListRecords page whose envelope oaiPage reuses. */
export const ARXIV_RAW_LIST_FIXTURE = 'oai-pmh/arXivRaw_ListRecords_2015_with_resumptionToken.xml';

/** The `<record>…</record>` elements of a recorded OAI-PMH response, verbatim, in order. */
export function oaiRecords(fixture: string = ARXIV_RAW_LIST_FIXTURE): string[] {
  return readFixture(fixture).toString('utf8').match(/<record>[\s\S]*?<\/record>/g) ?? [];
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A ListRecords page made of real records: the recorded arXivRaw page's own envelope (XML
 * declaration, responseDate, request element, closing tags; text unchanged) around `records` (e.g.
 * slices of oaiRecords()) and a resumptionToken. Derived from real data, not invented: only the
 * record list and the token differ from what arXiv sent. `token`: a string continues the list;
 * '' is the empty token OAI-PMH requires on the last page of a multi-page list; null omits the
 * element (a list that fit one page). `cursor` / `completeListSize` become attributes when given.
 */
export function oaiPage(
  records: readonly string[],
  token: string | null,
  attrs: { readonly cursor?: number; readonly completeListSize?: number } = {},
): string {
  const envelope = readFixture(ARXIV_RAW_LIST_FIXTURE).toString('utf8');
  const head = envelope.slice(0, envelope.indexOf('<record>'));
  const tail = envelope.slice(envelope.indexOf('</ListRecords>'));
  const attributes =
    (attrs.cursor === undefined ? '' : ` cursor="${attrs.cursor}"`) +
    (attrs.completeListSize === undefined ? '' : ` completeListSize="${attrs.completeListSize}"`);
  const tokenLine =
    token === null ? '' : token === '' ? `<resumptionToken${attributes}/>\n` : `<resumptionToken${attributes}>${escapeXml(token)}</resumptionToken>\n`;
  return head + records.map((r) => `${r}\n`).join('') + tokenLine + tail;
}
