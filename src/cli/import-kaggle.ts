// `paperboy import kaggle <arxiv-metadata-oai-snapshot.json[.gz]> [--restart] [--dry-run]`
// Bulk-loads Kaggle's arXiv snapshot; resumes after the last committed batch when run again.
// Exit 0 when every line was used, 3 when some were skipped (each reported on stderr).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { importKaggle } from '../commands/import-kaggle.js';
import type { Config } from '../config.js';
import { openMigratedStore } from '../store/db.js';
import { EXIT, UsageError, parseFlags } from './args.js';
import { progressBar } from './progress.js';

export const IMPORT_KAGGLE_USAGE = 'paperboy import kaggle <arxiv-metadata-oai-snapshot.json[.gz]> [--limit N] [--restart] [--dry-run]';
const MAX_SKIPS_LISTED = 200;

export async function runImportKaggle(config: Config, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    { restart: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, limit: { type: 'string' } },
    z.object({ restart: z.boolean().optional(), 'dry-run': z.boolean().optional(), limit: z.coerce.number().int().positive().optional() }),
  );
  if (positionals.length !== 1) throw new UsageError(`expected one file\nusage: ${IMPORT_KAGGLE_USAGE}`);
  const file = path.resolve(positionals[0] ?? '');
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) throw new UsageError(`no such file: ${file}`);

  const store = await openMigratedStore(config.database);
  const bar = progressBar();
  const started = Date.now();
  try {
    const summary = await importKaggle(store, file, {
      restart: values.restart ?? false,
      limit: values.limit,
      dryRun: values['dry-run'] ?? false,
      onProgress: (p) => {
        const rate = p.lines / Math.max(0.001, (Date.now() - started) / 1000);
        bar.update(p.bytesRead, p.totalBytes, `${p.lines.toLocaleString('en')} lines, ${Math.round(rate).toLocaleString('en')} lines/s`);
      },
    });
    bar.finish();
    if (summary.alreadyComplete) process.stderr.write('this file was already imported completely; pass --restart to import it again\n');
    for (const skip of summary.skips.slice(0, MAX_SKIPS_LISTED)) process.stderr.write(`skipped line ${skip.line}: ${skip.reason}\n`);
    if (summary.skipped > MAX_SKIPS_LISTED) process.stderr.write(`… and ${summary.skipped - MAX_SKIPS_LISTED} more skipped lines\n`);
    const { skips: _skips, ...counts } = summary;
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(`${JSON.stringify({ ...counts, seconds: Number(seconds.toFixed(1)), dryRun: values['dry-run'] ?? false })}\n`);
    return summary.skipped > 0 ? EXIT.skipped : EXIT.ok;
  } finally {
    bar.finish();
    await store.close();
  }
}
