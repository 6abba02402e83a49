// The inbound bounce role over loopback: a DSN sent with nodemailer to the VERP return path is
// counted against its subscription (once, however often it is delivered); recipients outside the
// bounce domain are refused at RCPT TO; oversize messages are refused; a failing intake answers 451.
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestBounceReport } from '../../src/commands/subscriptions/ingest-bounce.js';
import { startBounceServer, type BounceServer } from '../../src/email/bounce-smtp-server.js';
import { subscriptionById } from '../../src/store/subscriptions.js';
import { describeEachDialect } from '../support/dialects.js';
import { BOUNCE_ADDRESS, BOUNCE_FIXTURES, addFixtureSubscribers } from '../support/subscriptions.js';

const VERP_1 = 'bounces+s1-78bef0a12f@paperboy.test';

function transport(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, logger: false });
}

describeEachDialect('bounce SMTP role', (ctx) => {
  let server: BounceServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('counts a DSN delivered to the VERP address once, refuses other domains and oversize mail', async () => {
    await addFixtureSubscribers(ctx.store);
    const seen: string[][] = [];
    server = await startBounceServer({
      host: '127.0.0.1',
      port: 0,
      bounceAddress: BOUNCE_ADDRESS,
      maxBytes: 64 * 1024,
      onMessage: async (raw, envelope) => {
        seen.push([...envelope.to]);
        await ingestBounceReport(ctx.store.db, raw, { bounceAddress: BOUNCE_ADDRESS, envelopeTo: envelope.to, now: new Date('2026-11-30T12:00:00Z') });
      },
    });
    const t = transport(server.port);
    const raw = fs.readFileSync(path.join(BOUNCE_FIXTURES, 'hard-5.1.1-postfix.eml'));
    // A DSN's envelope sender is empty (RFC 3464 §2: null return path, so it never bounces back).
    const envelope = { from: '', to: [VERP_1] };
    await t.sendMail({ envelope, raw });
    await t.sendMail({ envelope, raw });
    expect(seen).toEqual([[VERP_1], [VERP_1]]);
    expect(await subscriptionById(ctx.store.db, 1)).toMatchObject({ hardBounces: 1, status: 'active' });

    await expect(t.sendMail({ envelope: { from: '', to: ['someone@example.org'] }, raw })).rejects.toMatchObject({ responseCode: 550 });
    const big = Buffer.concat([raw, Buffer.from(`\r\n${'x'.repeat(998)}`.repeat(100))]);
    await expect(t.sendMail({ envelope: { from: '', to: [VERP_1] }, raw: big })).rejects.toMatchObject({ responseCode: 552 });
    expect(seen).toHaveLength(2);
    t.close();
  });
});

describe('bounce SMTP role without a database', () => {
  it('answers 451 when the intake fails, so the sender retries', async () => {
    const server = await startBounceServer({
      host: '127.0.0.1',
      port: 0,
      bounceAddress: BOUNCE_ADDRESS,
      onMessage: () => Promise.reject(new Error('database is down')),
    });
    const t = transport(server.port);
    await expect(t.sendMail({ envelope: { from: '', to: [VERP_1] }, raw: 'Subject: x\r\n\r\nbody\r\n' })).rejects.toMatchObject({ responseCode: 451 });
    t.close();
    await server.close();
  });
});
