// Counting bounces against subscriptions, on both dialects: DSN fixtures mapped by their VERP
// address (or by Final-Recipient with the subscription's token in the returned headers), each report
// counted once, suspension at 2 hard or 4 soft; forged reports change nothing; and refusals at
// RCPT TO from a real loopback SMTP server (550 hard, 451 soft) counted through recordSendFailure.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ingestBounceReport } from '../../src/commands/subscriptions/ingest-bounce.js';
import { recordSendFailure } from '../../src/commands/subscriptions/record-bounce.js';
import { verpReturnPath } from '../../src/domain/verp.js';
import { SmtpMailer } from '../../src/email/smtp-mailer.js';
import type { Store } from '../../src/store/db.js';
import { subscriptionById } from '../../src/store/subscriptions.js';
import { describeEachDialect } from '../support/dialects.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { BOUNCE_ADDRESS, BOUNCE_FIXTURES, activeSubscription, addFixtureSubscribers } from '../support/subscriptions.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const fixture = (name: string) => fs.readFileSync(path.join(BOUNCE_FIXTURES, name));
const ingest = (store: Store, raw: Buffer, envelopeTo?: string[]) => ingestBounceReport(store.db, raw, { bounceAddress: BOUNCE_ADDRESS, now: NOW, ...(envelopeTo ? { envelopeTo } : {}) });
/** The same report with another Message-ID: a new report about the same mail. */
const withMessageId = (raw: Buffer, id: string) => Buffer.from(raw.toString('utf8').replace(/^Message-I[Dd]: .*$/m, `Message-ID: <${id}>`));

describeEachDialect('bounce intake', (ctx) => {
  it('counts a hard bounce by VERP once however often it is ingested; a second report suspends', async () => {
    await addFixtureSubscribers(ctx.store);
    const first = await ingest(ctx.store, fixture('hard-5.1.1-postfix.eml'));
    expect(first).toEqual({
      kind: 'report', key: '20261130070009.4Zk1Qx2Lm3z9sT@mx.example.org',
      results: [{ recipient: 'ann@example.org', kind: 'hard', status: '5.1.1', subscriptionId: 1, outcome: 'counted', suspended: false }],
    });
    const again = await ingest(ctx.store, fixture('hard-5.1.1-postfix.eml'));
    expect(again.kind === 'report' && again.results[0]?.outcome).toBe('duplicate');
    expect(await subscriptionById(ctx.store.db, 1)).toMatchObject({ hardBounces: 1, status: 'active' });
    const next = await ingest(ctx.store, fixture('hard-5.1.1-postfix-next-day.eml'));
    expect(next.kind === 'report' && next.results[0]).toMatchObject({ outcome: 'counted', suspended: true });
    expect(await subscriptionById(ctx.store.db, 1)).toMatchObject({ hardBounces: 2, status: 'suspended' });
    expect(await subscriptionById(ctx.store.db, 2)).toMatchObject({ hardBounces: 0, softBounces: 0, status: 'active' });
  });

  it('counts soft bounces and suspends at the fourth distinct report', async () => {
    await addFixtureSubscribers(ctx.store);
    const raw = fixture('soft-4.2.2-delayed.eml');
    for (let i = 1; i <= 3; i += 1) {
      const out = await ingest(ctx.store, withMessageId(raw, `delay-${i}@mail.example.com`));
      expect(out.kind === 'report' && out.results[0]).toMatchObject({ kind: 'soft', subscriptionId: 2, outcome: 'counted', suspended: false });
    }
    await ingest(ctx.store, withMessageId(raw, 'delay-3@mail.example.com'));
    expect(await subscriptionById(ctx.store.db, 2)).toMatchObject({ softBounces: 3, status: 'active' });
    const fourth = await ingest(ctx.store, withMessageId(raw, 'delay-4@mail.example.com'));
    expect(fourth.kind === 'report' && fourth.results[0]).toMatchObject({ outcome: 'counted', suspended: true });
    expect(await subscriptionById(ctx.store.db, 2)).toMatchObject({ softBounces: 4, status: 'suspended' });
  });

  it('without VERP, trusts Final-Recipient only with the token in the returned headers; forged VERP or no proof change nothing', async () => {
    await addFixtureSubscribers(ctx.store);
    const proven = await ingest(ctx.store, fixture('hard-5.1.1-no-verp.eml'));
    expect(proven.kind === 'report' && proven.results[0]).toMatchObject({ subscriptionId: 1, outcome: 'counted' });
    const forged = fixture('forged-no-proof.eml');
    expect(await ingest(ctx.store, forged)).toMatchObject({ kind: 'report', results: [{ outcome: 'unproven', subscriptionId: null }] });
    // A VERP address with a guessed check is no proof either.
    const guessed = await ingest(ctx.store, withMessageId(forged, 'forged-2@evil.example'), ['bounces+s1-0123456789@paperboy.test']);
    expect(guessed.kind === 'report' && guessed.results[0]?.outcome).toBe('unproven');
    // A report about an address no subscription has.
    const stranger = Buffer.from(forged.toString('utf8').replaceAll('ann@example.org', 'nobody@example.net'));
    expect(await ingest(ctx.store, stranger)).toMatchObject({ kind: 'report', results: [{ outcome: 'unknown_recipient' }] });
    expect(await ingest(ctx.store, fixture('out-of-office.eml'))).toEqual({ kind: 'not_a_report' });
    expect(await subscriptionById(ctx.store.db, 1)).toMatchObject({ hardBounces: 1, status: 'active' });
    const log = await ctx.store.db.selectFrom('subscription_bounces').select(['key', 'kind', 'source', 'status_code']).execute();
    expect(log).toEqual([{ key: 'dsn:20261130090000.NOVERP@mx.example.org:1', kind: 'hard', source: 'dsn', status_code: '5.1.1' }]);
  });

  it('counts 5xx and 4xx at RCPT TO from a real SMTP server; other failures are no bounce', async () => {
    const sink = await startSmtpSink();
    const mailer = new SmtpMailer({ url: sink.url, from: { name: 'Paperboy', address: 'paperboy@paperboy.test' } });
    try {
      const gone = await activeSubscription(ctx.store, 'gone@example.org', `gone-token-${'b'.repeat(32)}`);
      const full = await activeSubscription(ctx.store, 'full@example.org', `full-token-${'c'.repeat(32)}`);
      sink.rejectRecipient('gone@example.org', 550);
      sink.rejectRecipient('full@example.org', 451);
      const send = async (id: number, to: string, n: number) => {
        const sub = await subscriptionById(ctx.store.db, id);
        const messageId = `digest-${id}-${n}@paperboy.test`;
        const err = await mailer
          .send({ to, subject: 'digest', text: 'papers', messageId, returnPath: verpReturnPath(BOUNCE_ADDRESS, { id, unsubscribeToken: sub?.unsubscribeToken ?? '' }) })
          .then(() => null, (e: unknown) => e);
        return recordSendFailure(ctx.store.db, id, err, messageId, NOW);
      };
      expect(await send(gone, 'gone@example.org', 1)).toEqual({ counted: true, suspended: false });
      expect(await send(gone, 'gone@example.org', 1)).toEqual({ counted: false, suspended: false });
      expect(await send(gone, 'gone@example.org', 2)).toEqual({ counted: true, suspended: true });
      for (let n = 1; n <= 3; n += 1) expect((await send(full, 'full@example.org', n))?.suspended).toBe(false);
      expect(await send(full, 'full@example.org', 4)).toEqual({ counted: true, suspended: true });
      expect(await subscriptionById(ctx.store.db, gone)).toMatchObject({ hardBounces: 2, softBounces: 0, status: 'suspended' });
      expect(await subscriptionById(ctx.store.db, full)).toMatchObject({ hardBounces: 0, softBounces: 4, status: 'suspended' });
      expect(sink.rejected.map((r) => r.code)).toEqual([550, 550, 550, 451, 451, 451, 451]);
      // A relay that is down is not the recipient's fault.
      const down = new SmtpMailer({ url: 'smtp://127.0.0.1:1', from: { name: 'Paperboy', address: 'paperboy@paperboy.test' } });
      const err = await down.send({ to: 'x@example.org', subject: 's', text: 't' }).then(() => null, (e: unknown) => e);
      await down.close();
      expect(err).not.toBeNull();
      expect(await recordSendFailure(ctx.store.db, gone, err, 'down-1', NOW)).toBeNull();
    } finally {
      await mailer.close();
      await sink.close();
    }
  });
});
