// `paperboy import hf-daily <file|dir> [--date YYYY-MM-DD] [--dry-run]`
// Imports Hugging Face daily-papers JSON (API arrays per day, or JSONL of {"date","papers"}).
// Exit 0 when everything was read, 3 when some items were skipped (each reported on stderr).
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { importHfDaily } from '../commands/import-hf-daily.js';
import type { Config } from '../config.js';
import { openMigratedStore } from '../store/db.js';
import { DayParam } from '../domain/period-params.js';
import { EXIT, UsageError, parseFlags } from './args.js';
import { progressBar } from './progress.js';

export const IMPORT_HF_USAGE = 'paperboy import hf-daily <file|dir> [--date YYYY-MM-DD] [--dry-run]';

/** Skips listed one per line on stderr; beyond this many only the count is given. */
const MAX_SKIPS_LISTED = 200;

const Flags = z.object({ date: z.string().optional(), 'dry-run': z.boolean().optional() });

export async function runImportHfDaily(config: Config, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { date: { type: 'string' }, 'dry-run': { type: 'boolean' } }, Flags);
  if (positionals.length !== 1) throw new UsageError(`expected one file or folder\nusage: ${IMPORT_HF_USAGE}`);
  const target = path.resolve(positionals[0] ?? '');
  if (!fs.existsSync(target)) throw new UsageError(`no such file or folder: ${target}`);
  const date = values.date === undefined ? undefined : DayParam.safeParse(values.date);
  if (date && !date.success) throw new UsageError(`--date: ${date.error.issues[0]?.message ?? 'invalid'}`);

  const store = await openMigratedStore(config.database);
  const bar = progressBar();
  try {
    const summary = await importHfDaily(store, target, {
      date: date?.data,
      dryRun: values['dry-run'] ?? false,
      onProgress: (p) => bar.update(p.read, p.total, `${p.fileIndex + 1}/${p.files} ${path.basename(p.file)}`),
    });
    bar.finish();
    for (const skip of summary.skips.slice(0, MAX_SKIPS_LISTED)) process.stderr.write(`skipped ${skip.where}: ${skip.reason}\n`);
    if (summary.skips.length > MAX_SKIPS_LISTED) process.stderr.write(`… and ${summary.skips.length - MAX_SKIPS_LISTED} more skips\n`);
    const { skips, ...counts } = summary;
    process.stdout.write(`${JSON.stringify({ ...counts, skipped: skips.length, dryRun: values['dry-run'] ?? false })}\n`);
    return skips.length > 0 ? EXIT.skipped : EXIT.ok;
  } finally {
    bar.finish();
    await store.close();
  }
}
