// Use-case: send digests (issue 6). Run by the schedule (jobs/tasks/digest.ts, mode 'due') and by
// `paperboy digest send` (modes 'latest' and 'period'). For each active subscription it works out
// the period to send, and for each one not yet in the send log:
//   claim the log row → render → hand the mail to the relay → mark it sent.
// The claim is what makes runs idempotent: a second run (or a concurrent one) finds the row and
// skips it. A run killed with -9 leaves at most the mails it had in flight as 'claimed'; the next
// run takes those claims over (the claimer's process is gone, or its lease is over) and sends them
// again with the same Message-ID, so the only possible repeats are those, and receivers can tell.
// A period with nothing for the subscriber is logged as 'empty' and sends nothing. Nothing is ever
// sent to a subscription that is not active: the claim itself checks the status.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Config } from '../config.js';
import { emailKey } from '../domain/account.js';
import { prepareFilter } from '../domain/digest-filter.js';
import { digestMessageId } from '../domain/digest-message-id.js';
import { digestPeriodOf, dueDigestPeriod, lastCompletePeriod, type DigestFrequency, type DigestPeriod } from '../domain/digest-period.js';
import type { Day } from '../domain/period.js';
import { listUnsubscribeHeaders, manageSubscriptionUrl, unsubscribeUrl } from '../domain/subscription-links.js';
import { verpReturnPath } from '../domain/verp.js';
import { MailServerError, PermanentRecipientError, TransientRecipientError } from '../email/delivery-errors.js';
import { renderDigest } from '../email/digest-render.js';
import type { Mailer, OutgoingMail } from '../email/mailer.js';
import { mailerFromConfig } from '../email/mailer-from-config.js';
import type { Store } from '../store/db.js';
import { claimDigestSend, claimNewDigestSends, finishDigestSend, finishedSends, releaseClaims, type ClaimedRow } from '../store/digest-sends.js';
import { listActiveSubscriptions, subscriptionByEmailKey, type Subscription } from '../store/subscriptions.js';
import { digestMail, loadEdition, selectPapers, topSection, type DigestEdition } from './digest-content.js';
import { recordSendFailure } from './subscriptions/record-bounce.js';

/** A claim older than this (ms) may be taken over by any run: far above one mail's worst case (~3 min of SMTP timeouts). */
export const DIGEST_CLAIM_LEASE_MS = 15 * 60_000;
/** Mails handed to the mailer at once: enough to keep the SMTP pool's connections busy. */
export const DIGEST_SEND_CONCURRENCY = 16;
/** New sends claimed per statement, ahead of the workers. */
const CLAIM_BATCH = 64;
/** Subscriptions read per page (ids in order). */
const SUBSCRIPTION_PAGE = 500;
/** Relay failures in a row (not bounces) after which a run stops: the relay is down, retrying each mail only delays. */
const MAX_RELAY_FAILURES_IN_A_ROW = 20;

export type DigestRunMode =
  /** The schedule: each subscriber's period, once their local send hour (and weekday) has come. */
  | { readonly kind: 'due' }
  /** Each subscriber's last complete period now, whatever the hour (`digest send` without --date). */
  | { readonly kind: 'latest' }
  /** The period containing this featured day, for everyone (`digest send --date`). */
  | { readonly kind: 'period'; readonly date: Day };

export interface DigestSite {
  readonly baseUrl: URL;
  /** Shown in subjects and the header, e.g. "Paperboy". */
  readonly siteName: string;
  /** Base of the VERP return paths (config.mail.bounce.address). */
  readonly bounceAddress: string;
  /** config.newAccountHours. */
  readonly newAccountHours: number;
}

/** The name in subjects, headers and footers (as in the account mails). */
export const SITE_NAME = 'Paperboy';

export function digestSite(config: Config): DigestSite {
  return { baseUrl: config.baseUrl, siteName: SITE_NAME, bounceAddress: config.mail.bounce.address, newAccountHours: config.newAccountHours };
}

/** The mail transport of a digest run: SMTP when configured, the outbox folder otherwise; close it after the run. */
export function digestMailer(config: Config): Mailer {
  return mailerFromConfig(config);
}

export interface SendDigestsOptions {
  readonly frequencies: readonly DigestFrequency[];
  readonly mode: DigestRunMode;
  /** Work out and report what would be sent; claim, send and log nothing. */
  readonly dryRun: boolean;
  /** Only the subscription of this address. */
  readonly to: string | null;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  /** Dry run: receives each digest that would be sent, as "Subject: …" and the text part. */
  readonly onDryRunMail?: (text: string) => void;
}

export interface PeriodTally {
  readonly periodKey: string;
  sent: number;
  /** Nothing new after the subscriber's filters: logged, no mail. */
  empty: number;
  /** Already in the send log (an earlier run). */
  already: number;
  bounced: number;
  deferred: number;
  /** Claimed by another run that is still going. */
  busy: number;
  /** Became inactive between listing and claiming. */
  inactive: number;
  /** Dry run: mails that would go out. */
  wouldSend: number;
}

export interface Skip {
  readonly email: string;
  readonly periodKey: string;
  readonly reason: string;
}

export interface DigestRunSummary {
  readonly periods: readonly PeriodTally[];
  /** Active subscriptions of the asked frequencies looked at. */
  readonly considered: number;
  /** Of those, not due yet (mode 'due'). */
  readonly notDue: number;
  /** Each subscriber skipped by this run, with why (bounced, deferred, busy). */
  readonly skipped: readonly Skip[];
  /** Why the run stopped early (relay refusing us), or null. */
  readonly aborted: string | null;
  /** `to` named no active subscription of the asked frequencies. */
  readonly noSuchRecipient: boolean;
}

// Runs of this process that are going on: a claim of one of them is never taken over.
const activeRunners = new Set<string>();

function newRunner(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A claim may be taken over when its lease is over, or its runner was a process of this host that is gone. */
export function claimIsStale(row: ClaimedRow, now: Date): boolean {
  if (row.claimedBy === null || row.claimedUntil === null || row.claimedUntil < now.toISOString()) return true;
  const [host, pidText] = row.claimedBy.split(':');
  const pid = Number(pidText);
  if (host !== os.hostname() || !Number.isSafeInteger(pid) || pid <= 0) return false;
  return pid === process.pid ? !activeRunners.has(row.claimedBy) : !processAlive(pid);
}

function periodFor(sub: Subscription, mode: DigestRunMode, now: Date): DigestPeriod | null {
  const p = sub.preferences;
  switch (mode.kind) {
    case 'due':
      return dueDigestPeriod(p.frequency, now, p.timeZone, p.sendHour, p.sendWeekday);
    case 'latest':
      return lastCompletePeriod(p.frequency, now, p.timeZone);
    case 'period':
      return digestPeriodOf(p.frequency, mode.date);
  }
}

export function digestOutgoingMail(sub: Subscription, edition: DigestEdition, messageId: string, site: DigestSite): { mail: OutgoingMail; papers: number } {
  const papers = selectPapers(edition, prepareFilter(sub.preferences));
  const token = sub.unsubscribeToken;
  const links = { manageUrl: manageSubscriptionUrl(site.baseUrl, token).href, unsubscribeUrl: unsubscribeUrl(site.baseUrl, token).href };
  const rendered = renderDigest(digestMail(edition, [topSection(papers, edition.period.frequency)], sub.preferences, links, site.siteName, site.baseUrl));
  const mail: OutgoingMail = {
    to: sub.email,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId,
    headers: {
      ...listUnsubscribeHeaders(site.baseUrl, token),
      'List-Id': `${site.siteName} digest <digest.${site.baseUrl.hostname}>`,
      // RFC 3834: no vacation auto-replies to a digest.
      'Auto-Submitted': 'auto-generated',
    },
    returnPath: verpReturnPath(site.bounceAddress, { id: sub.id, unsubscribeToken: token }),
  };
  return { mail, papers: papers.length };
}

export async function sendDigests(store: Store, mailer: Mailer, site: DigestSite, options: SendDigestsOptions): Promise<DigestRunSummary> {
  const runner = newRunner();
  activeRunners.add(runner);
  try {
    return await run(store, mailer, site, options, runner);
  } finally {
    activeRunners.delete(runner);
  }
}

async function run(store: Store, mailer: Mailer, site: DigestSite, options: SendDigestsOptions, runner: string): Promise<DigestRunSummary> {
  const started = options.now();
  const tallies = new Map<string, PeriodTally>();
  const tally = (key: string) => {
    let t = tallies.get(key);
    if (t === undefined) {
      t = { periodKey: key, sent: 0, empty: 0, already: 0, bounced: 0, deferred: 0, busy: 0, inactive: 0, wouldSend: 0 };
      tallies.set(key, t);
    }
    return t;
  };
  const editions = new Map<string, Promise<DigestEdition>>();
  const editionFor = (period: DigestPeriod) => {
    let e = editions.get(period.key);
    if (e === undefined) {
      e = loadEdition(store, period, { newAccountHours: site.newAccountHours, baseUrl: site.baseUrl });
      editions.set(period.key, e);
    }
    return e;
  };
  const skipped: Skip[] = [];
  let considered = 0;
  let notDue = 0;
  let aborted: string | null = null;
  let relayFailures = 0;

  type Claimed = { readonly kind: 'claimed'; readonly id: number; readonly messageId: string };
  const leaseUntil = () => new Date(options.now().getTime() + DIGEST_CLAIM_LEASE_MS).toISOString();

  /** One subscriber's digest; `pre` is its claim from a batch, or null to claim it here. */
  async function handle(sub: Subscription, period: DigestPeriod, pre: Claimed | null): Promise<void> {
    const t = tally(period.key);
    const edition = await editionFor(period);
    const messageId = digestMessageId(sub.id, emailKey(sub.email), period.key, site.baseUrl.hostname);
    if (options.dryRun) {
      const { mail, papers } = digestOutgoingMail(sub, edition, messageId, site);
      if (papers === 0) {
        t.empty += 1;
        return;
      }
      t.wouldSend += 1;
      options.onDryRunMail?.(`To: ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}`);
      return;
    }
    const claim =
      pre ??
      (await claimDigestSend(
        store.db,
        { subscriptionId: sub.id, periodKey: period.key, messageId, runner, leaseUntil: leaseUntil(), now: options.now().toISOString() },
        (row) => claimIsStale(row, options.now()),
      ));
    if (claim.kind === 'done') {
      t.already += 1;
      return;
    }
    if (claim.kind === 'inactive') {
      t.inactive += 1;
      return;
    }
    if (claim.kind === 'busy') {
      t.busy += 1;
      skipped.push({ email: sub.email, periodKey: period.key, reason: `being sent by another run (${claim.claimedBy ?? 'unknown'})` });
      return;
    }
    const { mail, papers } = digestOutgoingMail(sub, edition, claim.messageId, site);
    const finish = (status: 'sent' | 'empty' | 'bounced' | 'deferred', error: string | null = null) =>
      finishDigestSend(store.db, claim.id, runner, { status, papers, error, now: options.now().toISOString() });
    if (papers === 0) {
      await finish('empty');
      t.empty += 1;
      return;
    }
    try {
      await mailer.send(mail);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof PermanentRecipientError || err instanceof TransientRecipientError) {
        relayFailures = 0;
        await recordSendFailure(store.db, sub.id, err, claim.messageId, options.now());
        const hard = err instanceof PermanentRecipientError;
        await finish(hard ? 'bounced' : 'deferred', message);
        if (hard) t.bounced += 1;
        else t.deferred += 1;
        skipped.push({ email: sub.email, periodKey: period.key, reason: `${hard ? 'bounced' : 'deferred'}: ${err.response ?? message}` });
        return;
      }
      await finish('deferred', message);
      t.deferred += 1;
      skipped.push({ email: sub.email, periodKey: period.key, reason: `deferred: ${message}` });
      relayFailures += 1;
      if (err instanceof MailServerError && !err.transient) aborted ??= `the relay refused the run: ${message}`;
      else if (relayFailures >= MAX_RELAY_FAILURES_IN_A_ROW) aborted ??= `${relayFailures} mails in a row failed; last: ${message}`;
      return;
    }
    relayFailures = 0;
    await finish('sent');
    t.sent += 1;
  }

  /**
   * Sends with DIGEST_SEND_CONCURRENCY workers. New sends are claimed CLAIM_BATCH at a time, just
   * before the workers need them (one statement instead of one per mail); a subscriber the batch
   * could not claim (a row exists already, or no longer active) is claimed on its own in handle().
   */
  async function handleAll(work: readonly { sub: Subscription; period: DigestPeriod }[]): Promise<void> {
    let next = 0;
    const ready: { sub: Subscription; period: DigestPeriod; pre: Claimed | null }[] = [];
    let claiming: Promise<void> | null = null;
    const claimMore = async () => {
      const batch = work.slice(next, next + CLAIM_BATCH);
      next += batch.length;
      const claimed = options.dryRun
        ? new Map<string, { id: number; messageId: string }>()
        : await claimNewDigestSends(
            store.db,
            batch.map((w) => ({ subscriptionId: w.sub.id, periodKey: w.period.key, messageId: digestMessageId(w.sub.id, emailKey(w.sub.email), w.period.key, site.baseUrl.hostname) })),
            runner,
            leaseUntil(),
            options.now().toISOString(),
          );
      for (const w of batch) {
        const c = claimed.get(`${w.sub.id}:${w.period.key}`);
        ready.push({ ...w, pre: c === undefined ? null : { kind: 'claimed', id: c.id, messageId: c.messageId } });
      }
    };
    const take = async () => {
      while (ready.length === 0 && next < work.length) {
        claiming ??= claimMore().finally(() => {
          claiming = null;
        });
        await claiming;
      }
      return ready.shift();
    };
    const worker = async () => {
      while (aborted === null) {
        const item = await take();
        if (item === undefined) break;
        await handle(item.sub, item.period, item.pre);
      }
    };
    await Promise.all(Array.from({ length: Math.min(DIGEST_SEND_CONCURRENCY, work.length) }, worker));
  }

  async function page(subs: readonly Subscription[]): Promise<void> {
    const now = options.now();
    const work: { sub: Subscription; period: DigestPeriod }[] = [];
    for (const sub of subs) {
      if (!options.frequencies.includes(sub.preferences.frequency)) continue;
      considered += 1;
      const period = periodFor(sub, options.mode, now);
      if (period === null) notDue += 1;
      else work.push({ sub, period });
    }
    const done = await finishedSends(store.db, work.map((w) => w.sub.id), work.map((w) => w.period.key));
    const todo = work.filter((w) => {
      if (!done.has(`${w.sub.id}:${w.period.key}`)) return true;
      tally(w.period.key).already += 1;
      return false;
    });
    await handleAll(todo);
  }

  let noSuchRecipient = false;
  if (options.to !== null) {
    const sub = await subscriptionByEmailKey(store.db, emailKey(options.to));
    if (sub === undefined || sub.status !== 'active' || !options.frequencies.includes(sub.preferences.frequency)) noSuchRecipient = true;
    else await page([sub]);
  } else {
    let afterId = 0;
    for (;;) {
      const p = await listActiveSubscriptions(store.db, { afterId, limit: SUBSCRIPTION_PAGE });
      await page(p.subscriptions);
      if (p.nextAfterId === null || aborted !== null) break;
      afterId = p.nextAfterId;
    }
  }
  // Claims this run made but did not send (it stopped early) go back for the next run at once.
  if (!options.dryRun) await releaseClaims(store.db, runner, options.now().toISOString());
  const periods = [...tallies.values()].sort((a, b) => a.periodKey.localeCompare(b.periodKey));
  const sent = periods.reduce((n, t) => n + t.sent, 0);
  options.log(`digests: ${sent} sent to ${considered} active subscription(s) in ${((options.now().getTime() - started.getTime()) / 1000).toFixed(1)} s`);
  return { periods, considered, notDue, skipped, aborted, noSuchRecipient };
}

/** One line per period for the CLI and the job log, e.g. "daily:2026-11-29: 12 sent, 3 nothing new (no mail)". */
export function describeTally(t: PeriodTally, dryRun: boolean): string {
  const parts = dryRun
    ? [`${t.wouldSend} would be sent`, `${t.empty} nothing new (no mail)`, `${t.already} already done`]
    : [
        `${t.sent} sent`,
        `${t.empty} nothing new (no mail)`,
        `${t.already} already done`,
        ...(t.bounced > 0 ? [`${t.bounced} bounced`] : []),
        ...(t.deferred > 0 ? [`${t.deferred} deferred`] : []),
        ...(t.busy > 0 ? [`${t.busy} left to another run`] : []),
        ...(t.inactive > 0 ? [`${t.inactive} no longer active`] : []),
      ];
  return `${t.periodKey}: ${parts.join(', ')}`;
}
