// Configuration: read once from environment variables, validated with zod, frozen.
// A bad value never gets past start-up: every problem is listed and the process exits with code 2.
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);

/** `catalog` (trained on the catalog, the default) or `onnx:<folder>` (a local sentence-transformers model). */
export const EmbedderSpec = z.string().transform((s, ctx): 'catalog' | { kind: 'onnx'; folder: string } => {
  if (s === 'catalog') return 'catalog';
  if (/^onnx:.+/.test(s)) return { kind: 'onnx', folder: path.resolve(s.slice('onnx:'.length)) };
  ctx.addIssue({ code: 'custom', message: 'must be "catalog" or "onnx:<model folder>"' });
  return z.NEVER;
});
export type EmbedderConfig = z.infer<typeof EmbedderSpec>;

/** `Name <address>` or a bare address; the From of every mail. */
export const MailFromSpec = z.string().transform((s, ctx): { name: string; address: string } => {
  const m = /^\s*(?:"?([^"<>\r\n]*?)"?\s*)?<([^<>\s]+)>\s*$/.exec(s) ?? /^\s*()([^<>\s"]+)\s*$/.exec(s);
  const address = m?.[2] ?? '';
  if (m === null || !z.email({ pattern: z.regexes.html5Email }).safeParse(address).success) {
    ctx.addIssue({ code: 'custom', message: 'must be an address, optionally with a name: "Paperboy <paperboy@example.org>"' });
    return z.NEVER;
  }
  return { name: (m[1] ?? '').trim(), address };
});

/**
 * Accounts younger than this (hours since sign-up) are new: their votes do not count toward
 * trending and they are rate-limited (domain/new-account.ts). A sock-puppet farm has to wait this
 * long before its votes move /trending, by which time the papers it wanted to push have aged out of
 * the day and week windows. Development sites default to 0 (see isDevelopmentSite).
 */
export const NEW_ACCOUNT_HOURS = 72;

/** Bytes of the server key that encrypts second-factor secrets (AES-256-GCM). */
export const SECRET_KEY_BYTES = 32;

const DNS_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

const EnvSchema = z.object({
  PAPERBOY_DATA_DIR: z.string().min(1).default('./data'),
  PAPERBOY_HOST: z.string().min(1).default('127.0.0.1'),
  PAPERBOY_PORT: port.default(3000),
  PAPERBOY_BASE_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  PAPERBOY_DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres:|postgresql:)/, 'must start with sqlite: or postgres://')
    .optional(),
  // Path of the bundled papers loaded into an empty catalog on first start; "off" disables it.
  PAPERBOY_BUNDLE: z.string().min(1).default('data-bundled/hf-daily-papers.jsonl.gz'),
  // Anonymous pages are cached as rendered bytes for this long (seconds); 0 disables the cache.
  PAPERBOY_PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  PAPERBOY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PAPERBOY_ARXIV_API_URL: z.url({ protocol: /^https?$/ }).default('https://export.arxiv.org/api/query'),
  PAPERBOY_OAI_URL: z.url({ protocol: /^https?$/ }).default('https://oaipmh.arxiv.org/oai'),
  // arXiv asks for one request every 3 s: https://info.arxiv.org/help/api/tou.html
  PAPERBOY_ARXIV_MIN_INTERVAL_MS: z.coerce.number().int().min(0).default(3000),
  PAPERBOY_CONTACT_EMAIL: z.email().optional(),
  PAPERBOY_HARVEST_SETS: z.string().default(''),
  PAPERBOY_HARVEST_FORMAT: z.enum(['arXiv', 'arXivRaw']).default('arXivRaw'),
  PAPERBOY_EMBEDDER: EmbedderSpec.default('catalog'),
  PAPERBOY_HARVEST_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (UTC)').default('02:30'),
  // Credentials may be in the URL; messages here never echo the value.
  PAPERBOY_SMTP_URL: z
    .url({ protocol: /^smtps?$/, error: 'must be smtp://[user:pass@]host[:port] or smtps://…' })
    .refine((u) => !/^smtps?:\/\/[^/?#]*[/?#]./.test(u), 'must have no path or query: smtp://[user:pass@]host[:port]')
    .optional(),
  PAPERBOY_SMTP_MAX_PER_SECOND: z.coerce.number().positive().max(10_000).default(50),
  PAPERBOY_MAIL_FROM: MailFromSpec.default({ name: 'Paperboy', address: 'paperboy@localhost' }),
  PAPERBOY_DKIM_KEY_FILE: z.string().min(1).optional(),
  PAPERBOY_DKIM_SELECTOR: z.string().regex(DNS_NAME, 'must be a DNS label, e.g. "paperboy2026"').optional(),
  PAPERBOY_DKIM_DOMAIN: z.string().regex(DNS_NAME, 'must be a domain name').optional(),
  PAPERBOY_NEW_ACCOUNT_HOURS: z.coerce.number().int().min(0).max(24 * 365).optional(),
  // Base of the VERP return paths (bounces+s<id>-<check>@domain); default bounces@<From's domain>.
  PAPERBOY_BOUNCE_ADDRESS: z.email().optional(),
  PAPERBOY_BOUNCE_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  PAPERBOY_BOUNCE_SMTP_PORT: port.default(2525),
  // The header a trusted reverse proxy sets to the client's address; unset: the socket address.
  PAPERBOY_TRUSTED_PROXY_HEADER: z
    .string()
    .transform((h) => h.trim().toLowerCase())
    .pipe(z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a header name such as x-forwarded-for or x-real-ip'))
    .optional(),
  PAPERBOY_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
  // Never echoed in messages: base64 of 32 random bytes (openssl rand -base64 32).
  PAPERBOY_SECRET_KEY: z
    .string()
    .refine((k) => /^[A-Za-z0-9+/]{43}=$/.test(k.trim()) && Buffer.from(k.trim(), 'base64').length === SECRET_KEY_BYTES, 'must be base64 of 32 bytes (openssl rand -base64 32)')
    .optional(),
});

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/;

/**
 * A site whose base URL is on this machine or under a name reserved for testing (RFC 6761: .test,
 * .localhost, .example, .invalid) is a development site: no real readers can reach it.
 */
function isDevelopmentSite(baseUrl: URL): boolean {
  return LOOPBACK.test(baseUrl.hostname) || /\.(test|localhost|example|invalid)$/.test(baseUrl.hostname);
}

export interface ArxivConfig {
  readonly apiUrl: URL;
  readonly oaiUrl: URL;
  readonly minIntervalMs: number;
  /** Operator's address for arXiv's User-Agent; harvesting refuses to run without it. */
  readonly contactEmail: string | null;
  /** OAI-PMH sets harvested daily (e.g. "cs", "physics:hep-th"); empty means all of arXiv. */
  readonly harvestSets: readonly string[];
  readonly harvestFormat: 'arXiv' | 'arXivRaw';
  readonly harvestAtUtc: { readonly hour: number; readonly minute: number };
}

export interface SmtpConfig {
  /** The full URL, credentials included. Not enumerable, so logging or printing the config never shows it. */
  readonly url: string;
  /** The URL with the password masked, for logs. */
  readonly safeUrl: string;
  /** Pool-wide send rate, mails per second. */
  readonly maxMailsPerSecond: number;
}

export interface MailConfig {
  /** From of every mail, and the envelope sender unless a mail brings its own return path. */
  readonly from: { readonly name: string; readonly address: string };
  /** The relay; null writes .eml files to outboxDir instead. */
  readonly smtp: SmtpConfig | null;
  /** <dataDir>/outbox. */
  readonly outboxDir: string;
  /** DKIM signing; the key is read (and checked) when the mailer is created. */
  readonly dkim: { readonly keyFile: string; readonly selector: string; readonly domain: string } | null;
  /** Bounce handling: the base of VERP return paths and where the inbound SMTP role listens. */
  readonly bounce: BounceConfig;
}

export interface BounceConfig {
  /** e.g. bounces@example.org; digests go out with bounces+s<id>-<check>@example.org (domain/verp.ts). */
  readonly address: string;
  /** Interface and port of `paperboy serve --roles=bounces` (the MX of the bounce domain forwards to it). */
  readonly host: string;
  readonly port: number;
}

export type DatabaseTarget =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string };

export interface Config {
  readonly dataDir: string;
  /** Derived files that can be rebuilt (the converted GloVe vectors): <dataDir>/cache. */
  readonly cacheDir: string;
  readonly embedder: EmbedderConfig;
  readonly host: string;
  readonly port: number;
  readonly baseUrl: URL;
  readonly database: DatabaseTarget;
  readonly bundlePath: string | null;
  readonly pageCacheSeconds: number;
  readonly logLevel: z.infer<typeof EnvSchema>['PAPERBOY_LOG_LEVEL'];
  readonly arxiv: ArxivConfig;
  readonly mail: MailConfig;
  /** Accounts younger than this (hours) are new: NEW_ACCOUNT_HOURS, 0 on development sites, or as set. */
  readonly newAccountHours: number;
  /** The reverse proxy whose header names the client (lower-case header, trusted hops), or null: the socket address. */
  readonly trustedProxy: { readonly header: string; readonly hops: number } | null;
  /**
   * The server key for second-factor secrets: PAPERBOY_SECRET_KEY, or null to use (and on first
   * use create, mode 0600) secretKeyFile. Not enumerable, so printing the config never shows it.
   */
  readonly secretKey: Buffer | null;
  /** <dataDir>/secret.key. */
  readonly secretKeyFile: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function databaseTarget(url: string | undefined, dataDir: string): DatabaseTarget {
  if (url === undefined) return { kind: 'sqlite', file: path.join(dataDir, 'paperboy.sqlite') };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { kind: 'sqlite', file: file === '' ? path.join(dataDir, 'paperboy.sqlite') : file };
  }
  return { kind: 'postgres', url };
}

function smtpConfig(url: string | undefined, maxMailsPerSecond: number): SmtpConfig | null {
  if (url === undefined) return null;
  const masked = new URL(url);
  if (masked.password !== '') masked.password = '***';
  const smtp = { safeUrl: masked.href, maxMailsPerSecond };
  Object.defineProperty(smtp, 'url', { value: url, enumerable: false });
  return Object.freeze(smtp as SmtpConfig);
}

/** Parses the environment; throws ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = result.data;
  const apiUrl = new URL(e.PAPERBOY_ARXIV_API_URL);
  const oaiUrl = new URL(e.PAPERBOY_OAI_URL);
  // Faster than arXiv's policy only against a local server (tests, mirrors on the same host).
  if (e.PAPERBOY_ARXIV_MIN_INTERVAL_MS < 3000 && !(LOOPBACK.test(apiUrl.hostname) && LOOPBACK.test(oaiUrl.hostname))) {
    throw new ConfigError(['PAPERBOY_ARXIV_MIN_INTERVAL_MS: must be at least 3000 unless both arXiv URLs point at this machine']);
  }
  if (e.PAPERBOY_DKIM_KEY_FILE !== undefined && e.PAPERBOY_DKIM_SELECTOR === undefined) {
    throw new ConfigError(['PAPERBOY_DKIM_SELECTOR: required with PAPERBOY_DKIM_KEY_FILE']);
  }
  const [hour, minute] = e.PAPERBOY_HARVEST_AT.split(':').map(Number);
  const dataDir = path.resolve(e.PAPERBOY_DATA_DIR);
  const baseUrl = new URL(e.PAPERBOY_BASE_URL);
  const config: Omit<Config, 'secretKey'> = {
    dataDir,
    cacheDir: path.join(dataDir, 'cache'),
    embedder: typeof e.PAPERBOY_EMBEDDER === 'string' ? e.PAPERBOY_EMBEDDER : Object.freeze(e.PAPERBOY_EMBEDDER),
    host: e.PAPERBOY_HOST,
    port: e.PAPERBOY_PORT,
    baseUrl: Object.freeze(baseUrl),
    database: Object.freeze(databaseTarget(e.PAPERBOY_DATABASE_URL, dataDir)),
    bundlePath: e.PAPERBOY_BUNDLE === 'off' ? null : path.resolve(e.PAPERBOY_BUNDLE),
    pageCacheSeconds: e.PAPERBOY_PAGE_CACHE_SECONDS,
    logLevel: e.PAPERBOY_LOG_LEVEL,
    arxiv: Object.freeze({
      apiUrl: Object.freeze(apiUrl),
      oaiUrl: Object.freeze(oaiUrl),
      minIntervalMs: e.PAPERBOY_ARXIV_MIN_INTERVAL_MS,
      contactEmail: e.PAPERBOY_CONTACT_EMAIL ?? null,
      harvestSets: Object.freeze(e.PAPERBOY_HARVEST_SETS.split(',').map((x) => x.trim()).filter((x) => x !== '')),
      harvestFormat: e.PAPERBOY_HARVEST_FORMAT,
      harvestAtUtc: Object.freeze({ hour: hour ?? 2, minute: minute ?? 30 }),
    }),
    mail: Object.freeze({
      from: Object.freeze(e.PAPERBOY_MAIL_FROM),
      smtp: smtpConfig(e.PAPERBOY_SMTP_URL, e.PAPERBOY_SMTP_MAX_PER_SECOND),
      outboxDir: path.join(dataDir, 'outbox'),
      dkim:
        e.PAPERBOY_DKIM_KEY_FILE === undefined || e.PAPERBOY_DKIM_SELECTOR === undefined
          ? null
          : Object.freeze({
              keyFile: path.resolve(e.PAPERBOY_DKIM_KEY_FILE),
              selector: e.PAPERBOY_DKIM_SELECTOR,
              // Aligned with From for DMARC unless told otherwise.
              domain: e.PAPERBOY_DKIM_DOMAIN ?? e.PAPERBOY_MAIL_FROM.address.split('@')[1] ?? '',
            }),
      bounce: Object.freeze({
        address: e.PAPERBOY_BOUNCE_ADDRESS ?? `bounces@${e.PAPERBOY_MAIL_FROM.address.split('@')[1] ?? 'localhost'}`,
        host: e.PAPERBOY_BOUNCE_SMTP_HOST,
        port: e.PAPERBOY_BOUNCE_SMTP_PORT,
      }),
    }),
    newAccountHours: e.PAPERBOY_NEW_ACCOUNT_HOURS ?? (isDevelopmentSite(baseUrl) ? 0 : NEW_ACCOUNT_HOURS),
    trustedProxy: e.PAPERBOY_TRUSTED_PROXY_HEADER === undefined ? null : Object.freeze({ header: e.PAPERBOY_TRUSTED_PROXY_HEADER, hops: e.PAPERBOY_TRUSTED_PROXY_HOPS }),
    secretKeyFile: path.join(dataDir, 'secret.key'),
  };
  // The key is a property that JSON and logs skip.
  Object.defineProperty(config, 'secretKey', { value: e.PAPERBOY_SECRET_KEY === undefined ? null : Buffer.from(e.PAPERBOY_SECRET_KEY.trim(), 'base64'), enumerable: false });
  return Object.freeze(config as Config);
}

/** The documented variables, for the README table and `paperboy config`. */
export const CONFIG_DOCS: readonly { name: keyof z.infer<typeof EnvSchema>; meaning: string }[] = [
  { name: 'PAPERBOY_DATA_DIR', meaning: 'Folder for the SQLite database and other local state.' },
  { name: 'PAPERBOY_HOST', meaning: 'Interface the web server listens on.' },
  { name: 'PAPERBOY_PORT', meaning: 'TCP port of the web server.' },
  { name: 'PAPERBOY_BASE_URL', meaning: 'Public URL of the site, used in links, feeds and meta tags.' },
  { name: 'PAPERBOY_DATABASE_URL', meaning: 'sqlite:<file> or postgres://…; default: a SQLite file in the data dir.' },
  { name: 'PAPERBOY_BUNDLE', meaning: 'Papers loaded into an empty catalog on first start; "off" to start empty.' },
  { name: 'PAPERBOY_PAGE_CACHE_SECONDS', meaning: 'How long rendered anonymous pages are reused.' },
  { name: 'PAPERBOY_LOG_LEVEL', meaning: 'Log level of the server (pino levels, or silent).' },
  { name: 'PAPERBOY_ARXIV_API_URL', meaning: 'arXiv API endpoint (Atom).' },
  { name: 'PAPERBOY_OAI_URL', meaning: 'arXiv OAI-PMH endpoint.' },
  { name: 'PAPERBOY_ARXIV_MIN_INTERVAL_MS', meaning: 'Least time between two requests to arXiv (ms, at least 3000).' },
  { name: 'PAPERBOY_CONTACT_EMAIL', meaning: "Operator's e-mail, sent in the User-Agent to arXiv; required to fetch or harvest." },
  { name: 'PAPERBOY_HARVEST_SETS', meaning: 'Comma-separated OAI-PMH sets for the daily harvest; empty = all of arXiv.' },
  { name: 'PAPERBOY_HARVEST_FORMAT', meaning: 'OAI-PMH metadata format: arXivRaw (versions) or arXiv.' },
  { name: 'PAPERBOY_EMBEDDER', meaning: 'Embedder of semantic search: catalog (trained on the papers, offline) or onnx:<folder> (a local sentence-transformers ONNX model).' },
  { name: 'PAPERBOY_HARVEST_AT', meaning: 'Daily harvest time, HH:MM UTC.' },
  { name: 'PAPERBOY_SMTP_URL', meaning: 'smtp://[user:pass@]host[:port] (STARTTLS) or smtps://… (TLS); unset: mails are written to <data dir>/outbox as .eml files.' },
  { name: 'PAPERBOY_SMTP_MAX_PER_SECOND', meaning: 'Most mails per second sent through the SMTP relay.' },
  { name: 'PAPERBOY_MAIL_FROM', meaning: 'From of every mail: "Name <address>" or an address.' },
  { name: 'PAPERBOY_DKIM_KEY_FILE', meaning: 'PEM RSA private key (2048 bits advised) to DKIM-sign every mail (optional).' },
  { name: 'PAPERBOY_DKIM_SELECTOR', meaning: 'DKIM selector; the public key is published at <selector>._domainkey.<domain>.' },
  { name: 'PAPERBOY_DKIM_DOMAIN', meaning: 'DKIM signing domain; default: the domain of PAPERBOY_MAIL_FROM.' },
  { name: 'PAPERBOY_BOUNCE_ADDRESS', meaning: 'Base of the VERP return paths of digests (bounces+s<id>-<check>@domain); default bounces@<domain of PAPERBOY_MAIL_FROM>.' },
  { name: 'PAPERBOY_BOUNCE_SMTP_HOST', meaning: 'Interface the inbound bounce SMTP role (serve --roles=bounces) listens on.' },
  { name: 'PAPERBOY_BOUNCE_SMTP_PORT', meaning: 'TCP port of the inbound bounce SMTP role.' },
  { name: 'PAPERBOY_TRUSTED_PROXY_HEADER', meaning: 'Header a trusted reverse proxy sets to the client address (x-forwarded-for or x-real-ip); unset: the socket address is the client and the header is ignored.' },
  { name: 'PAPERBOY_TRUSTED_PROXY_HOPS', meaning: 'Trusted proxies that append to X-Forwarded-For (default 1): the client is that many entries from the right.' },
  { name: 'PAPERBOY_SECRET_KEY', meaning: 'Base64 of 32 random bytes: the key that encrypts two-factor secrets (AES-256-GCM); unset: <data dir>/secret.key, created once with mode 0600.' },
  { name: 'PAPERBOY_NEW_ACCOUNT_HOURS', meaning: `Hours an account counts as new (its votes do not count toward trending; it is rate-limited); default ${NEW_ACCOUNT_HOURS}, 0 when the base URL is localhost or a .test/.example name.` },
];
