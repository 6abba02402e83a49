// Sending digests through a real SMTP server on loopback, both dialects: what the mails contain
// (both MIME parts and the headers, parsed with mailparser), filters, nothing new, re-runs,
// bounces, claims left by dead runs, and who is due when.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeTally, sendDigests, type SendDigestsOptions } from '../../src/commands/send-digests.js';
import { loadPapers } from '../../src/store/papers-read.js';
import { sendLog } from '../../src/store/digest-sends.js';
import { subscriptionById, unsubscribeByToken } from '../../src/store/subscriptions.js';
import type { SmtpMailer } from '../../src/email/smtp-mailer.js';
import { describeEachDialect } from '../support/dialects.js';
import { CL_PAPERS, SAMPLE_DAY, SITE, digestCatalog, sinkMailer } from '../support/digest.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink.js';
import { activeSubscriber, pendingSubscriber } from '../support/subscribers.js';

const NOW = new Date('2026-11-30T10:00:00Z');

function options(over: Partial<SendDigestsOptions> = {}): SendDigestsOptions {
  return { frequencies: ['daily'], mode: { kind: 'period', date: SAMPLE_DAY }, dryRun: false, to: null, now: () => NOW, log: () => {}, ...over };
}

function header(mail: ReceivedMail, name: string): string | undefined {
  const head = mail.raw.toString('utf8').split('\r\n\r\n')[0] ?? '';
  const unfolded = head.replace(/\r\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(unfolded)?.[1];
}

function idsIn(text: string): string[] {
  return [...text.matchAll(/https:\/\/paperboy\.example\.org\/papers\/(\S+)/g)].map((m) => m[1] ?? '');
}

function titlesIn(text: string): string[] {
  return [...text.matchAll(/^\d+\. +(.+)$/gm)].map((m) => m[1] ?? '');
}

describeEachDialect('sending digests', (ctx) => {
  let sink: SmtpSink;
  let mailer: SmtpMailer;
  beforeEach(async () => {
    sink = await startSmtpSink();
    mailer = sinkMailer(sink);
  });
  afterEach(async () => {
    await mailer.close();
    await sink.close();
  });

  it('mails a plain-text and an HTML part with the papers in trending order, and the digest headers', async () => {
    await digestCatalog(ctx.store);
    const ann = await activeSubscriber(ctx.store.db, 'ann@example.org');
    const summary = await sendDigests(ctx.store, mailer, SITE, options());
    expect(summary.periods.map((t) => describeTally(t, false))).toEqual(['daily:2026-08-21: 1 sent, 0 nothing new (no mail), 0 already done']);
    const [mail] = await sink.waitFor(1);
    expect(mail).toBeDefined();
    if (mail === undefined) return;
    const { parsed } = mail;
    expect(mail.envelope.to).toEqual(['ann@example.org']);
    // VERP: the envelope sender names the subscription (domain/verp.ts), From stays the site's.
    expect(mail.envelope.from).toMatch(new RegExp(`^bounces\\+s${ann.id}-[0-9a-f]{10}@paperboy\\.example\\.org$`));
    expect(parsed.from?.text).toBe('"Paperboy" <paperboy@paperboy.example.org>');
    expect(parsed.subject).toBe('Paperboy daily digest: 10 papers, Friday, 21 Aug 2026');
    expect(parsed.messageId).toMatch(new RegExp(`^<digest\\.daily-2026-08-21\\.s${ann.id}\\.[0-9a-f]{10}@paperboy\\.example\\.org>$`));
    expect(parsed.date?.getTime()).toBeGreaterThan(0);
    expect(header(mail, 'List-Unsubscribe')).toBe(`<https://paperboy.example.org/unsubscribe/${ann.unsubscribeToken}>`);
    expect(header(mail, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(mail, 'Auto-Submitted')).toBe('auto-generated');
    expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });

    // Both parts list the same ten papers, best first: one day, so by votes.
    const text = parsed.text ?? '';
    const html = typeof parsed.html === 'string' ? parsed.html : '';
    const titles = titlesIn(text);
    expect(titles).toHaveLength(10);
    const votes = [...text.matchAll(/▲ (\d+) votes?/g)].map((m) => Number(m[1]));
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    const ids = idsIn(text);
    const papers = await loadPapers(ctx.store.db, ids);
    expect(papers.size).toBe(10);
    for (const id of ids) {
      const p = papers.get(id as never);
      expect(html).toContain(`href="https://paperboy.example.org/papers/${id}"`);
      expect(text).toContain(String((p?.baseline?.upvotes ?? 0) + (p?.localVotes ?? 0)));
    }
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).not.toMatch(/<img|<script|<link /i);
    for (const part of [text, html]) {
      expect(part).toContain(`https://paperboy.example.org/subscription/${ann.unsubscribeToken}`);
      expect(part).toContain(`https://paperboy.example.org/unsubscribe/${ann.unsubscribeToken}`);
    }
    expect((await sendLog(ctx.store.db, 'daily:2026-08-21')).map((r) => [r.subscriptionId, r.status, r.papers])).toEqual([[ann.id, 'sent', 10]]);
  });

  it("keeps each subscriber's categories and keywords, and logs an empty digest without sending it", async () => {
    const { clIds } = await digestCatalog(ctx.store);
    const papers = await loadPapers(ctx.store.db, clIds);
    const cl = await activeSubscriber(ctx.store.db, 'cl@example.org', { categories: ['cs.CL'] });
    const archive = await activeSubscriber(ctx.store.db, 'cs@example.org', { categories: ['cs'] });
    const word = (papers.get(clIds[0] as never)?.title ?? '').split(/[^A-Za-z]+/).find((w) => w.length > 6) ?? '';
    const keyword = await activeSubscriber(ctx.store.db, 'kw@example.org', { keywords: [word.toLowerCase()] });
    const none = await activeSubscriber(ctx.store.db, 'math@example.org', { categories: ['math.AG'] });
    const lines: string[] = [];
    const summary = await sendDigests(ctx.store, mailer, SITE, options({ log: (l) => lines.push(l) }));
    expect(summary.periods.map((t) => describeTally(t, false))).toEqual(['daily:2026-08-21: 3 sent, 1 nothing new (no mail), 0 already done']);
    await sink.waitFor(3);
    const byTo = new Map(sink.messages.map((m) => [m.envelope.to[0], m]));
    expect([...byTo.keys()].sort()).toEqual(['cl@example.org', 'cs@example.org', 'kw@example.org']);
    expect(idsIn(byTo.get('cl@example.org')?.parsed.text ?? '').sort()).toEqual([...clIds].sort());
    expect(titlesIn(byTo.get('cl@example.org')?.parsed.text ?? '')).toHaveLength(CL_PAPERS);
    expect(byTo.get('cl@example.org')?.parsed.text).toContain('Your filters: categories cs.CL');
    expect(titlesIn(byTo.get('cs@example.org')?.parsed.text ?? '')).toHaveLength(10);
    // The keyword digest holds the paper the word was taken from, and only papers that have the word.
    const kwText = byTo.get('kw@example.org')?.parsed.text ?? '';
    const kwIds = idsIn(kwText);
    expect(kwIds).toContain(clIds[0]);
    expect(kwIds.length).toBeLessThan(10);
    const kwPapers = await loadPapers(ctx.store.db, kwIds);
    for (const p of kwPapers.values()) expect(`${p.title} ${p.abstract} ${p.aiKeywords.join(' ')}`.toLowerCase()).toContain(word.toLowerCase());
    const log = await sendLog(ctx.store.db, 'daily:2026-08-21');
    expect(log.map((r) => [r.subscriptionId, r.status])).toEqual([
      [cl.id, 'sent'],
      [archive.id, 'sent'],
      [keyword.id, 'sent'],
      [none.id, 'empty'],
    ]);
    expect(log.find((r) => r.subscriptionId === none.id)?.papers).toBe(0);
  });

  it('sends nothing for a period with nothing new, and says so', async () => {
    await digestCatalog(ctx.store);
    await activeSubscriber(ctx.store.db, 'ann@example.org');
    await activeSubscriber(ctx.store.db, 'bob@example.org', { frequency: 'weekly' });
    // 22 Aug 2026 is a Saturday: nothing was featured.
    const summary = await sendDigests(ctx.store, mailer, SITE, options({ frequencies: ['daily', 'weekly'], mode: { kind: 'period', date: '2026-08-22' as never } }));
    expect(summary.periods.map((t) => describeTally(t, false))).toEqual([
      'daily:2026-08-22: 0 sent, 1 nothing new (no mail), 0 already done',
      // The ISO week 2026-W34 (17–23 Aug) has the 21st: the weekly digest is not empty.
      'weekly:2026-W34: 1 sent, 0 nothing new (no mail), 0 already done',
    ]);
    await sink.waitFor(1);
    expect(sink.messages.map((m) => m.envelope.to[0])).toEqual(['bob@example.org']);
    expect(sink.messages[0]?.parsed.subject).toBe('Paperboy weekly digest: 17 papers, week 34 of 2026 (17 Aug – 23 Aug)');
  });

  it('sends each digest once however often it runs, and never to a pending or unsubscribed address', async () => {
    await digestCatalog(ctx.store);
    const subs = await Promise.all(['a', 'b', 'c'].map((n) => activeSubscriber(ctx.store.db, `${n}@example.org`)));
    await pendingSubscriber(ctx.store.db, 'pending@example.org');
    const gone = await activeSubscriber(ctx.store.db, 'gone@example.org');
    await unsubscribeByToken(ctx.store.db, gone.unsubscribeToken, NOW.toISOString());
    const first = await sendDigests(ctx.store, mailer, SITE, options());
    const second = await sendDigests(ctx.store, mailer, SITE, options());
    expect(first.periods[0]).toMatchObject({ sent: 3, already: 0 });
    expect(second.periods[0]).toMatchObject({ sent: 0, already: 3 });
    expect(first.considered).toBe(3);
    await sink.waitFor(3);
    expect(sink.count).toBe(3);
    expect(sink.envelopes.map((e) => e.to[0]).sort()).toEqual(subs.map((s) => s.email).sort());
    // Concurrent runs share the work without repeating it.
    const more = await Promise.all(['d', 'e', 'f', 'g'].map((n) => activeSubscriber(ctx.store.db, `${n}@example.org`)));
    const [x, y] = await Promise.all([sendDigests(ctx.store, mailer, SITE, options()), sendDigests(ctx.store, mailer, SITE, options())]);
    expect((x.periods[0]?.sent ?? 0) + (y.periods[0]?.sent ?? 0)).toBe(more.length);
    await sink.waitFor(7);
    expect(new Set(sink.envelopes.map((e) => e.to[0])).size).toBe(7);
    expect(sink.count).toBe(7);
  });

  it('counts a 5xx at RCPT as a hard bounce and a 4xx as a soft one, and retries the soft one', async () => {
    await digestCatalog(ctx.store);
    const hard = await activeSubscriber(ctx.store.db, 'gone@example.org');
    const soft = await activeSubscriber(ctx.store.db, 'full@example.org');
    const ok = await activeSubscriber(ctx.store.db, 'ok@example.org');
    sink.rejectRecipient('gone@example.org', 550);
    sink.rejectRecipient('full@example.org', 452);
    const first = await sendDigests(ctx.store, mailer, SITE, options());
    expect(first.periods[0]).toMatchObject({ sent: 1, bounced: 1, deferred: 1 });
    expect(first.skipped.map((s) => [s.email, s.reason.split(':')[0]]).sort()).toEqual([
      ['full@example.org', 'deferred'],
      ['gone@example.org', 'bounced'],
    ]);
    expect(await subscriptionById(ctx.store.db, hard.id)).toMatchObject({ hardBounces: 1, softBounces: 0 });
    expect(await subscriptionById(ctx.store.db, soft.id)).toMatchObject({ hardBounces: 0, softBounces: 1 });

    sink.acceptRecipient('full@example.org');
    const second = await sendDigests(ctx.store, mailer, SITE, options());
    expect(second.periods[0]).toMatchObject({ sent: 1, already: 2, bounced: 0 });
    await sink.waitFor(2);
    expect(sink.envelopes.map((e) => e.to[0]).sort()).toEqual(['full@example.org', 'ok@example.org']);
    const log = await sendLog(ctx.store.db, 'daily:2026-08-21');
    expect(log.map((r) => [r.subscriptionId, r.status, r.attempts])).toEqual([
      [hard.id, 'bounced', 1],
      [soft.id, 'sent', 2],
      [ok.id, 'sent', 1],
    ]);
  });

  it("takes over a dead run's claim with its Message-ID, and leaves a live run's claim alone", async () => {
    await digestCatalog(ctx.store);
    const dead = await activeSubscriber(ctx.store.db, 'dead@example.org');
    const live = await activeSubscriber(ctx.store.db, 'live@example.org');
    const claim = (id: number, by: string, until: string, messageId: string) =>
      ctx.store.db
        .insertInto('digest_sends')
        .values({ subscription_id: id, period_key: 'daily:2026-08-21', status: 'claimed', message_id: messageId, claimed_by: by, claimed_until: until, last_error: null, created_at: NOW.toISOString(), updated_at: NOW.toISOString(), sent_at: null })
        .execute();
    // Lease over: whoever held it is gone. Lease running on another host: it may still be sending.
    await claim(dead.id, 'elsewhere:4242:aa', '2026-11-30T09:00:00.000Z', 'digest.first-claim@paperboy.example.org');
    await claim(live.id, 'elsewhere:4243:bb', '2026-11-30T11:00:00.000Z', 'digest.other@paperboy.example.org');
    const summary = await sendDigests(ctx.store, mailer, SITE, options());
    expect(summary.periods[0]).toMatchObject({ sent: 1, busy: 1 });
    expect(summary.skipped.map((s) => s.email)).toEqual(['live@example.org']);
    const [mail] = await sink.waitFor(1);
    expect(mail?.envelope.to).toEqual(['dead@example.org']);
    expect(mail?.parsed.messageId).toBe('<digest.first-claim@paperboy.example.org>');
  });

  it('sends each subscriber the last local day once their local send hour has come (mode due)', async () => {
    await digestCatalog(ctx.store);
    // 2026-08-22T06:30Z: 08:30 in Berlin (Saturday, so Friday the 21st is due), 15:30 in Tokyo, 02:30 in New York.
    const at = new Date('2026-08-22T06:30:00Z');
    await activeSubscriber(ctx.store.db, 'berlin@example.org', { timeZone: 'Europe/Berlin', sendHour: 8 });
    await activeSubscriber(ctx.store.db, 'late@example.org', { timeZone: 'Europe/Berlin', sendHour: 9 });
    await activeSubscriber(ctx.store.db, 'tokyo@example.org', { timeZone: 'Asia/Tokyo', sendHour: 7 });
    await activeSubscriber(ctx.store.db, 'ny@example.org', { timeZone: 'America/New_York', sendHour: 0 });
    const summary = await sendDigests(ctx.store, mailer, SITE, options({ mode: { kind: 'due' }, now: () => at }));
    expect(summary.notDue).toBe(1);
    expect(summary.periods.map((t) => [t.periodKey, t.sent, t.empty])).toEqual([
      ['daily:2026-08-21', 3, 0],
    ]);
    await sink.waitFor(3);
    expect(sink.envelopes.map((e) => e.to[0]).sort()).toEqual(['berlin@example.org', 'ny@example.org', 'tokyo@example.org']);
    // An hour later only Berlin-at-9 is new; the others are in the send log.
    const later = await sendDigests(ctx.store, mailer, SITE, options({ mode: { kind: 'due' }, now: () => new Date('2026-08-22T07:30:00Z') }));
    expect(later.periods.map((t) => [t.periodKey, t.sent, t.already])).toEqual([['daily:2026-08-21', 1, 3]]);
  });

  it('a dry run sends and logs nothing', async () => {
    await digestCatalog(ctx.store);
    await activeSubscriber(ctx.store.db, 'ann@example.org');
    await activeSubscriber(ctx.store.db, 'math@example.org', { categories: ['math'] });
    const shown: string[] = [];
    const summary = await sendDigests(ctx.store, mailer, SITE, options({ dryRun: true, onDryRunMail: (t) => shown.push(t) }));
    expect(summary.periods.map((t) => describeTally(t, true))).toEqual(['daily:2026-08-21: 1 would be sent, 1 nothing new (no mail), 0 already done']);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatch(/^To: ann@example\.org\nSubject: Paperboy daily digest: 10 papers/);
    expect(sink.count).toBe(0);
    expect(await sendLog(ctx.store.db, 'daily:2026-08-21')).toEqual([]);
  });
});

describe('claims', () => {
  it('are stale when the lease is over or the claiming process of this host is gone', async () => {
    const { claimIsStale } = await import('../../src/commands/send-digests.js');
    const os = await import('node:os');
    const now = new Date('2026-11-30T10:00:00Z');
    const future = '2026-11-30T10:15:00.000Z';
    expect(claimIsStale({ status: 'claimed', claimedBy: 'other:1:x', claimedUntil: '2026-11-30T09:59:59.000Z' }, now)).toBe(true);
    expect(claimIsStale({ status: 'claimed', claimedBy: 'other:1:x', claimedUntil: future }, now)).toBe(false);
    // A pid far above Linux's pid_max is never alive.
    expect(claimIsStale({ status: 'claimed', claimedBy: `${os.hostname()}:99999999:x`, claimedUntil: future }, now)).toBe(true);
    expect(claimIsStale({ status: 'claimed', claimedBy: `${os.hostname()}:${process.ppid}:x`, claimedUntil: future }, now)).toBe(false);
  });
});
