// `paperboy digest send|preview`: digests by hand (the schedule sends them by itself, see
// jobs/tasks/digest.ts).
//   send --period daily|weekly [--date YYYY-MM-DD] [--dry-run] [--to <email>]
//     Without --date each subscriber gets their last complete period (in their time zone),
//     whatever their send hour; with --date everyone gets the period containing that day.
//     Already-sent digests are skipped (the send log), so running it twice sends nothing new.
//     --dry-run claims, sends and logs nothing; with --to it also prints that digest's text part.
//   preview [--period daily|weekly] [--date YYYY-MM-DD] [--format text|html]
//     Prints the unfiltered digest; an empty period falls back to the latest papers (and says so).
// Exit codes: 0 done (nothing new included), 1 failed (the relay refused the run; --to names no
// active subscription), 2 bad usage or configuration, 3 done but some subscribers were skipped
// (bounced, deferred, or left to a concurrent run), each reported on stderr.
import { z } from 'zod';
import { digestPreview } from '../commands/digest-preview.js';
import { describeTally, digestMailer, digestSite, sendDigests } from '../commands/send-digests.js';
import type { Config } from '../config.js';
import { DIGEST_FREQUENCIES } from '../domain/digest-period.js';
import { DayParam } from '../domain/period-params.js';
import { openMigratedStore } from '../store/db.js';
import { EXIT, UsageError, parseFlags } from './args.js';

export const DIGEST_USAGE = `paperboy digest send --period daily|weekly [--date YYYY-MM-DD] [--dry-run] [--to <email>]
  paperboy digest preview [--period daily|weekly] [--date YYYY-MM-DD] [--format text|html]`;

const Period = z.enum(DIGEST_FREQUENCIES, { message: 'must be daily or weekly' });

const SendFlags = z.object({
  period: Period,
  date: DayParam.optional(),
  'dry-run': z.boolean().default(false),
  to: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'must be an e-mail address').optional(),
});

const PreviewFlags = z.object({
  period: Period.default('daily'),
  date: DayParam.optional(),
  format: z.enum(['text', 'html'], { message: 'must be text or html' }).default('text'),
});

const log = (line: string) => process.stderr.write(`${line}\n`);

async function send(config: Config, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    { period: { type: 'string' }, date: { type: 'string' }, 'dry-run': { type: 'boolean' }, to: { type: 'string' } },
    SendFlags,
  );
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}\nusage: ${DIGEST_USAGE}`);
  const dryRun = values['dry-run'];
  const store = await openMigratedStore(config.database);
  const mailer = digestMailer(config);
  try {
    const summary = await sendDigests(store, mailer, digestSite(config), {
      frequencies: [values.period],
      mode: values.date === undefined ? { kind: 'latest' } : { kind: 'period', date: values.date },
      dryRun,
      to: values.to ?? null,
      now: () => new Date(),
      log,
      ...(dryRun && values.to !== undefined ? { onDryRunMail: (text: string) => process.stdout.write(`${text}\n`) } : {}),
    });
    if (summary.noSuchRecipient) {
      log(`no active ${values.period} subscription has the address ${values.to ?? ''}`);
      return EXIT.failed;
    }
    if (summary.periods.length === 0) process.stdout.write(`no active ${values.period} subscriptions: nothing to send\n`);
    for (const t of summary.periods) process.stdout.write(`${describeTally(t, dryRun)}${dryRun ? ' (dry run)' : ''}\n`);
    for (const s of summary.skipped) log(`skipped ${s.email} (${s.periodKey}): ${s.reason}`);
    if (summary.aborted !== null) {
      log(`stopped: ${summary.aborted}; run again to send the rest`);
      return EXIT.failed;
    }
    return summary.skipped.length > 0 ? EXIT.skipped : EXIT.ok;
  } finally {
    await mailer.close();
    await store.close();
  }
}

async function preview(config: Config, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { period: { type: 'string' }, date: { type: 'string' }, format: { type: 'string' } }, PreviewFlags);
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}\nusage: ${DIGEST_USAGE}`);
  const store = await openMigratedStore(config.database);
  try {
    const p = await digestPreview(store, digestSite(config), values.period, values.date ?? null, new Date());
    if (p.edition.fellBackTo !== null) log(`nothing new in ${p.edition.period.key}; showing ${p.edition.fellBackTo.key} instead`);
    process.stdout.write(values.format === 'html' ? p.rendered.html : `Subject: ${p.rendered.subject}\n\n${p.rendered.text}`);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

export async function runDigest(config: Config, argv: readonly string[]): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'send') return send(config, rest);
  if (sub === 'preview') return preview(config, rest);
  throw new UsageError(`unknown digest command: ${sub ?? '(none)'}\nusage: ${DIGEST_USAGE}`);
}
