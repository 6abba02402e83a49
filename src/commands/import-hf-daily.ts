// Use-case: import Hugging Face daily-papers JSON into the catalog. Each featured day is written in
// its own transaction, so an interrupted import keeps whole days and a re-run completes it.
import type { Day } from '../domain/period.js';
import { listInputFiles, readHfDailyFile, type Skip } from '../ingest/hf-daily.js';
import type { Store } from '../store/db.js';
import { upsertDailyBatch } from '../store/papers-write.js';

export interface ImportSummary {
  files: number;
  days: number;
  items: number;
  inserted: number;
  updated: number;
  unchanged: number;
  newEntries: number;
  skips: Skip[];
}

export interface ImportOptions {
  readonly date?: Day;
  readonly dryRun?: boolean;
  readonly onProgress?: (p: { file: string; fileIndex: number; files: number; read: number; total: number }) => void;
}

export async function importHfDaily(store: Store, target: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const files = listInputFiles(target);
  const summary: ImportSummary = { files: files.length, days: 0, items: 0, inserted: 0, updated: 0, unchanged: 0, newEntries: 0, skips: [] };
  for (const [fileIndex, file] of files.entries()) {
    const onBytes = (read: number, total: number) =>
      options.onProgress?.({ file, fileIndex, files: files.length, read, total });
    for await (const batch of readHfDailyFile(file, { date: options.date, onBytes }, summary.skips)) {
      summary.days += 1;
      summary.items += batch.papers.length;
      if (options.dryRun || batch.papers.length === 0) continue;
      const counts = await upsertDailyBatch(store.db, batch.papers, batch.entries);
      summary.inserted += counts.inserted;
      summary.updated += counts.updated;
      summary.unchanged += counts.unchanged;
      summary.newEntries += counts.newEntries;
    }
  }
  return summary;
}
