// The digests entry in THE schedule: on every install, every DIGEST_EVERY_MINUTES; a worker running
// the job sends each due subscriber their digest through the configured relay (a real SMTP server
// on loopback here), and the next runs send it to nobody again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, type Config } from '../../src/config.js';
import { cronTick } from '../../src/jobs/cron.js';
import { digestTask } from '../../src/jobs/tasks/digest.js';
import { DIGEST_EVERY_MINUTES, schedule, TASKS } from '../../src/jobs/tasks/index.js';
import type { TaskContext } from '../../src/jobs/task.js';
import { runOneJob } from '../../src/jobs/worker.js';
import { sendLog } from '../../src/store/digest-sends.js';
import { describeEachDialect } from '../support/dialects.js';
import { digestCatalog } from '../support/digest.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { activeSubscriber } from '../support/subscribers.js';

describe('the digests schedule entry', () => {
  it('runs every 15 minutes on every install, with or without a contact address', () => {
    expect(DIGEST_EVERY_MINUTES).toBe(15);
    for (const env of [{}, { PAPERBOY_CONTACT_EMAIL: 'ops@example.org' }]) {
      const entries = schedule(parseConfig({ PAPERBOY_LOG_LEVEL: 'silent', ...env })).filter((e) => e.task === digestTask);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ name: 'digests', everyMinutes: 15 });
      expect(digestTask.payload.safeParse(entries[0]?.payload(new Date())).success).toBe(true);
    }
    expect(TASKS.get('send-digests')).toBe(digestTask);
  });
});

describeEachDialect('cron and worker with the digests entry', (ctx) => {
  let sink: SmtpSink;
  let config: Config;
  let clock = new Date();
  const logged: string[] = [];
  const tc = (): TaskContext => ({ store: ctx.store, config, log: (m) => logged.push(m), now: () => clock });

  beforeEach(async () => {
    sink = await startSmtpSink();
    config = parseConfig({
      PAPERBOY_LOG_LEVEL: 'silent',
      PAPERBOY_BASE_URL: 'https://paperboy.example.org',
      PAPERBOY_MAIL_FROM: 'Paperboy <paperboy@paperboy.example.org>',
      PAPERBOY_SMTP_URL: sink.url,
      PAPERBOY_SMTP_MAX_PER_SECOND: '1000',
    });
  });
  afterEach(async () => sink.close());

  it('sends each due digest once, at the first run after the local send hour', async () => {
    await digestCatalog(ctx.store);
    // Saturday 22 Aug 2026: Friday's digest is due at 08:00 in Berlin (06:00 UTC) and 09:00 in London (08:00 UTC).
    await activeSubscriber(ctx.store.db, 'berlin@example.org', { timeZone: 'Europe/Berlin', sendHour: 8 });
    await activeSubscriber(ctx.store.db, 'london@example.org', { timeZone: 'Europe/London', sendHour: 9 });
    const entries = schedule(config).filter((e) => e.task === digestTask);
    const tickAndWork = async (iso: string) => {
      clock = new Date(iso);
      const keys = await cronTick(tc(), entries);
      const results = [];
      for (let r = await runOneJob(tc(), TASKS, 'w1'); r.kind !== 'idle'; r = await runOneJob(tc(), TASKS, 'w1')) results.push(r);
      return { keys, results };
    };

    const early = await tickAndWork('2026-08-22T05:50:00Z');
    expect(early.keys).toEqual(['schedule:digests:2026-08-22T05:45:00.000Z']);
    expect(early.results).toEqual([{ kind: 'done', type: 'send-digests' }]);
    expect(sink.count).toBe(0);

    await tickAndWork('2026-08-22T06:01:00Z');
    await sink.waitFor(1);
    expect(sink.envelopes.map((e) => e.to[0])).toEqual(['berlin@example.org']);

    await tickAndWork('2026-08-22T06:16:00Z');
    await tickAndWork('2026-08-22T08:02:00Z');
    await sink.waitFor(2);
    expect(sink.envelopes.map((e) => e.to[0])).toEqual(['berlin@example.org', 'london@example.org']);
    await tickAndWork('2026-08-22T09:05:00Z');
    expect(sink.count).toBe(2);
    expect((await sendLog(ctx.store.db, 'daily:2026-08-21')).map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(logged.join('\n')).toMatch(/digest daily:2026-08-21: 1 sent, 0 nothing new \(no mail\), 1 already done/);
  });
});
