// Web benchmark: how many readers, anonymous and logged in, one Paperboy server answers over loopback.
//
// What it measures: the real server (`node bin/paperboy.js serve`, built from dist/) runs as a separate
// child process on a fresh SQLite data dir in a temp folder, loaded with the bundled papers. autocannon
// then loads, one after the other, (a) the daily page `/` and (b) the first paper page linked from `/`
// as anonymous readers (the page cache answers), then as logged-in readers (one confirmed account and
// session per connection, written through the store once the server is up; a request with a session
// cookie bypasses the page cache, so every one renders the page) (c) the daily page and (d) the
// per-reader request public/votes.js makes on it (/api/me/votes for the page's papers),
// each with 50 keep-alive connections for BENCH_SECONDS (default 10) after a 2 s warm-up, and reports
// mean requests/s, latency p50/p99, non-2xx responses, errors, timeouts and throughput. The load
// generator runs in this process on the same machine, so server and client share the CPUs; the
// target below is stated for that setup on 2 cores.
//
// Target: daily page >= 5,000 req/s with p99 <= 20 ms at 50 connections on 2 cores.
//
// Run:  npm run bench:web                      (builds first, then `tsx bench/web.ts`)
//       BENCH_SECONDS=30 npm run bench:web     (longer measurement per page)
//       BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npm run bench:web
//                                              (extra node flags for the server, e.g. to profile it)
// CPU columns (Linux): server, load generator (this process) and everything else on the machine
// during each run, in % of one core. A load generator near 100 % means the figures are bounded by the
// client, not the server; "other" well above 0 means something else was competing for the CPUs.
//
// Output: an aligned table on stdout, then one JSON line per measured page. Progress and server
// output go to stderr. Exit code 1 if the server fails to start or a run saw errors, timeouts or
// non-2xx responses (the figures are then not a valid measurement); a missed target is reported in
// the table and JSON but does not fail the run.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startSession } from '../src/commands/accounts/sessions.js';
import { emailKey } from '../src/domain/account.js';
import { openMigratedStore } from '../src/store/db.js';
import { insertAccount } from '../src/store/users.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONNECTIONS = 50;
const WARMUP_SECONDS = 2;
const MEASURE_SECONDS = positiveInt('BENCH_SECONDS', 10);
/** First start loads the bundled papers (~9 s on a small machine); allow generous slack. */
const STARTUP_TIMEOUT_MS = 180_000;
const POLL_INTERVAL_MS = 250;
/** Grace period for the server to exit on SIGTERM before it is killed outright. */
const SHUTDOWN_GRACE_MS = 5_000;
/** Above this much CPU use by other processes (% of one core) a run counts as disturbed. */
const OTHER_CPU_LIMIT_PCT = 15;
/** What a browser without a session sends; no cookie, so every response may come from the page cache. */
const READER_HEADERS = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'accept-language': 'en-US,en;q=0.5',
  'user-agent': 'paperboy-bench/1 (autocannon)',
};
/** Lines of server output kept to explain a failed start. */
const LOG_TAIL_LINES = 40;

interface Target {
  readonly minReqPerSec: number;
  readonly maxP99Ms: number;
}

const DAILY_TARGET: Target = { minReqPerSec: 5_000, maxP99Ms: 20 };

interface Measurement {
  readonly page: string;
  readonly path: string;
  readonly reqPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly throughputMBps: number;
  readonly bytesPerResponse: number;
  readonly requests: number;
  /** CPU used during the run, in % of one core; null where /proc is not available. */
  readonly serverCpuPct: number | null;
  readonly clientCpuPct: number;
  readonly otherCpuPct: number | null;
  readonly target: Target | null;
  readonly meetsTarget: boolean | null;
  /** Other processes used more than OTHER_CPU_LIMIT_PCT of a core during the run. */
  readonly disturbed: boolean;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (Number.isInteger(n) && n > 0) return n;
  process.stderr.write(`bench:web: ${name} must be a positive integer, got "${raw}"\n`);
  process.exit(2);
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('could not determine a free port');
  return address.port;
}

/** Clock ticks per second of /proc/<pid>/stat times (100 on practically every Linux). */
const CLOCK_TICKS = (() => {
  try {
    const n = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(n) && n > 0 ? n : 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds (user + system) a process has used so far, from /proc; null elsewhere. */
function processCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (comm) ": state is field 3, utime field 14, stime field 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / CLOCK_TICKS : null;
  } catch {
    return null;
  }
}

/**
 * Busy CPU seconds summed over all cores of the machine. From /proc/stat where available, because
 * os.cpus() leaves out softirq time, which loopback traffic charges to the processes that cause it
 * (so "other" would come out too low); time stolen by a hypervisor counts as busy too.
 */
function machineBusySeconds(): number {
  try {
    // First line: "cpu  user nice system idle iowait irq softirq steal ...", in clock ticks.
    const total = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [user, nice, system, , , irq, softirq, steal] = total.trim().split(/\s+/).slice(1).map(Number);
    const busy = [user, nice, system, irq, softirq, steal].reduce<number>((sum, v) => sum + (v ?? 0), 0);
    if (Number.isFinite(busy) && busy > 0) return busy / CLOCK_TICKS;
  } catch {
    // not Linux: fall through
  }
  return os.cpus().reduce((sum, c) => sum + (c.times.user + c.times.nice + c.times.sys + c.times.irq) / 1000, 0);
}

interface CpuSnapshot {
  readonly at: number;
  readonly server: number | null;
  readonly client: number;
  readonly machine: number;
}

function cpuSnapshot(serverPid: number | undefined): CpuSnapshot {
  const own = process.cpuUsage();
  return { at: performance.now(), server: processCpuSeconds(serverPid), client: (own.user + own.system) / 1e6, machine: machineBusySeconds() };
}

/** CPU used between two snapshots, in % of one core. */
function cpuBetween(a: CpuSnapshot, b: CpuSnapshot) {
  const wall = (b.at - a.at) / 1000;
  const pct = (seconds: number) => Math.round((seconds / wall) * 100);
  const server = a.server === null || b.server === null ? null : b.server - a.server;
  const client = b.client - a.client;
  return {
    serverCpuPct: server === null ? null : pct(server),
    clientCpuPct: pct(client),
    otherCpuPct: server === null ? null : Math.max(0, pct(b.machine - a.machine - server - client)),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The server child process, with the tail of its output for error messages. */
class Server {
  private readonly tail: string[] = [];
  private exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly exitPromise: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    this.exitPromise = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exited = { code, signal };
        resolve();
      });
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) {
          if (line.trim() === '') continue;
          process.stderr.write(`[server] ${line}\n`);
          this.tail.push(line);
          if (this.tail.length > LOG_TAIL_LINES) this.tail.shift();
        }
      });
    }
  }

  static start(dataDir: string, port: number): Server {
    const env: NodeJS.ProcessEnv = {};
    // Only our settings reach the server: no inherited PAPERBOY_* (e.g. a Postgres URL), and no
    // NODE_OPTIONS (tsx's loader must not end up in the server).
    for (const [key, value] of Object.entries(process.env)) {
      if (!key.startsWith('PAPERBOY_') && key !== 'NODE_OPTIONS') env[key] = value;
    }
    Object.assign(env, {
      PAPERBOY_DATA_DIR: dataDir,
      PAPERBOY_PORT: String(port),
      PAPERBOY_HOST: '127.0.0.1',
      PAPERBOY_LOG_LEVEL: 'warn',
      PAPERBOY_BASE_URL: `http://127.0.0.1:${port}`,
    });
    const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== '');
    const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'bin', 'paperboy.js'), 'serve'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new Server(child);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  describeExit(): string {
    const how = this.exited === null ? 'is running' : `exited (code ${String(this.exited.code)}, signal ${String(this.exited.signal)})`;
    return `server ${how}; last output:\n${this.tail.map((l) => `  ${l}`).join('\n') || '  (none)'}`;
  }

  get hasExited(): boolean {
    return this.exited !== null;
  }

  /** SIGTERM (the server closes cleanly), then SIGKILL after a grace period. */
  async stop(): Promise<void> {
    if (this.hasExited || this.child.pid === undefined) return;
    this.child.kill('SIGTERM');
    const timer = sleep(SHUTDOWN_GRACE_MS).then(() => 'timeout' as const);
    if ((await Promise.race([this.exitPromise.then(() => 'exited' as const), timer])) === 'timeout') {
      log(`server ${this.child.pid} did not exit within ${SHUTDOWN_GRACE_MS} ms; killing it`);
      this.child.kill('SIGKILL');
      await this.exitPromise;
    }
  }
}

async function get(url: string): Promise<{ status: number; body: string } | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: await response.text() };
  } catch {
    return null; // not listening yet
  }
}

async function waitUntilReady(server: Server, baseUrl: string): Promise<string> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    if (server.hasExited) throw new Error(`server stopped before it was ready\n${server.describeExit()}`);
    const health = await get(`${baseUrl}/healthz`);
    if (health?.status === 200) break;
    if (Date.now() > deadline) throw new Error(`server not ready after ${STARTUP_TIMEOUT_MS / 1000} s\n${server.describeExit()}`);
    await sleep(POLL_INTERVAL_MS);
  }
  const daily = await get(`${baseUrl}/`);
  if (daily?.status !== 200) throw new Error(`GET / answered ${daily?.status ?? 'nothing'}, expected 200\n${server.describeExit()}`);
  return daily.body;
}

/** arXiv ids as they appear in paper links: 2608.19880, or old-style hep-th/9901001 (escaped per part). */
const PAPER_LINK = /href="(\/papers\/(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}))"/;

/** The first paper page linked from the daily page (not the week/month feeds, not Markdown). */
function firstPaperPath(dailyHtml: string): string {
  const found = PAPER_LINK.exec(dailyHtml)?.[1];
  if (found === undefined) throw new Error('no paper link found on the daily page');
  return found;
}

/** The arXiv ids of the papers a page links to, as public/votes.js collects them (first 30). */
function paperIdsOn(pageHtml: string): string[] {
  const ids = [...pageHtml.matchAll(/data-vote="([^"]+)"/g)].map((m) => m[1] ?? '');
  return [...new Set(ids)].slice(0, 30);
}

/**
 * One confirmed account with a live session per connection, written through the store while the
 * server runs (SQLite in WAL mode takes a second writer). Accounts are 30 days old: no new-account rule.
 */
async function seedReaders(dataDir: string, count: number): Promise<string[]> {
  const store = await openMigratedStore({ kind: 'sqlite', file: path.join(dataDir, 'paperboy.sqlite') });
  try {
    const createdAt = new Date(Date.now() - 30 * 86_400_000).toISOString();
    const cookies: string[] = [];
    for (let i = 0; i < count; i++) {
      const email = `web-reader${i}@bench.example`;
      const id = await insertAccount(store.db, { email, emailKey: emailKey(email), displayName: `reader${i}`, passwordHash: '$argon2id$unused', now: createdAt });
      if (id === undefined) throw new Error(`account ${email} exists`);
      await store.db.updateTable('users').set({ email_verified_at: createdAt }).where('id', '=', id).execute();
      cookies.push(`paperboy_session=${(await startSession(store.db, id, new Date())).token}`);
    }
    return cookies;
  } finally {
    await store.close();
  }
}

/** Session cookies for the logged-in runs: each connection keeps one reader's cookie. */
let readerCookies: readonly string[] = [];

async function load(url: string, seconds: number, title: string, loggedIn: boolean): Promise<autocannon.Result> {
  if (!loggedIn) return await autocannon({ url, connections: CONNECTIONS, duration: seconds, pipelining: 1, headers: READER_HEADERS, title });
  let next = 0;
  return await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    pipelining: 1,
    title,
    // setupRequest runs per request with a per-connection context: the first request of a
    // connection picks the next reader, later ones reuse it (a browser keeps its cookie).
    requests: [
      {
        setupRequest: (request, context: { cookie?: string }) => {
          context.cookie ??= readerCookies[next++ % readerCookies.length] ?? '';
          return { ...request, headers: { ...READER_HEADERS, cookie: context.cookie } };
        },
      },
    ],
  });
}

async function measure(server: Server, baseUrl: string, page: string, urlPath: string, target: Target | null, loggedIn = false): Promise<Measurement> {
  const url = `${baseUrl}${urlPath}`;
  log(`${page}: warm-up ${WARMUP_SECONDS} s on ${urlPath}`);
  const warm = await load(url, WARMUP_SECONDS, `${page} warm-up`, loggedIn);
  if (warm.non2xx > 0 || warm.errors > 0) log(`${page}: warm-up saw ${warm.non2xx} non-2xx and ${warm.errors} errors`);
  log(`${page}: measuring ${MEASURE_SECONDS} s at ${CONNECTIONS} connections`);
  const before = cpuSnapshot(server.pid);
  const r = await load(url, MEASURE_SECONDS, page, loggedIn);
  const cpu = cpuBetween(before, cpuSnapshot(server.pid));
  const reqPerSec = r.requests.average;
  const p99Ms = r.latency.p99;
  return {
    page,
    path: urlPath,
    reqPerSec,
    p50Ms: r.latency.p50,
    p99Ms,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    throughputMBps: r.throughput.average / 1e6,
    bytesPerResponse: r.requests.total > 0 ? Math.round(r.throughput.total / r.requests.total) : 0,
    requests: r.requests.total,
    ...cpu,
    target,
    meetsTarget: target === null ? null : reqPerSec >= target.minReqPerSec && p99Ms <= target.maxP99Ms,
    disturbed: cpu.otherCpuPct !== null && cpu.otherCpuPct > OTHER_CPU_LIMIT_PCT,
  };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');

function targetText(t: Target | null): string {
  return t === null ? '-' : `>= ${int(t.minReqPerSec)} req/s, p99 <= ${t.maxP99Ms} ms`;
}

function printTable(results: readonly Measurement[]): void {
  const header = ['page', 'path', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'errors', 'timeouts', 'MB/s', 'KB/resp', 'CPU srv/client/other %', 'target', 'verdict'];
  const pct = (n: number | null) => (n === null ? '?' : String(n));
  const rows = results.map((m) => [
    m.page,
    m.path.length > 40 ? `${m.path.slice(0, 39)}…` : m.path,
    int(m.reqPerSec),
    String(m.p50Ms),
    String(m.p99Ms),
    int(m.non2xx),
    int(m.errors),
    int(m.timeouts),
    m.throughputMBps.toFixed(1),
    (m.bytesPerResponse / 1024).toFixed(1),
    `${pct(m.serverCpuPct)} / ${pct(m.clientCpuPct)} / ${pct(m.otherCpuPct)}`,
    targetText(m.target),
    `${m.meetsTarget === null ? '-' : m.meetsTarget ? 'PASS' : 'MISS'}${m.disturbed ? ' (disturbed)' : ''}`,
  ]);
  const leftAligned = new Set([0, 1, 11, 12]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: readonly string[]) =>
    cells
      .map((c, i) => (leftAligned.has(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const lines = [format(header), format(widths.map((w) => '-'.repeat(w))), ...rows.map(format)];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<number> {
  const cpus = os.cpus();
  const machine = `${cpus.length} CPU(s) ${cpus[0]?.model.trim() ?? ''}, node ${process.version}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'paperboy-bench-'));
  let server: Server | null = null;
  let cleaned: Promise<void> | null = null;
  const cleanup = () =>
    (cleaned ??= (async () => {
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
    })());
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the server and removing ${dataDir}`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    log(`starting the server on ${baseUrl} with data dir ${dataDir} (first start loads the bundled papers)`);
    const started = Date.now();
    server = Server.start(dataDir, port);
    const dailyHtml = await waitUntilReady(server, baseUrl);
    log(`server ${server.pid} ready after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const paperPath = firstPaperPath(dailyHtml);
    const paper = await get(`${baseUrl}${paperPath}`);
    if (paper?.status !== 200) throw new Error(`GET ${paperPath} answered ${paper?.status ?? 'nothing'}, expected 200`);

    const idleBefore = cpuSnapshot(server.pid);
    await sleep(1_000);
    const busyBefore = cpuBetween(idleBefore, cpuSnapshot(server.pid));
    const otherBefore = busyBefore.otherCpuPct;
    if (otherBefore !== null && otherBefore > OTHER_CPU_LIMIT_PCT) {
      log(`warning: other processes use ${otherBefore} % of a core before the runs; the figures will be disturbed`);
    }

    log(`seeding ${CONNECTIONS} logged-in readers`);
    readerCookies = await seedReaders(dataDir, CONNECTIONS);
    const ids = paperIdsOn(dailyHtml);
    const results = [
      await measure(server, baseUrl, 'daily', '/', DAILY_TARGET),
      await measure(server, baseUrl, 'paper', paperPath, null),
      await measure(server, baseUrl, 'daily logged-in', '/', null, true),
      await measure(server, baseUrl, 'my votes', `/api/me/votes?ids=${encodeURIComponent(ids.join(','))}`, null, true),
    ];

    process.stdout.write(
      `\nPaperboy web benchmark: ${CONNECTIONS} connections, ${MEASURE_SECONDS} s per page after ${WARMUP_SECONDS} s warm-up; ${machine}\n` +
        `(load generator and server share this machine; MB = 10^6 bytes)\n\n`,
    );
    printTable(results);
    if (results.some((m) => m.disturbed)) {
      process.stdout.write(
        `(disturbed: other processes used more than ${OTHER_CPU_LIMIT_PCT} % of a core during the run; repeat on an idle machine)\n`,
      );
    }
    process.stdout.write('\n');
    for (const m of results) {
      process.stdout.write(
        `${JSON.stringify({
          bench: 'web',
          ...m,
          connections: CONNECTIONS,
          seconds: MEASURE_SECONDS,
          otherCpuBeforePct: otherBefore,
          cpus: cpus.length,
          node: process.version,
          at: new Date().toISOString(),
        })}\n`,
      );
    }
    const invalid = results.filter((m) => m.errors > 0 || m.timeouts > 0 || m.non2xx > 0);
    for (const m of invalid) log(`${m.page}: ${m.non2xx} non-2xx, ${m.errors} errors, ${m.timeouts} timeouts: not a valid measurement`);
    return invalid.length > 0 ? 1 : 0;
  } finally {
    await cleanup();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bench:web failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
