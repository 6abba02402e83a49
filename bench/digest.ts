// Digest benchmark: a daily digest to BENCH_SUBSCRIBERS (default 10,000) confirmed subscribers,
// end to end through SMTP.
//
// What it measures: a fresh SQLite data dir in a temp folder gets the bundled papers (the latest
// day's papers are given arXiv categories, as harvested papers have) and BENCH_SUBSCRIBERS
// subscriptions made and confirmed through the store (store/subscriptions.ts), with a mix of
// filters: 50% none, 20% categories, 20% keywords, 10% both. Then the real command
// `paperboy digest send --period daily --date <latest day>` runs as a child process (from dist/)
// against a real SMTP server on loopback in this process (test/support/smtp-sink.ts, not parsing),
// with the relay limit lifted (PAPERBOY_SMTP_MAX_PER_SECOND=10000) and the default pool of 5
// connections. Every mail is rendered, claimed in the send log, transmitted and marked sent.
// Reported: mails/s over the sending run (the command's own timer) and over the whole child
// process (start-up included), total time, and the child's peak RSS (VmHWM, read from /proc while
// it runs), and the CPU time it used per mail (from /proc too), which does not depend on what else
// the machine is doing. Sender and SMTP server share the machine.
//
// Target (issue 6): >= 200 mails/s end to end, peak RSS <= 400 MB, on 2 cores.
//
// Run:  npm run bench:digest                (builds first)
//       BENCH_SUBSCRIBERS=2000 npm run bench:digest
//       BENCH_CPU_PROF=/tmp/prof npm run bench:digest   (writes the command's V8 CPU profile there)
// Output: a summary on stdout and one JSON line; progress on stderr. Exit code 1 when the command
// fails or the mails received differ from the mails it says it sent; a missed target is reported
// but does not fail the run.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCatalog } from '../src/commands/ensure-catalog.js';
import { emailKey } from '../src/domain/account.js';
import { DEFAULT_PREFERENCES, type SubscriptionPreferences } from '../src/domain/subscription.js';
import { entriesBetween, latestDay } from '../src/store/daily-read.js';
import { openMigratedStore } from '../src/store/db.js';
import { loadPapers } from '../src/store/papers-read.js';
import { upsertPapers } from '../src/store/papers-write.js';
import { confirmSubscription, requestSubscription } from '../src/store/subscriptions.js';
import { startSmtpSink } from '../test/support/smtp-sink.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(ROOT, 'data-bundled', 'hf-daily-papers.jsonl.gz');
const CLI = path.join(ROOT, 'bin', 'paperboy.js');
const SUBSCRIBERS = positiveInt('BENCH_SUBSCRIBERS', 10_000);
const TARGET = { minMailsPerSec: 200, maxRssMb: 400 } as const;
/** How often the child's peak RSS is read from /proc (ms). */
const RSS_POLL_MS = 50;

/** Categories given to the digest day's papers, round robin, and the filters subscribers pick from. */
const CATEGORIES = ['cs.CL', 'cs.CV', 'cs.LG', 'cs.AI', 'stat.ML'];
const CATEGORY_FILTERS = [['cs.CL'], ['cs'], ['cs.CV', 'cs.LG'], ['stat.ML']];
const KEYWORD_FILTERS = [['language model'], ['diffusion'], ['agent', 'agents'], ['video'], ['reinforcement learning']];

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (Number.isInteger(n) && n > 0) return n;
  process.stderr.write(`bench:digest: ${name} must be a positive integer, got "${raw}"\n`);
  process.exit(2);
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function filterFor(i: number): Partial<SubscriptionPreferences> {
  const slot = i % 10;
  const categories = CATEGORY_FILTERS[i % CATEGORY_FILTERS.length] ?? [];
  const keywords = KEYWORD_FILTERS[i % KEYWORD_FILTERS.length] ?? [];
  if (slot < 5) return {};
  if (slot < 7) return { categories };
  if (slot < 9) return { keywords };
  return { categories, keywords };
}

/** Linux reports process CPU time in clock ticks of USER_HZ, 100 per second on every mainstream build. */
const USER_HZ = 100;

/** User + system CPU seconds of a running process (from /proc/<pid>/stat), or null once it is gone. */
function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
  } catch {
    return null;
  }
}

function peakRssKb(pid: number): number | null {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

async function seed(dataDir: string): Promise<string> {
  const store = await openMigratedStore({ kind: 'sqlite', file: path.join(dataDir, 'paperboy.sqlite') });
  try {
    let started = Date.now();
    await ensureCatalog(store, BUNDLE);
    const day = await latestDay(store.db);
    if (day === null) throw new Error('the bundle loaded no papers');
    const ids = [...new Set((await entriesBetween(store.db, day, day)).map((e) => e.paperId))].sort();
    const papers = await loadPapers(store.db, ids);
    await upsertPapers(
      store.db,
      ids.flatMap((id, i) => {
        const p = papers.get(id);
        return p ? [{ id: p.id, title: p.title, abstract: p.abstract, categories: [CATEGORIES[i % CATEGORIES.length] ?? 'cs.LG'] }] : [];
      }),
    );
    log(`catalog: bundled papers loaded, ${ids.length} papers on ${day} given categories (${((Date.now() - started) / 1000).toFixed(1)} s)`);

    started = Date.now();
    const now = new Date().toISOString();
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const email = `reader${i}@bench.example.org`;
      const hash = createHash('sha256').update(`confirm${i}`).digest('hex');
      await requestSubscription(store.db, {
        email,
        emailKey: emailKey(email),
        userId: null,
        preferences: { ...DEFAULT_PREFERENCES, ...filterFor(i) },
        unsubscribeToken: randomBytes(24).toString('base64url'),
        confirmTokenHash: hash,
        confirmExpiresAt: '2999-01-01T00:00:00.000Z',
        now,
      });
      if ((await confirmSubscription(store.db, hash, now)) === undefined) throw new Error(`could not confirm ${email}`);
    }
    log(`subscribers: ${SUBSCRIBERS} made and confirmed through the store (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return day;
  } finally {
    await store.close();
  }
}

async function main(): Promise<number> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'paperboy-bench-digest-'));
  const sink = await startSmtpSink({ parse: false });
  try {
    const day = await seed(dataDir);
    const started = process.hrtime.bigint();
    const prof = process.env.BENCH_CPU_PROF;
    const child = spawn(process.execPath, [...(prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : []), CLI, 'digest', 'send', '--period', 'daily', '--date', day], {
      env: {
        PATH: process.env.PATH ?? '',
        PAPERBOY_DATA_DIR: dataDir,
        PAPERBOY_LOG_LEVEL: 'silent',
        PAPERBOY_BASE_URL: 'https://paperboy.example.org',
        PAPERBOY_MAIL_FROM: 'Paperboy <paperboy@paperboy.example.org>',
        PAPERBOY_SMTP_URL: sink.url,
        PAPERBOY_SMTP_MAX_PER_SECOND: '10000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let peakKb = 0;
    let cpuS = 0;
    const poll = setInterval(() => {
      const kb = child.pid === undefined ? null : peakRssKb(child.pid);
      if (kb !== null) peakKb = Math.max(peakKb, kb);
      const cpu = child.pid === undefined ? null : cpuSeconds(child.pid);
      if (cpu !== null) cpuS = Math.max(cpuS, cpu);
    }, RSS_POLL_MS);
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    clearInterval(poll);
    const totalS = Number(process.hrtime.bigint() - started) / 1e9;
    if (code !== 0) {
      process.stderr.write(stderr);
      log(`the command exited with ${code}`);
      return 1;
    }
    const tally = /^daily:\S+: (\d+) sent, (\d+) nothing new \(no mail\), (\d+) already done/m.exec(stdout);
    const runS = /digests: \d+ sent to \d+ active subscription\(s\) in ([\d.]+) s/.exec(stderr);
    const sent = Number(tally?.[1] ?? NaN);
    const empty = Number(tally?.[2] ?? NaN);
    if (!Number.isFinite(sent) || sent !== sink.count) {
      log(`the command says ${sent} sent, the SMTP server received ${sink.count}`);
      return 1;
    }
    const sendS = Number(runS?.[1] ?? totalS);
    const summary = {
      subscribers: SUBSCRIBERS,
      mails: sent,
      nothingNew: empty,
      sendSeconds: Number(sendS.toFixed(2)),
      totalSeconds: Number(totalS.toFixed(2)),
      mailsPerSecond: Math.round(sent / sendS),
      mailsPerSecondWithStartup: Math.round(sent / totalS),
      peakRssMb: Math.round(peakKb / 1024),
      /** CPU the command used (start-up included), per mail: what the figure would be without other load. */
      cpuMsPerMail: Number(((cpuS * 1000) / sent).toFixed(2)),
      loadAverage: Number(os.loadavg()[0]?.toFixed(1)),
      cpus: os.cpus().length,
    };
    const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
    process.stdout.write(
      [
        `digest bench: ${SUBSCRIBERS} subscribers, ${sent} mails sent through SMTP on loopback, ${empty} with nothing new (no mail)`,
        `  sending run:   ${summary.sendSeconds} s, ${summary.mailsPerSecond} mails/s (target >= ${TARGET.minMailsPerSec}: ${ok(summary.mailsPerSecond >= TARGET.minMailsPerSec)})`,
        `  whole command: ${summary.totalSeconds} s with start-up, ${summary.mailsPerSecondWithStartup} mails/s`,
        `  peak RSS:      ${summary.peakRssMb} MB (target <= ${TARGET.maxRssMb}: ${ok(summary.peakRssMb <= TARGET.maxRssMb)})`,
        `  CPU:           ${summary.cpuMsPerMail} ms of the command's CPU per mail, start-up included (${Math.round(1000 / summary.cpuMsPerMail)} mails per CPU-second)`,
        `  machine:       ${summary.cpus} CPUs, shared with the SMTP server and whatever else runs (load average ${summary.loadAverage})`,
        '',
      ].join('\n'),
    );
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  } finally {
    await sink.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench:digest: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
