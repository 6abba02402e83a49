// `paperboy fetch <arxivId…> [--dry-run]` and
// `paperboy harvest [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--set cs] [--format arXiv|arXivRaw] [--dry-run]`.
// Both talk to arXiv politely (one request at a time, ≥ 3 s apart) and need PAPERBOY_CONTACT_EMAIL.
// fetch exits 3 when some ids do not exist; harvest exits 0 also when there was nothing new.
import { z } from 'zod';
import { fetchPapers } from '../commands/fetch-papers.js';
import { harvest } from '../commands/harvest.js';
import type { Config } from '../config.js';
import { parseArxivReference } from '../domain/arxiv-id.js';
import { DayParam } from '../domain/period-params.js';
import { arxivClientFor, ContactEmailMissingError, type ArxivClient } from '../commands/arxiv-client.js';
import { openMigratedStore } from '../store/db.js';
import { EXIT, UsageError, parseFlags } from './args.js';

export const FETCH_USAGE = 'paperboy fetch <arxivId|arXiv URL…> [--dry-run]';
export const HARVEST_USAGE = 'paperboy harvest [--from YYYY-MM-DD] [--until YYYY-MM-DD] [--set cs] [--format arXiv|arXivRaw] [--dry-run]';

function client(config: Config): ArxivClient {
  try {
    return arxivClientFor(config, (e) => {
      if (e.outcome !== 'ok') process.stderr.write(`arXiv ${e.outcome}: ${e.url} (status ${e.status ?? '-'}${e.error ? `, ${e.error}` : ''})\n`);
    });
  } catch (err) {
    if (err instanceof ContactEmailMissingError) throw new UsageError(err.message);
    throw err;
  }
}

export async function runFetch(config: Config, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { 'dry-run': { type: 'boolean' } }, z.object({ 'dry-run': z.boolean().optional() }));
  if (positionals.length === 0) throw new UsageError(`usage: ${FETCH_USAGE}`);
  const ids = positionals.map((p) => {
    const parsed = parseArxivReference(p);
    if (!parsed) throw new UsageError(`not an arXiv id or URL: ${p}`);
    return parsed;
  });
  const arxiv = client(config);
  const store = await openMigratedStore(config.database);
  try {
    const summary = await fetchPapers(store, arxiv, ids, values['dry-run'] ?? false);
    for (const m of summary.missing) process.stderr.write(`not found ${m.id}: ${m.reason}\n`);
    process.stdout.write(`${JSON.stringify({ ...summary, dryRun: values['dry-run'] ?? false })}\n`);
    return summary.missing.length > 0 ? EXIT.skipped : EXIT.ok;
  } finally {
    await store.close();
  }
}

const HarvestFlags = z.object({
  from: DayParam.optional(),
  until: DayParam.optional(),
  set: z.string().regex(/^[a-z-]+(:[a-zA-Z-]+)*$/, 'set must look like cs or physics:hep-th').optional(),
  format: z.enum(['arXiv', 'arXivRaw']).optional(),
  'dry-run': z.boolean().optional(),
});

export async function runHarvest(config: Config, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    { from: { type: 'string' }, until: { type: 'string' }, set: { type: 'string' }, format: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    HarvestFlags,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}\nusage: ${HARVEST_USAGE}`);
  const arxiv = client(config);
  const store = await openMigratedStore(config.database);
  const sets = values.set ? [values.set] : config.arxiv.harvestSets.length > 0 ? config.arxiv.harvestSets : [undefined];
  let skipped = 0;
  try {
    for (const set of sets) {
      const summary = await harvest(store, arxiv, {
        format: values.format ?? config.arxiv.harvestFormat,
        set,
        from: values.from,
        until: values.until,
        dryRun: values['dry-run'] ?? false,
        log: (m) => process.stderr.write(`${m}\n`),
      });
      for (const s of summary.skipped) process.stderr.write(`skipped record ${s.identifier ?? '(no identifier)'}: ${s.reason}\n`);
      skipped += summary.skipped.length;
      const { skipped: list, ...counts } = summary;
      process.stdout.write(`${JSON.stringify({ ...counts, skipped: list.length, dryRun: values['dry-run'] ?? false })}\n`);
    }
    return skipped > 0 ? EXIT.skipped : EXIT.ok;
  } finally {
    await store.close();
  }
}
