// Vote benchmark: how many vote POSTs from distinct logged-in readers one Paperboy server takes.
//
// What it measures: a fresh SQLite data dir in a temp folder gets the bundled papers and BENCH_USERS
// (default 2,000) aged, confirmed accounts, each with a live session, written through the store.
// The real server (`node bin/paperboy.js serve`, from dist/) then runs as a child process with
// PAPERBOY_NEW_ACCOUNT_HOURS=72 (production rules; the accounts are 30 days old, so no limit
// applies), and autocannon sends POST /api/papers/<id>/vote over 20 keep-alive connections for
// BENCH_SECONDS (default 10), each request from the next (reader, paper) pair with that reader's
// cookie, CSRF token and this site's Origin, so nearly every request inserts a new row. Afterwards
// it checks the vote invariant: every paper's local count on /api/papers/<id> equals its rows, and
// no (paper, reader) pair has two rows. Server and load generator share the machine.
//
// Target (issue 5): >= 1,000 votes/s, p99 <= 50 ms, zero errors, invariant intact, on 2 cores.
//
// Run:  npm run bench:votes          (builds first)
//       BENCH_SECONDS=30 BENCH_USERS=5000 npm run bench:votes
// Output: a summary on stdout and one JSON line; progress and server output on stderr. Exit code 1
// when the server fails, a request errs or answers non-2xx, or the invariant is broken; a missed
// target is reported but does not fail the run.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startSession } from '../src/commands/accounts/sessions.js';
import { ensureCatalog } from '../src/commands/ensure-catalog.js';
import { emailKey } from '../src/domain/account.js';
import { openMigratedStore } from '../src/store/db.js';
import { insertAccount } from '../src/store/users.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BUNDLE = path.join(ROOT, 'data-bundled', 'hf-daily-papers.jsonl.gz');
const CONNECTIONS = 20;
const MEASURE_SECONDS = positiveInt('BENCH_SECONDS', 10);
const USERS = positiveInt('BENCH_USERS', 2_000);
/** Papers voted on; USERS × PAPERS distinct pairs, so repeats (idempotent no-ops) are rare. */
const PAPERS = 200;
const ACCOUNT_AGE_DAYS = 30;
const STARTUP_TIMEOUT_MS = 60_000;
const TARGET = { minVotesPerSec: 1_000, maxP99Ms: 50 } as const;

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (Number.isInteger(n) && n > 0) return n;
  process.stderr.write(`bench:votes: ${name} must be a positive integer, got "${raw}"\n`);
  process.exit(2);
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

interface Reader {
  readonly cookie: string;
  readonly csrf: string;
}

/** The catalog, and USERS aged accounts with a session each, written through the store. */
async function seed(dataDir: string): Promise<{ readers: Reader[]; papers: string[] }> {
  const store = await openMigratedStore({ kind: 'sqlite', file: path.join(dataDir, 'paperboy.sqlite') });
  try {
    log('loading the bundled papers');
    await ensureCatalog(store, BUNDLE);
    const papers = (await store.db.selectFrom('papers').select('id').orderBy('id').limit(PAPERS).execute()).map((r) => r.id);
    const createdAt = new Date(Date.now() - ACCOUNT_AGE_DAYS * 86_400_000).toISOString();
    const readers: Reader[] = [];
    log(`seeding ${USERS} accounts with sessions`);
    for (let i = 0; i < USERS; i++) {
      const email = `reader${i}@bench.example`;
      const id = await insertAccount(store.db, { email, emailKey: emailKey(email), displayName: `reader${i}`, passwordHash: '$argon2id$unused', now: createdAt });
      if (id === undefined) throw new Error(`account ${email} exists`);
      await store.db.updateTable('users').set({ email_verified_at: createdAt }).where('id', '=', id).execute();
      const session = await startSession(store.db, id, new Date());
      readers.push({ cookie: `paperboy_session=${session.token}`, csrf: session.csrfToken });
    }
    return { readers, papers };
  } finally {
    await store.close();
  }
}

function startServer(dataDir: string, port: number) {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PAPERBOY_') && key !== 'NODE_OPTIONS') env[key] = value;
  Object.assign(env, {
    PAPERBOY_DATA_DIR: dataDir,
    PAPERBOY_PORT: String(port),
    PAPERBOY_HOST: '127.0.0.1',
    PAPERBOY_LOG_LEVEL: 'warn',
    PAPERBOY_BASE_URL: `http://127.0.0.1:${port}`,
    PAPERBOY_NEW_ACCOUNT_HOURS: '72',
    PAPERBOY_BUNDLE: 'off',
  });
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'paperboy.js'), 'serve', '--roles=web'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk: Buffer) => process.stderr.write(`[server] ${chunk.toString()}`));
  return child;
}

async function waitUntilReady(baseUrl: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  for (;;) {
    const ok = await fetch(`${baseUrl}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error('server not ready');
    await sleep(250);
  }
}

/** Every paper's local count (JSON upvotes minus the HF baseline) against its rows. */
async function checkInvariant(baseUrl: string, dataDir: string, papers: readonly string[]) {
  const store = await openMigratedStore({ kind: 'sqlite', file: path.join(dataDir, 'paperboy.sqlite') });
  try {
    const rows = new Map((await store.db.selectFrom('votes').select(['paper_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('paper_id').execute()).map((r) => [r.paper_id, Number(r.n)]));
    const duplicates = await store.db.selectFrom('votes').select(['paper_id', 'user_id']).groupBy(['paper_id', 'user_id']).having((eb) => eb.fn.countAll(), '>', 1).execute();
    const mismatches: string[] = [];
    for (const id of papers) {
      const body = (await (await fetch(`${baseUrl}/api/papers/${id}`)).json()) as { upvotes: number; upvotesBaseline: { upvotes: number } | null };
      const local = body.upvotes - (body.upvotesBaseline?.upvotes ?? 0);
      if (local !== (rows.get(id) ?? 0)) mismatches.push(`${id}: shows ${local}, has ${rows.get(id) ?? 0} rows`);
    }
    const total = [...rows.values()].reduce((a, b) => a + b, 0);
    return { rows: total, duplicates: duplicates.length, mismatches };
  } finally {
    await store.close();
  }
}

async function main(): Promise<number> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'paperboy-bench-votes-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const { readers, papers } = await seed(dataDir);
  const server = startServer(dataDir, port);
  try {
    await waitUntilReady(baseUrl);
    let next = 0;
    const sent = new Set<string>();
    log(`voting for ${MEASURE_SECONDS} s over ${CONNECTIONS} connections as ${readers.length} readers on ${papers.length} papers`);
    const result = await autocannon({
      url: baseUrl,
      connections: CONNECTIONS,
      duration: MEASURE_SECONDS,
      pipelining: 1,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const i = next++;
            const reader = readers[i % readers.length] as Reader;
            const paper = papers[Math.floor(i / readers.length) % papers.length] as string;
            sent.add(`${i % readers.length}:${paper}`);
            return { ...request, path: `/api/papers/${paper}/vote`, headers: { cookie: reader.cookie, 'x-csrf-token': reader.csrf, origin: baseUrl, accept: 'application/json' } };
          },
        },
      ],
    });
    // Let responses still in flight land before counting rows.
    await sleep(500);
    const invariant = await checkInvariant(baseUrl, dataDir, papers);
    const intact = invariant.duplicates === 0 && invariant.mismatches.length === 0 && invariant.rows <= sent.size && invariant.rows >= result['2xx'] - (next - sent.size);
    const summary = {
      bench: 'votes',
      connections: CONNECTIONS,
      seconds: MEASURE_SECONDS,
      readers: readers.length,
      papers: papers.length,
      votesPerSec: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      requests: result.requests.total,
      ok2xx: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      voteRows: invariant.rows,
      invariantIntact: intact,
      target: TARGET,
      meetsTarget: result.requests.average >= TARGET.minVotesPerSec && result.latency.p99 <= TARGET.maxP99Ms && result.errors === 0 && result.non2xx === 0 && intact,
    };
    process.stdout.write(
      `votes/s ${summary.votesPerSec}  p50 ${summary.p50Ms} ms  p99 ${summary.p99Ms} ms  non-2xx ${summary.non2xx}  errors ${summary.errors}  rows ${summary.voteRows}  invariant ${intact ? 'intact' : 'BROKEN'}  target ${summary.meetsTarget ? 'met' : 'missed'}\n`,
    );
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    for (const m of invariant.mismatches.slice(0, 10)) log(`mismatch ${m}`);
    return result.errors > 0 || result.non2xx > 0 || result.timeouts > 0 || !intact ? 1 : 0;
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`bench:votes failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
