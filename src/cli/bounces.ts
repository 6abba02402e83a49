// `paperboy bounces ingest <file.eml>…`: counts bounce reports saved as files (from a mailbox the
// bounce domain delivers to, when the SMTP role is not used). Run by hand or from a cron job; a file
// ingested twice counts once. One line per recipient on stdout; skips on stderr with the file.
// Exit 0 every file was a report and every bounce in it was counted (or counted before), 1 failed,
// 2 bad usage or an unreadable file, 3 done but some input was skipped (not a report, or a
// recipient that matches no subscription or carries no proof).
import fs from 'node:fs';
import { z } from 'zod';
import { ingestBounceReport, type RecipientResult } from '../commands/subscriptions/ingest-bounce.js';
import type { Config } from '../config.js';
import { openMigratedStore } from '../store/db.js';
import { EXIT, UsageError, parseFlags } from './args.js';

export const BOUNCES_USAGE = 'paperboy bounces ingest <file.eml>…';

function line(file: string, r: RecipientResult): string {
  const what = `${r.kind ?? 'no bounce'}${r.status === null ? '' : ` ${r.status}`} ${r.recipient ?? '(no recipient)'}`;
  const sub = r.subscriptionId === null ? '' : ` -> subscription ${r.subscriptionId}`;
  return `${file}: ${what}${sub}: ${r.outcome.replace(/_/g, ' ')}${r.suspended ? ' (suspended)' : ''}`;
}

export async function runBounces(config: Config, argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub !== 'ingest') throw new UsageError(`unknown bounces command: ${sub ?? '(none)'}\nusage: ${BOUNCES_USAGE}`);
  const { positionals: files } = parseFlags(rest, {}, z.object({}));
  if (files.length === 0) throw new UsageError(`expected at least one .eml file\nusage: ${BOUNCES_USAGE}`);
  const contents = files.map((file) => {
    try {
      return { file, raw: fs.readFileSync(file) };
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${err instanceof Error && 'code' in err ? String(err.code) : String(err)}`);
    }
  });
  const store = await openMigratedStore(config.database);
  let skipped = 0;
  try {
    for (const { file, raw } of contents) {
      const outcome = await ingestBounceReport(store.db, raw, { bounceAddress: config.mail.bounce.address, now: new Date() });
      if (outcome.kind === 'not_a_report') {
        skipped += 1;
        process.stderr.write(`${file}: skipped: not a delivery status report\n`);
        continue;
      }
      for (const r of outcome.results) {
        const text = line(file, r);
        if (r.outcome === 'unknown_recipient' || r.outcome === 'unproven') {
          skipped += 1;
          process.stderr.write(`${text}: skipped\n`);
        } else {
          process.stdout.write(`${text}\n`);
        }
      }
    }
  } finally {
    await store.close();
  }
  return skipped > 0 ? EXIT.skipped : EXIT.ok;
}
