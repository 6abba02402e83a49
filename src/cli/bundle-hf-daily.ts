// `paperboy bundle hf-daily <input> <output.jsonl.gz>`
// Writes the bundled default: the input's days as JSONL of {"date","papers"}, each item reduced to
// the importer's whitelist (no usernames, avatars, organizations, thumbnails or media URLs).
// Run by maintainers when refreshing data-bundled/; the site itself only reads the result.
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { z } from 'zod';
import { HfLine, listInputFiles, whitelistItem } from '../ingest/hf-daily.js';
import { EXIT, UsageError, parseFlags } from './args.js';

async function* days(file: string): AsyncGenerator<string> {
  const input = fs.createReadStream(file);
  const lines = readline.createInterface({ input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  for await (const text of lines) {
    if (text.trim() === '') continue;
    const line = HfLine.parse(JSON.parse(text));
    const papers = line.papers.map(whitelistItem).filter((p) => p !== null);
    yield `${JSON.stringify({ date: line.date, papers })}\n`;
  }
}

export async function runBundleHfDaily(argv: readonly string[]): Promise<number> {
  const { positionals } = parseFlags(argv, {}, z.object({}));
  const [input, output] = positionals;
  if (!input || !output || positionals.length !== 2) throw new UsageError('usage: paperboy bundle hf-daily <input.jsonl[.gz]> <output.jsonl.gz>');
  const files = listInputFiles(path.resolve(input)).filter((f) => /\.jsonl(\.gz)?$/.test(f));
  if (files.length === 0) throw new UsageError('bundle reads JSONL input ({"date","papers"} per line)');
  const tmp = `${output}.tmp`;
  async function* all() {
    for (const f of files) yield* days(f);
  }
  // gzip level 9: the file is written once and shipped in the repository.
  await pipeline(Readable.from(all()), createGzip({ level: 9 }), fs.createWriteStream(tmp));
  fs.renameSync(tmp, output);
  process.stderr.write(`wrote ${output} (${fs.statSync(output).size} bytes)\n`);
  return EXIT.ok;
}
