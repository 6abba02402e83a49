// The digest send log on both dialects: claims are taken once, only for active subscriptions;
// final rows are never taken again; a claim is taken over only when the caller says its runner is
// gone (keeping the first Message-ID); only the claiming runner may finish or release a claim.
import { expect, it } from 'vitest';
import { claimDigestSend, claimNewDigestSends, finishDigestSend, finishedSends, releaseClaims, sendLog } from '../../src/store/digest-sends.js';
import { unsubscribeByToken } from '../../src/store/subscriptions.js';
import { describeEachDialect } from '../support/dialects.js';
import { activeSubscriber, pendingSubscriber } from '../support/subscribers.js';

const NOW = '2026-11-30T10:00:00.000Z';
const LEASE = '2026-11-30T10:15:00.000Z';
const KEY = 'daily:2026-11-29';

describeEachDialect('digest send log', (ctx) => {
  it('claims new sends in a batch once, and only for active subscriptions', async () => {
    const a = await activeSubscriber(ctx.store.db, 'a@example.org');
    const b = await activeSubscriber(ctx.store.db, 'b@example.org');
    const { sub: pending } = await pendingSubscriber(ctx.store.db, 'p@example.org');
    const gone = await activeSubscriber(ctx.store.db, 'g@example.org');
    await unsubscribeByToken(ctx.store.db, gone.unsubscribeToken, NOW);
    const claims = [a, b, pending, gone].map((s) => ({ subscriptionId: s.id, periodKey: KEY, messageId: `m${s.id}@x` }));
    const first = await claimNewDigestSends(ctx.store.db, claims, 'r1', LEASE, NOW);
    expect([...first.keys()].sort()).toEqual([`${a.id}:${KEY}`, `${b.id}:${KEY}`].sort());
    expect(first.get(`${a.id}:${KEY}`)).toMatchObject({ messageId: `m${a.id}@x`, attempts: 1 });
    expect((await claimNewDigestSends(ctx.store.db, claims, 'r2', LEASE, NOW)).size).toBe(0);
    // Another period is another send.
    expect((await claimNewDigestSends(ctx.store.db, [{ subscriptionId: a.id, periodKey: 'daily:2026-11-30', messageId: 'n@x' }], 'r2', LEASE, NOW)).size).toBe(1);
    expect((await sendLog(ctx.store.db, KEY)).map((r) => [r.subscriptionId, r.status])).toEqual([
      [a.id, 'claimed'],
      [b.id, 'claimed'],
    ]);
    // The uniqueness rule itself.
    await expect(
      ctx.store.db.insertInto('digest_sends').values({ subscription_id: a.id, period_key: KEY, status: 'sent', message_id: 'x@x', claimed_by: null, claimed_until: null, last_error: null, created_at: NOW, updated_at: NOW, sent_at: NOW }).execute(),
    ).rejects.toThrow();
  });

  it('finishes only its own claims; final rows stay final; takeovers keep the Message-ID', async () => {
    const a = await activeSubscriber(ctx.store.db, 'a@example.org');
    const b = await activeSubscriber(ctx.store.db, 'b@example.org');
    const claim = (id: number, runner: string, mayTakeOver: boolean) =>
      claimDigestSend(ctx.store.db, { subscriptionId: id, periodKey: KEY, messageId: `${runner}-${id}@x`, runner, leaseUntil: LEASE, now: NOW }, () => mayTakeOver);
    const ca = await claim(a.id, 'r1', false);
    expect(ca).toMatchObject({ kind: 'claimed', messageId: `r1-${a.id}@x`, attempts: 1 });
    if (ca.kind !== 'claimed') return;
    expect(await claim(a.id, 'r2', false)).toEqual({ kind: 'busy', claimedBy: 'r1' });
    expect(await finishDigestSend(ctx.store.db, ca.id, 'r2', { status: 'sent', papers: 3, now: NOW })).toBe(false);
    expect(await finishDigestSend(ctx.store.db, ca.id, 'r1', { status: 'sent', papers: 3, now: NOW })).toBe(true);
    expect(await claim(a.id, 'r2', true)).toEqual({ kind: 'done', status: 'sent' });

    const cb = await claim(b.id, 'r1', false);
    const taken = await claim(b.id, 'r2', true);
    expect(taken).toMatchObject({ kind: 'claimed', messageId: `r1-${b.id}@x`, attempts: 2 });
    if (cb.kind !== 'claimed') return;
    expect(await finishDigestSend(ctx.store.db, cb.id, 'r1', { status: 'sent', papers: 3, now: NOW })).toBe(false);
    expect(await releaseClaims(ctx.store.db, 'r1', NOW)).toBe(0);
    expect(await releaseClaims(ctx.store.db, 'r2', NOW)).toBe(1);
    expect((await sendLog(ctx.store.db, KEY)).map((r) => [r.subscriptionId, r.status])).toEqual([
      [a.id, 'sent'],
      [b.id, 'deferred'],
    ]);
    expect(await finishedSends(ctx.store.db, [a.id, b.id], [KEY])).toEqual(new Set([`${a.id}:${KEY}`]));
    // A deferred send is taken again by the next run, unless the subscription left meanwhile.
    await unsubscribeByToken(ctx.store.db, b.unsubscribeToken, NOW);
    expect(await claim(b.id, 'r3', false)).toEqual({ kind: 'inactive' });
    const { sub: never } = await pendingSubscriber(ctx.store.db, 'n@example.org');
    expect(await claim(never.id, 'r3', true)).toEqual({ kind: 'inactive' });
  });
});
