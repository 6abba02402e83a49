// Use-case: harvest arXiv over OAI-PMH (ListRecords, arXiv or arXivRaw format, optional set and
// from/until window), following resumption tokens to the end of the window.
//
// Crash safety: each page's records and the cursor pointing past them commit together, so a
// harvest killed at any point resumes from its last committed page and ends with exactly the
// catalog an uninterrupted run makes (upserts are idempotent, so a re-fetched page changes nothing).
// OAI errors by meaning: noRecordsMatch = a successful empty window; badResumptionToken = start the
// window again from the last committed datestamp; a token repeated by the server ends the window.
import type { PaperRecord } from '../domain/paper.js';
import { addDays, dayOf, type Day } from '../domain/period.js';
import type { ArxivClient } from '../ingest/arxiv-client.js';
import type { MetadataPrefix, SkippedRecord } from '../ingest/oai-pmh.js';
import type { Store } from '../store/db.js';
import { commitHarvestPage, loadCursor, type HarvestCursor } from '../store/harvest-cursors.js';

/** Restarts after badResumptionToken before the harvest gives up (a server that keeps expiring tokens). */
export const MAX_WINDOW_RESTARTS = 3;

export interface HarvestOptions {
  readonly format: MetadataPrefix;
  readonly set?: string;
  /** First datestamp to harvest; default: where the last harvest of this format and set ended, else yesterday. */
  readonly from?: Day;
  readonly until?: Day;
  readonly dryRun?: boolean;
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
}

export interface HarvestSummary {
  key: string;
  from: string;
  pages: number;
  records: number;
  deleted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: SkippedRecord[];
  restarts: number;
  resumed: boolean;
  outcome: 'complete' | 'no-records' | 'repeated-token';
}

export function harvestKey(format: MetadataPrefix, set: string | undefined): string {
  return `oai:${format}:${set ?? 'all'}`;
}

function maxDay(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

export async function harvest(store: Store, client: ArxivClient, options: HarvestOptions): Promise<HarvestSummary> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const key = harvestKey(options.format, options.set);
  const stored = await loadCursor(store, key);
  // An unfinished window resumes from its token unless the caller asked for a specific window.
  const resume = stored !== null && stored.completedAt === null && stored.token !== null && options.from === undefined;
  let cursor: HarvestCursor = resume
    ? stored
    : {
        key,
        windowFrom: options.from ?? stored?.lastDatestamp ?? stored?.windowFrom ?? addDays(dayOf(now()), -1),
        windowUntil: options.until ?? null,
        token: null,
        lastDatestamp: stored?.lastDatestamp ?? null,
        pages: 0,
        records: 0,
        completedAt: null,
      };
  const summary: HarvestSummary = {
    key,
    from: cursor.windowFrom,
    pages: 0,
    records: 0,
    deleted: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: [],
    restarts: 0,
    resumed: resume,
    outcome: 'complete',
  };
  log(resume ? `resuming ${key} at token ${cursor.token}` : `harvesting ${key} from ${cursor.windowFrom}${cursor.windowUntil ? ` until ${cursor.windowUntil}` : ''}`);

  for (;;) {
    const page = await client.listRecords(
      cursor.token !== null
        ? { token: cursor.token }
        : { format: options.format, from: cursor.windowFrom, until: cursor.windowUntil ?? undefined, set: options.set },
    );
    if (page.kind === 'error') {
      if (page.code === 'noRecordsMatch') {
        summary.outcome = summary.pages === 0 ? 'no-records' : 'complete';
        cursor = { ...cursor, token: null, completedAt: now().toISOString() };
        if (!options.dryRun) await commitHarvestPage(store, [], cursor, now());
        return summary;
      }
      if (page.code === 'badResumptionToken' && cursor.token !== null && summary.restarts < MAX_WINDOW_RESTARTS) {
        summary.restarts += 1;
        const from = cursor.lastDatestamp ?? cursor.windowFrom;
        log(`resumption token rejected (${page.message}); restarting the window from ${from}`);
        cursor = { ...cursor, token: null, windowFrom: from };
        if (!options.dryRun) await commitHarvestPage(store, [], cursor, now());
        continue;
      }
      throw new Error(`OAI-PMH error ${page.code}: ${page.message}`);
    }

    const papers: PaperRecord[] = [];
    let newest: string | null = null;
    for (const record of page.records) {
      newest = maxDay(newest, record.datestamp);
      if (record.paper) papers.push(record.paper);
      else summary.deleted += 1;
    }
    summary.skipped.push(...page.skipped);
    const next = page.resumptionToken?.token ?? null;
    const repeated = next !== null && next === cursor.token;
    const done = next === null || repeated;
    cursor = {
      ...cursor,
      token: done ? null : next,
      lastDatestamp: maxDay(cursor.lastDatestamp, newest),
      pages: cursor.pages + 1,
      records: cursor.records + page.records.length,
      completedAt: done ? now().toISOString() : null,
    };
    if (!options.dryRun) {
      const counts = await commitHarvestPage(store, papers, cursor, now());
      summary.inserted += counts.inserted;
      summary.updated += counts.updated;
      summary.unchanged += counts.unchanged;
    }
    summary.pages += 1;
    summary.records += page.records.length;
    const size = page.resumptionToken?.completeListSize;
    log(`page ${summary.pages}: ${page.records.length} records${size ? ` (${summary.records} of ${size})` : ''}`);
    if (repeated) {
      log(`the server repeated resumption token ${next}; ending this window`);
      summary.outcome = 'repeated-token';
    }
    if (done) return summary;
  }
}
