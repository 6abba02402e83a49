// Reads a retrieval benchmark in the BEIR format (https://github.com/beir-cellar/beir):
//   corpus.jsonl[.gz]   {"_id", "title", "text", "metadata"?} per line
//   queries.jsonl[.gz]  {"_id", "text"} per line
//   qrels.tsv           header "query-id<TAB>corpus-id<TAB>score", then one judgment per line
//                       (CRLF line ends, as BEIR writes them, are fine)
// Lines that do not fit are skipped and reported with file:line.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

const Id = z.union([z.string().min(1), z.number().transform(String)]);
const CorpusLine = z.object({ _id: Id, title: z.string().default(''), text: z.string().default('') });
const QueryLine = z.object({ _id: Id, text: z.string() });

export interface BeirDoc {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export interface BeirQuery {
  readonly id: string;
  readonly text: string;
}

export interface BeirSkip {
  readonly where: string;
  readonly reason: string;
}

async function* lines(file: string): AsyncGenerator<{ line: string; number: number }> {
  const raw = fs.createReadStream(file);
  const input = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  for await (const line of reader) {
    number += 1;
    yield { line: line.replace(/\r$/, ''), number };
  }
}

async function* jsonLines<S extends z.ZodType>(file: string, schema: S, skips: BeirSkip[]): AsyncGenerator<z.infer<S>> {
  for await (const { line, number } of lines(file)) {
    if (line.trim() === '') continue;
    const where = `${path.basename(file)}:${number}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skips.push({ where, reason: 'malformed JSON' });
      continue;
    }
    const parsed = schema.safeParse(value);
    if (parsed.success) yield parsed.data;
    else skips.push({ where, reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ') });
  }
}

export async function* readBeirCorpus(file: string, skips: BeirSkip[]): AsyncGenerator<BeirDoc> {
  for await (const d of jsonLines(file, CorpusLine, skips)) yield { id: d._id, title: d.title, text: d.text };
}

export async function readBeirQueries(file: string, skips: BeirSkip[]): Promise<BeirQuery[]> {
  const queries: BeirQuery[] = [];
  for await (const q of jsonLines(file, QueryLine, skips)) queries.push({ id: q._id, text: q.text });
  return queries;
}

/** query id → ids of its relevant documents (score above 0). */
export async function readBeirQrels(file: string, skips: BeirSkip[]): Promise<Map<string, Set<string>>> {
  const qrels = new Map<string, Set<string>>();
  for await (const { line, number } of lines(file)) {
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    if (number === 1 && cells[0] === 'query-id') continue;
    const [query, doc, score] = cells;
    if (cells.length !== 3 || !query || !doc || score === undefined || !/^-?\d+(\.\d+)?$/.test(score.trim())) {
      skips.push({ where: `${path.basename(file)}:${number}`, reason: 'expected query-id<TAB>corpus-id<TAB>score' });
      continue;
    }
    if (Number(score) <= 0) continue;
    let set = qrels.get(query);
    if (!set) qrels.set(query, (set = new Set()));
    set.add(doc);
  }
  return qrels;
}
