// Composition root of the `paperboy` command.
//   paperboy serve [--roles=web]          run the site (first start loads the bundled papers)
//   paperboy import hf-daily <file|dir>   import Hugging Face daily-papers JSON
//   paperboy bundle hf-daily <in> <out>   rebuild the bundled default from an HF dump
//   paperboy migrate                      apply database migrations
//   paperboy user grant-moderator <email> make an account a moderator
//   paperboy digest send|preview …        send or preview the e-mail digests (cli/digest.ts)
//   paperboy bounces ingest <file.eml>…   count bounce reports against digest subscriptions
//   paperboy eval-search --corpus … --queries … --qrels …   search quality on a BEIR benchmark
// Exit codes: 0 done, 1 failed, 2 bad usage or configuration, 3 done with skipped input.
import { z } from 'zod';
import { EXIT, UsageError, parseFlags } from './cli/args.js';
import { FETCH_USAGE, HARVEST_USAGE, runFetch, runHarvest } from './cli/arxiv.js';
import { runBundleHfDaily } from './cli/bundle-hf-daily.js';
import { DIGEST_USAGE, runDigest } from './cli/digest.js';
import { EVAL_SEARCH_USAGE, runEvalSearch } from './cli/eval-search.js';
import { IMPORT_HF_USAGE, runImportHfDaily } from './cli/import-hf-daily.js';
import { IMPORT_KAGGLE_USAGE, runImportKaggle } from './cli/import-kaggle.js';
import { BOUNCES_USAGE, runBounces } from './cli/bounces.js';
import { USER_USAGE, runUser } from './cli/user.js';
import { ensureCatalog } from './commands/ensure-catalog.js';
import { indexOnStart, runSearchIndexer } from './commands/search-index.js';
import { ingestBounceReport } from './commands/subscriptions/ingest-bounce.js';
import { prepareSemanticSearch } from './commands/embedder-choice.js';
import { ConfigError, parseConfig, type Config } from './config.js';
import { startBounceServer } from './email/bounce-smtp-server.js';
import { mailerFromConfig } from './email/mailer-from-config.js';
import { runCron } from './jobs/cron.js';
import type { TaskContext } from './jobs/task.js';
import { schedule, TASKS } from './jobs/tasks/index.js';
import { runWorker } from './jobs/worker.js';
import { openMigratedStore } from './store/db.js';
import { buildApp } from './web/app.js';

const USAGE = `usage:
  paperboy serve [--roles=web,worker,cron,bounces]
  ${FETCH_USAGE}
  ${HARVEST_USAGE}
  ${IMPORT_HF_USAGE}
  ${IMPORT_KAGGLE_USAGE}
  paperboy bundle hf-daily <input.jsonl[.gz]> <output.jsonl.gz>
  paperboy migrate
  ${USER_USAGE}
  ${DIGEST_USAGE}
  ${BOUNCES_USAGE}
  ${EVAL_SEARCH_USAGE}`;

const ROLES = ['web', 'worker', 'cron', 'bounces'] as const;
/** Roles run when --roles is not given; the inbound bounce SMTP server is opted into. */
const DEFAULT_ROLES = ['web', 'worker', 'cron'] as const;

async function serve(config: Config, argv: readonly string[]): Promise<number> {
  const { values } = parseFlags(argv, { roles: { type: 'string' } }, z.object({ roles: z.string().default(DEFAULT_ROLES.join(',')) }));
  const roles = new Set(values.roles.split(',').map((r) => r.trim()));
  const unknown = [...roles].filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0 || roles.size === 0) throw new UsageError(`unknown role(s): ${unknown.join(', ')}; known: ${ROLES.join(', ')}`);

  const store = await openMigratedStore(config.database);
  const log = (message: string) => process.stderr.write(`${new Date().toISOString()} ${message}\n`);
  const stop = new AbortController();
  const loops: Promise<void>[] = [];
  if (roles.has('web')) {
    const started = Date.now();
    const loaded = await ensureCatalog(store, config.bundlePath);
    if (loaded) log(`loaded ${loaded.items} bundled papers over ${loaded.days} days in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // Papers written while no server ran (first start, imports) are searchable before it listens.
    const indexStarted = Date.now();
    const { indexed, left } = await indexOnStart(store);
    if (indexed > 0) log(`indexed ${indexed} papers for search in ${((Date.now() - indexStarted) / 1000).toFixed(1)} s`);
    if (left > 0) log(`${left} papers wait for the search index; they are indexed in the background`);
    await prepareSemanticSearch(store, config, log);
  }
  const ctx: TaskContext = { store, config, log, now: () => new Date() };
  if (roles.has('worker')) loops.push(runWorker(ctx, TASKS, stop.signal));
  if (roles.has('web') || roles.has('worker')) loops.push(runSearchIndexer(store, stop.signal, log));
  if (roles.has('cron')) {
    const entries = schedule(config);
    if (config.arxiv.contactEmail === null) log('no arXiv harvest scheduled: it needs PAPERBOY_CONTACT_EMAIL');
    loops.push(runCron(ctx, entries, stop.signal));
  }
  // Bounce reports over SMTP, counted against subscriptions as they arrive.
  const bounces = roles.has('bounces')
    ? await startBounceServer({
        host: config.mail.bounce.host,
        port: config.mail.bounce.port,
        bounceAddress: config.mail.bounce.address,
        log,
        onMessage: async (raw, envelope) => {
          const outcome = await ingestBounceReport(store.db, raw, { bounceAddress: config.mail.bounce.address, envelopeTo: envelope.to, now: new Date() });
          const counted = outcome.kind === 'report' ? outcome.results.filter((r) => r.outcome === 'counted').length : 0;
          log(outcome.kind === 'report' ? `bounce report ${outcome.key}: ${counted} bounce(s) counted` : `mail to ${envelope.to.join(', ')} is not a bounce report; dropped`);
        },
      })
    : null;
  if (bounces) log(`bounce intake listening on ${config.mail.bounce.host}:${bounces.port} for ${config.mail.bounce.address.split('@')[1] ?? ''}`);
  // Account mails (verification, reset) from the web role: SMTP, or the outbox folder without it.
  const mailer = roles.has('web') ? mailerFromConfig(config) : null;
  const app = roles.has('web') && mailer ? await buildApp({ store, config, mailer }) : null;
  const shutdown = async () => {
    stop.abort();
    await app?.close();
    await bounces?.close();
    await mailer?.close();
    await Promise.allSettled(loops);
    await store.close();
    process.exit(EXIT.ok);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  if (app) {
    const address = await app.listen({ host: config.host, port: config.port });
    log(`Paperboy is serving ${config.baseUrl.toString()} (listening on ${address}; roles ${[...roles].join(',')})`);
  } else {
    log(`Paperboy started with roles ${[...roles].join(',')}`);
  }
  return new Promise<number>(() => {}); // runs until a signal
}

async function migrate(config: Config): Promise<number> {
  const store = await openMigratedStore(config.database);
  await store.close();
  process.stderr.write('database is up to date\n');
  return EXIT.ok;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? EXIT.usage : EXIT.ok;
  }
  if (command === 'bundle' && sub === 'hf-daily') return runBundleHfDaily(rest);
  // Needs no configuration: it indexes into a temporary store of its own.
  const config = parseConfig(process.env);
  if (command === 'eval-search') return runEvalSearch(sub === undefined ? [] : [sub, ...rest], config);
  switch (command) {
    case 'serve':
      return serve(config, sub === undefined ? [] : [sub, ...rest]);
    case 'migrate':
      return migrate(config);
    case 'user':
      return runUser(config, sub === undefined ? [] : [sub, ...rest]);
    case 'digest':
      return runDigest(config, sub === undefined ? [] : [sub, ...rest]);
    case 'bounces':
      return runBounces(config, sub === undefined ? [] : [sub, ...rest]);
    case 'fetch':
      return runFetch(config, sub === undefined ? [] : [sub, ...rest]);
    case 'harvest':
      return runHarvest(config, sub === undefined ? [] : [sub, ...rest]);
    case 'import':
      if (sub === 'hf-daily') return runImportHfDaily(config, rest);
      if (sub === 'kaggle') return runImportKaggle(config, rest);
      throw new UsageError(`unknown import source: ${sub ?? '(none)'}\n${USAGE}`);
    default:
      throw new UsageError(`unknown command: ${command}\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof ConfigError || err instanceof UsageError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = EXIT.usage;
    } else {
      process.stderr.write(`paperboy: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = EXIT.failed;
    }
  },
);
