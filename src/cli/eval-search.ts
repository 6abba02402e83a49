// `paperboy eval-search --corpus <corpus.jsonl[.gz]> --queries <queries.jsonl> --qrels <qrels.tsv> [--mode keyword|semantic|hybrid] [--embedder catalog|onnx:<folder>]`
// Measures search quality on a BEIR-format benchmark (see commands/eval-search.ts). Progress goes
// to stderr; stdout gets one JSON line: {"mode","queries","ndcg@10","recall@100","mrr@10"}.
// Exit 0 when every input line was used, 3 when some were skipped (each reported on stderr).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { evalSearch } from '../commands/eval-search.js';
import { SEARCH_MODES } from '../domain/search.js';
import { EmbedderSpec, type Config } from '../config.js';
import { EmbedderConfigError, embedderChoice } from '../commands/embedder-choice.js';
import { EXIT, UsageError, parseFlags } from './args.js';

export const EVAL_SEARCH_USAGE = 'paperboy eval-search --corpus <corpus.jsonl[.gz]> --queries <queries.jsonl> --qrels <qrels.tsv> [--mode keyword|semantic|hybrid] [--embedder catalog|onnx:<folder>]';

/** Skips listed one per line on stderr; beyond this many only the count is given. */
const MAX_SKIPS_LISTED = 200;
/** Decimals in the printed scores: 150 queries carry about ±0.03 of noise, so 4 is plenty. */
const DECIMALS = 4;

const Flags = z.object({
  corpus: z.string({ message: 'is required' }),
  queries: z.string({ message: 'is required' }),
  qrels: z.string({ message: 'is required' }),
  mode: z.enum(SEARCH_MODES, { message: `must be one of: ${SEARCH_MODES.join(', ')}` }).default('keyword'),
  embedder: EmbedderSpec.default('catalog'),
});

function existingFile(flag: string, value: string): string {
  const file = path.resolve(value);
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) throw new UsageError(`--${flag}: no such file: ${file}`);
  return file;
}

export async function runEvalSearch(argv: readonly string[], config: Config): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    { corpus: { type: 'string' }, queries: { type: 'string' }, qrels: { type: 'string' }, mode: { type: 'string' }, embedder: { type: 'string' } },
    Flags,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}\nusage: ${EVAL_SEARCH_USAGE}`);
  const summary = await evalSearch({
    corpus: existingFile('corpus', values.corpus),
    queries: existingFile('queries', values.queries),
    qrels: existingFile('qrels', values.qrels),
    mode: values.mode,
    embedder: await embedderChoice({ embedder: values.embedder }).catch((err: unknown) => {
      if (err instanceof EmbedderConfigError) throw new UsageError(`--embedder: ${err.message}`);
      throw err;
    }),
    cacheDir: config.cacheDir,
    onProgress: (message) => process.stderr.write(`${message}\n`),
  });
  for (const skip of summary.skips.slice(0, MAX_SKIPS_LISTED)) process.stderr.write(`skipped ${skip.where}: ${skip.reason}\n`);
  if (summary.skips.length > MAX_SKIPS_LISTED) process.stderr.write(`… and ${summary.skips.length - MAX_SKIPS_LISTED} more skips\n`);
  const round = (x: number) => Number(x.toFixed(DECIMALS));
  const line = {
    mode: summary.mode,
    queries: summary.queries,
    'ndcg@10': round(summary['ndcg@10']),
    'recall@100': round(summary['recall@100']),
    'mrr@10': round(summary['mrr@10']),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return summary.skips.length > 0 ? EXIT.skipped : EXIT.ok;
}
