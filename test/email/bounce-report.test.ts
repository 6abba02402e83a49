// Reading RFC 3464 delivery status notifications from realistic .eml fixtures (a Postfix hard
// bounce, a Gmail-style delay, an auto-reply that is no report) and the field syntax itself.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bounceKindOfStatus, parseBounceReport, parseDeliveryStatusFields } from '../../src/email/bounce-report.js';
import { BOUNCE_FIXTURES } from '../support/subscriptions.js';

const fixture = (name: string) => fs.readFileSync(path.join(BOUNCE_FIXTURES, name));

describe('bounce reports', () => {
  it('reads a Postfix hard bounce: 5.1.1 failed for ann, keyed by its Message-ID, original headers returned', async () => {
    const report = await parseBounceReport(fixture('hard-5.1.1-postfix.eml'));
    expect(report?.key).toBe('20261130070009.4Zk1Qx2Lm3z9sT@mx.example.org');
    expect(report?.recipients).toEqual([
      expect.objectContaining({ finalRecipient: 'ann@example.org', originalRecipient: 'ann@example.org', action: 'failed', status: '5.1.1', kind: 'hard' }),
    ]);
    expect(report?.recipients[0]?.diagnosticCode).toContain('User unknown in virtual mailbox table');
    expect(report?.addressedTo).toContain('bounces+s1-78bef0a12f@paperboy.test');
    expect(report?.returned).toContain('List-Unsubscribe: <http://paperboy.test/unsubscribe/fixture-token-1-');
  });

  it('reads a delay as soft, with a folded Final-Recipient and the original as message/rfc822', async () => {
    const report = await parseBounceReport(fixture('soft-4.2.2-delayed.eml'));
    expect(report?.recipients).toEqual([expect.objectContaining({ finalRecipient: 'bob@example.com', action: 'delayed', status: '4.2.2', kind: 'soft' })]);
    expect(report?.returned).toContain('fixture-token-2-');
  });

  it('is null for a mail that is no delivery status report, and hashes reports without Message-ID', async () => {
    expect(await parseBounceReport(fixture('out-of-office.eml'))).toBeNull();
    const raw = Buffer.from(fixture('hard-5.1.1-postfix.eml').toString('utf8').replace(/^Message-Id: .*\r\n/m, ''));
    const report = await parseBounceReport(raw);
    expect(report?.key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await parseBounceReport(raw))?.key).toBe(report?.key);
  });

  it('classifies by status class and action', () => {
    expect(bounceKindOfStatus('failed', '5.7.1')).toBe('hard');
    expect(bounceKindOfStatus('delayed', '4.4.7')).toBe('soft');
    expect(bounceKindOfStatus('failed', '4.4.7')).toBe('soft');
    expect(bounceKindOfStatus('delivered', '2.0.0')).toBeNull();
    expect(bounceKindOfStatus('relayed', '5.0.0')).toBeNull();
    expect(bounceKindOfStatus('failed', null)).toBe('hard');
    expect(bounceKindOfStatus(null, null)).toBeNull();
  });

  it('unfolds continuation lines and splits blocks at blank lines', () => {
    const blocks = parseDeliveryStatusFields('Reporting-MTA: dns; a\r\n\r\nFinal-Recipient: rfc822;\r\n  x@y.z\r\nSTATUS: 5.0.0\r\n\r\n\r\nAction: delayed\r\n');
    expect(blocks.map((b) => Object.fromEntries(b))).toEqual([{ 'reporting-mta': 'dns; a' }, { 'final-recipient': 'rfc822; x@y.z', status: '5.0.0' }, { action: 'delayed' }]);
  });

  it('property: arbitrary bytes never throw, and give null or a report', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        const report = await parseBounceReport(Buffer.from(bytes));
        expect(report === null || Array.isArray(report.recipients)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });
});
