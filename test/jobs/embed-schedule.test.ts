// The embed job in THE schedule: every install embeds (it is local work, unlike the harvest), every
// EMBED_EVERY_MINUTES on multiples of the period since the epoch, enqueued once per period however
// many cron processes tick; and the task itself embeds the catalog when a worker runs it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/config.js';
import { cronTick } from '../../src/jobs/cron.js';
import { lastDue, runKey, type ScheduleEntry } from '../../src/jobs/schedule.js';
import { embedTask } from '../../src/jobs/tasks/embed.js';
import { harvestTask } from '../../src/jobs/tasks/harvest.js';
import { EMBED_EVERY_MINUTES, schedule, TASKS } from '../../src/jobs/tasks/index.js';
import type { TaskContext } from '../../src/jobs/task.js';
import { runOneJob } from '../../src/jobs/worker.js';
import { countEmbeddings, countPapers, embeddingModel } from '../../src/store/embeddings.js';
import { listJobs } from '../../src/store/jobs.js';
import { describeEachDialect } from '../support/dialects.js';
import { importBundleDays, smallGloveCache, type GloveCache } from '../support/semantic-fixtures.js';

function embedEntry(entries: readonly ScheduleEntry[]): ScheduleEntry {
  const embed = entries.filter((e) => e.task === embedTask);
  expect(embed).toHaveLength(1);
  return embed[0]!;
}

describe('the embed schedule entry', () => {
  it('runs every 10 minutes on every install, with or without a contact address', () => {
    expect(EMBED_EVERY_MINUTES).toBe(10);
    const configs = [
      parseConfig({ PAPERBOY_LOG_LEVEL: 'silent' }),
      parseConfig({ PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_CONTACT_EMAIL: 'ops@example.org' }),
      parseConfig({ PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_CONTACT_EMAIL: 'ops@example.org', PAPERBOY_HARVEST_SETS: 'cs,physics:hep-th' }),
      parseConfig({ PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_EMBEDDER: 'onnx:/models/all-MiniLM-L6-v2' }),
    ];
    for (const config of configs) {
      const entries = schedule(config);
      const embed = embedEntry(entries);
      expect(embed).toMatchObject({ name: 'embed', everyMinutes: 10 });
      expect(embed.payload(new Date())).toEqual({});
      expect(embed.task.payload.safeParse(embed.payload(new Date())).success).toBe(true);
      // Harvests only with a contact address (arXiv's terms), one per set.
      const harvests = entries.filter((e) => e.task === harvestTask);
      expect(harvests).toHaveLength(config.arxiv.contactEmail === null ? 0 : Math.max(1, config.arxiv.harvestSets.length));
      // Besides them: embed, digests (test/jobs/digest-schedule.test.ts) and the daily account
      // clean-up (test/jobs/clean-up.test.ts).
      expect(entries).toHaveLength(3 + harvests.length);
      expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
    }
    expect(TASKS.get('embed')).toBe(embedTask);
  });

  it('is due at the latest multiple of its period since the epoch', () => {
    const embed = embedEntry(schedule(parseConfig({ PAPERBOY_LOG_LEVEL: 'silent' })));
    const due = (iso: string) => lastDue(embed, new Date(iso)).toISOString();
    expect(due('2026-11-30T10:00:00.000Z')).toBe('2026-11-30T10:00:00.000Z');
    expect(due('2026-11-30T10:09:59.999Z')).toBe('2026-11-30T10:00:00.000Z');
    expect(due('2026-11-30T10:10:00.000Z')).toBe('2026-11-30T10:10:00.000Z');
    expect(due('2026-12-01T00:05:00.000Z')).toBe('2026-12-01T00:00:00.000Z');
    expect(due('2026-11-30T23:59:59.000Z')).toBe('2026-11-30T23:50:00.000Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) }), fc.integer({ min: 1, max: 24 * 60 }), (ms, minutes) => {
        const entry: ScheduleEntry = { name: 'every', task: embedTask, everyMinutes: minutes, payload: () => ({}) };
        const period = minutes * 60_000;
        const d = lastDue(entry, new Date(ms)).getTime();
        expect(d).toBe(Math.floor(ms / period) * period);
        expect(d).toBeLessThanOrEqual(ms);
        expect(ms - d).toBeLessThan(period);
        expect(d % period).toBe(0);
      }),
    );
  });
});

describeEachDialect('cron and worker with the embed entry', (ctx) => {
  let cache: GloveCache;
  let dataDir: string;
  let config: Config;
  let clock = new Date('2026-11-30T10:03:00Z');
  const logged: string[] = [];
  const tc = (): TaskContext => ({ store: ctx.store, config, log: (m) => logged.push(m), now: () => clock });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-data-'));
    // The task reads the data dir's cache folder: put the small GloVe file there.
    cache = await smallGloveCache(path.join(dataDir, 'cache'));
    config = parseConfig({ PAPERBOY_LOG_LEVEL: 'silent', PAPERBOY_DATA_DIR: dataDir });
    expect(config.cacheDir).toBe(path.join(dataDir, 'cache'));
  });

  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('enqueues one embed job per period, however often and concurrently cron ticks', async () => {
    const entries = schedule(config).filter((e) => e.name === 'embed');
    clock = new Date('2026-11-30T10:03:00Z');
    expect(await cronTick(tc(), entries)).toEqual(['schedule:embed:2026-11-30T10:00:00.000Z']);
    expect(await cronTick(tc(), entries)).toEqual([]);
    clock = new Date('2026-11-30T10:09:59Z');
    expect(await Promise.all([cronTick(tc(), entries), cronTick(tc(), entries)])).toEqual([[], []]);
    clock = new Date('2026-11-30T10:10:00Z');
    const [a, b] = await Promise.all([cronTick(tc(), entries), cronTick(tc(), entries)]);
    expect([...a, ...b]).toEqual(['schedule:embed:2026-11-30T10:10:00.000Z']);
    clock = new Date('2026-11-30T10:35:00Z');
    // A missed period is not replayed: only the latest due run is enqueued.
    expect(await cronTick(tc(), entries)).toEqual(['schedule:embed:2026-11-30T10:30:00.000Z']);
    const jobs = await listJobs(ctx.store.db);
    expect(jobs.map((j) => j.unique_key).sort()).toEqual(
      ['10:00', '10:10', '10:30'].map((t) => runKey(embedEntry(entries), new Date(`2026-11-30T${t}:00.000Z`))).sort(),
    );
    for (const j of jobs) expect(j).toMatchObject({ type: 'embed', status: 'queued', payload: '{}' });
  });

  it('performs the embed job: nothing to do on an empty catalog, then embeds what was imported', async () => {
    const entries = schedule(config).filter((e) => e.name === 'embed');
    clock = new Date('2026-11-30T10:03:00Z');
    await cronTick(tc(), entries);
    expect(await runOneJob(tc(), TASKS, 'w1')).toEqual({ kind: 'done', type: 'embed' });
    expect(await embeddingModel(ctx.store, 'active')).toBeNull();

    const papers = await importBundleDays(ctx.store, 2);
    expect(papers).toBe(await countPapers(ctx.store));
    clock = new Date('2026-11-30T10:13:00Z');
    await cronTick(tc(), entries);
    expect(await runOneJob(tc(), TASKS, 'w1')).toEqual({ kind: 'done', type: 'embed' });
    const model = await embeddingModel(ctx.store, 'active');
    expect(model?.id).toMatch(/^catalog:2026-11-30T10:13:00\.000Z:/);
    expect(await countEmbeddings(ctx.store, model!.id)).toBe(papers);
    expect(logged.join('\n')).toMatch(new RegExp(`embed: ${papers} papers embedded into ${model!.id} \\(now active\\)`));
    if (cache.file) expect(logged.join('\n')).not.toMatch(/without GloVe/);
    expect((await listJobs(ctx.store.db)).map((j) => j.status)).toEqual(['done', 'done']);
  });
});
