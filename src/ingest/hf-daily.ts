// Reads Hugging Face daily-papers JSON (https://huggingface.co/api/daily_papers) in the two shapes
// it is found in: one API response array per day file (`YYYY-MM-DD.json`), or JSON Lines of
// {"date","papers":[…]} (one line per day, optionally gzipped). Only whitelisted fields survive
// the zod schemas below: no usernames, avatars, organizations, thumbnails or media URLs.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { parseArxivId } from '../domain/arxiv-id.js';
import { HttpUrl, type DailyEntryRecord, type PaperLink, type PaperRecord } from '../domain/paper.js';
import { parseDay, type Day } from '../domain/period.js';
import { scanJsonArray } from './json-array-scan.js';

const Count = z.number().int().nonnegative();

// zod drops every key not listed here: that is the whitelist.
const HfPaper = z.object({
  id: z.string(),
  title: z.string().trim().min(1),
  summary: z.string(),
  authors: z.array(z.object({ name: z.string().trim().min(1) })),
  publishedAt: z.iso.datetime({ offset: true }),
  upvotes: Count.optional(),
  ai_summary: z.string().optional(),
  ai_keywords: z.array(z.string()).optional(),
  githubRepo: z.string().optional(),
  githubStars: Count.optional(),
  projectPage: z.string().optional(),
});

const HfItem = z.object({ paper: HfPaper, numComments: Count.optional() });
export type HfItem = z.infer<typeof HfItem>;

const HfLine = z.object({ date: z.string(), papers: z.array(z.unknown()) });

export interface Skip {
  /** file:line or file:line#item */
  readonly where: string;
  readonly reason: string;
}

/** One featured day's papers, ready for the store. */
export interface DayBatch {
  readonly day: Day;
  readonly papers: PaperRecord[];
  readonly entries: DailyEntryRecord[];
}

export interface ReadOptions {
  /** The featured day for items whose file gives none. */
  readonly date?: Day;
  /** Called with bytes read so far and the total, for progress bars. */
  readonly onBytes?: (read: number, total: number) => void;
}

function link(kind: PaperLink['kind'], url: string | undefined, stars: number | null, readAt: string): PaperLink[] {
  if (url === undefined || !HttpUrl.safeParse(url).success) return [];
  return [{ kind, url, stars, starsReadAt: stars === null ? null : readAt }];
}

function zodReason(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`).join('; ');
}

/** Converts one API item into catalog records, or explains why it cannot be used. */
export function convertItem(raw: unknown, day: Day): { paper: PaperRecord; entry: DailyEntryRecord } | { error: string } {
  const parsed = HfItem.safeParse(raw);
  if (!parsed.success) return { error: zodReason(parsed.error) };
  const p = parsed.data.paper;
  const id = parseArxivId(p.id);
  if (!id) return { error: `paper.id: not an arXiv id: ${JSON.stringify(p.id).slice(0, 60)}` };
  const readAt = `${day}T00:00:00.000Z`;
  const paper: PaperRecord = {
    id: id.id,
    title: p.title.replace(/\s+/g, ' ').trim(),
    abstract: p.summary.trim(),
    authors: p.authors.map((a) => a.name.replace(/\s+/g, ' ')),
    publishedAt: new Date(p.publishedAt).toISOString(),
    aiSummary: p.ai_summary?.trim() || null,
    aiKeywords: p.ai_keywords ?? null,
    links: [...link('code', p.githubRepo, p.githubStars ?? null, readAt), ...link('project', p.projectPage, null, readAt)],
  };
  const entry: DailyEntryRecord = {
    day,
    paperId: id.id,
    source: 'hf-daily',
    baseline: { source: 'hf-daily', upvotes: p.upvotes ?? 0, comments: parsed.data.numComments ?? 0, asOf: day },
  };
  return { paper, entry };
}

function convertDay(items: readonly { raw: unknown; where: string }[], day: Day, skips: Skip[]): DayBatch {
  const papers: PaperRecord[] = [];
  const entries: DailyEntryRecord[] = [];
  const seen = new Set<string>();
  for (const { raw, where } of items) {
    const result = convertItem(raw, day);
    if ('error' in result) {
      skips.push({ where, reason: result.error });
    } else if (seen.has(result.paper.id)) {
      skips.push({ where, reason: `duplicate of ${result.paper.id} on ${day}` });
    } else {
      seen.add(result.paper.id);
      papers.push(result.paper);
      entries.push(result.entry);
    }
  }
  return { day, papers, entries };
}

function dayFromFileName(file: string): Day | null {
  const m = /^(\d{4}-\d{2}-\d{2})\.json$/.exec(path.basename(file));
  return m?.[1] ? parseDay(m[1]) : null;
}

function countingStream(file: string, onBytes: ReadOptions['onBytes']): NodeJS.ReadableStream {
  const total = fs.statSync(file).size;
  const raw = fs.createReadStream(file);
  let read = 0;
  raw.on('data', (chunk: Buffer | string) => {
    read += chunk.length;
    onBytes?.(read, total);
  });
  return file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
}

/** JSON Lines of {"date","papers"}: yields one batch per line; bad lines become skips. */
async function* readJsonLines(file: string, options: ReadOptions, skips: Skip[]): AsyncGenerator<DayBatch> {
  const lines = readline.createInterface({ input: countingStream(file, options.onBytes), crlfDelay: Infinity });
  const name = path.basename(file);
  let lineNo = 0;
  for await (const text of lines) {
    lineNo += 1;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      skips.push({ where: `${name}:${lineNo}`, reason: `malformed JSON (${(err as Error).message})` });
      continue;
    }
    const line = HfLine.safeParse(value);
    if (!line.success) {
      skips.push({ where: `${name}:${lineNo}`, reason: zodReason(line.error) });
      continue;
    }
    const day = parseDay(line.data.date) ?? null;
    if (!day) {
      skips.push({ where: `${name}:${lineNo}`, reason: `date is not a YYYY-MM-DD day: ${JSON.stringify(line.data.date)}` });
      continue;
    }
    const items = line.data.papers.map((raw, k) => ({ raw, where: `${name}:${lineNo}#${k + 1}` }));
    yield convertDay(items, day, skips);
  }
}

/** One API response array: the day comes from --date or the file name. */
async function* readArrayFile(file: string, options: ReadOptions, skips: Skip[]): AsyncGenerator<DayBatch> {
  const name = path.basename(file);
  const text = fs.readFileSync(file, 'utf8');
  options.onBytes?.(text.length, text.length);
  let elements;
  try {
    elements = scanJsonArray(text);
  } catch (err) {
    skips.push({ where: name, reason: `not a JSON array of papers: ${(err as Error).message}` });
    return;
  }
  const day = options.date ?? dayFromFileName(file);
  if (!day) {
    for (const e of elements) skips.push({ where: `${name}:${e.line}`, reason: 'no featured day: pass --date or name the file YYYY-MM-DD.json' });
    return;
  }
  const items = elements.map((e) => {
    try {
      return { raw: JSON.parse(e.text) as unknown, where: `${name}:${e.line}` };
    } catch (err) {
      return { raw: undefined, where: `${name}:${e.line}`, bad: (err as Error).message };
    }
  });
  for (const item of items) if ('bad' in item) skips.push({ where: item.where, reason: `malformed JSON (${item.bad})` });
  yield convertDay(
    items.filter((i) => !('bad' in i)),
    day,
    skips,
  );
}

function isJsonLines(file: string): boolean {
  return /\.jsonl(\.gz)?$/.test(file);
}

/** The files an import of `target` reads: the file itself, or a folder's .json/.jsonl[.gz] files in name order. */
export function listInputFiles(target: string): string[] {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return [target];
  return fs
    .readdirSync(target)
    .filter((f) => /\.(json|jsonl|jsonl\.gz)$/.test(f))
    .sort()
    .map((f) => path.join(target, f));
}

/** Yields day batches from one file; problems are appended to `skips` and reading goes on. */
export function readHfDailyFile(file: string, options: ReadOptions, skips: Skip[]): AsyncGenerator<DayBatch> {
  return isJsonLines(file) ? readJsonLines(file, options, skips) : readArrayFile(file, options, skips);
}

/**
 * The whitelisted form of one API item, still in the API's own shape: what the bundled default
 * ships, so the repository carries no user data.
 */
export function whitelistItem(raw: unknown): HfItem | null {
  const parsed = HfItem.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export { HfLine };
