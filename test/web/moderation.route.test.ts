// Flags and moderation over HTTP on both dialects: readers flag, moderators hide and restore with
// a reason (audit-logged), 400/401/403/404 per route, the grant-moderator command.
import { expect, it } from 'vitest';
import { grantModerator } from '../../src/commands/moderation.js';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import { dayOf } from '../../src/domain/period.js';
import type { Store } from '../../src/store/db.js';
import { upsertDailyBatch } from '../../src/store/papers-write.js';
import { accountApp, enrolTwoFactor, postForm, postJson, verifiedUser, type AccountApp } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';

const PAPER = arxivIdOrThrow('2611.00001');
const NOW = () => new Date('2026-11-30T10:00:00Z');

async function addPaper(store: Store): Promise<void> {
  await upsertDailyBatch(store.db, [{ id: PAPER, title: 'A paper', abstract: 'About it.', publishedAt: '2026-11-01T00:00:00Z' }], [
    { day: dayOf(new Date('2026-11-30T00:00:00Z')), paperId: PAPER, source: 'hf-daily' as const, baseline: null },
  ]);
}

interface Thread {
  count: number;
  comments: { id: number; hidden: boolean; hiddenReason: string | null; html: string; author: string | null }[];
}

async function thread(a: AccountApp) {
  return (await a.app.inject({ url: `/api/papers/${PAPER}/comments` })).json<Thread>();
}

describeEachDialect('moderation routes', (ctx) => {
  it('readers flag; only moderators hide and restore, with a reason, into the audit log', async () => {
    await addPaper(ctx.store);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const bob = await verifiedUser(a, 'bob@example.org');
    const posted = (await postJson(a.app, `/api/papers/${PAPER}/comments`, { body: 'buy cheap pills' }, ann)).json<{ id: number }>();

    // Flag: form and JSON; twice is one flag; 401 anonymous; 404 unknown; 400 too long a reason.
    expect((await postForm(a.app, `/comments/${posted.id}/flag`, { reason: 'spam' }, bob)).statusCode).toBe(303);
    const again = await postJson(a.app, `/api/comments/${posted.id}/flag`, { reason: 'spam' }, bob);
    expect(again.json()).toMatchObject({ flagged: true, new: false });
    expect((await postJson(a.app, `/api/comments/${posted.id}/flag`, {})).statusCode).toBe(401);
    expect((await postJson(a.app, '/api/comments/999999/flag', {}, bob)).statusCode).toBe(404);
    expect((await postJson(a.app, `/api/comments/${posted.id}/flag`, { reason: 'x'.repeat(501) }, bob)).statusCode).toBe(400);
    expect((await postJson(a.app, `/api/papers/${PAPER}/flag`, { reason: 'off-topic' }, bob)).statusCode).toBe(200);

    // Readers cannot moderate or see the queue.
    expect((await postJson(a.app, `/api/moderation/comments/${posted.id}/hide`, { reason: 'spam' }, bob)).statusCode).toBe(403);
    expect((await postJson(a.app, `/api/moderation/comments/${posted.id}/hide`, { reason: 'spam' })).statusCode).toBe(401);
    expect((await a.app.inject({ url: '/moderation', headers: { cookie: bob.cookie } })).statusCode).toBe(403);
    expect((await a.app.inject({ url: '/moderation' })).statusCode).toBe(401);
    expect((await a.app.inject({ url: '/api/moderation', headers: { cookie: bob.cookie } })).statusCode).toBe(403);

    // A moderator (granted as by the CLI; the role is read with the session) hides with a reason.
    expect(await grantModerator(ctx.store, NOW, 'Mod@Example.org')).toEqual({ kind: 'no_account' });
    const mod = await verifiedUser(a, 'mod@example.org');
    expect((await grantModerator(ctx.store, NOW, 'MOD@example.org')).kind).toBe('granted');
    expect((await grantModerator(ctx.store, NOW, 'mod@example.org')).kind).toBe('already');
    await enrolTwoFactor(a, mod);
    const queue = await a.app.inject({ url: '/moderation', headers: { cookie: mod.cookie } });
    expect(queue.statusCode).toBe(200);
    expect(queue.body).toContain(`comment ${posted.id}`);
    expect(queue.body).toContain(`value="${mod.csrf}"`);
    expect((await postJson(a.app, `/api/moderation/comments/${posted.id}/hide`, { reason: ' ' }, mod)).statusCode).toBe(400);
    expect((await postJson(a.app, `/api/moderation/comments/${posted.id}/hide`, {}, mod)).statusCode).toBe(400);
    expect((await postJson(a.app, '/api/moderation/comments/999999/hide', { reason: 'spam' }, mod)).statusCode).toBe(404);
    const hide = await postForm(a.app, `/moderation/comments/${posted.id}/hide`, { reason: 'spam <script>alert(1)</script>' }, mod);
    expect(hide.statusCode, hide.body).toBe(303);

    let t = await thread(a);
    expect(t.count).toBe(0);
    expect(t.comments[0]).toMatchObject({ hidden: true, hiddenReason: 'spam <script>alert(1)</script>', html: '', author: null });
    const page = (await a.app.inject({ url: `/papers/${PAPER}` })).body;
    expect(page).toContain('[hidden by a moderator: spam &lt;script&gt;alert(1)&lt;/script&gt;]');
    expect(page).not.toContain('buy cheap pills');
    // The writer cannot edit a hidden comment, nor can anyone reply to it.
    expect((await postJson(a.app, `/api/comments/${posted.id}/edit`, { body: 'fixed' }, ann)).statusCode).toBe(403);
    expect((await postJson(a.app, `/api/papers/${PAPER}/comments`, { body: 're', parent: posted.id }, bob)).statusCode).toBe(400);

    const restore = await postJson(a.app, `/api/moderation/comments/${posted.id}/restore`, { reason: 'not spam after all' }, mod);
    expect(restore.json()).toMatchObject({ kind: 'comment', id: String(posted.id), hidden: false });
    t = await thread(a);
    expect(t.count).toBe(1);
    expect(t.comments[0]).toMatchObject({ hidden: false, hiddenReason: null });

    const log = (await a.app.inject({ url: '/api/moderation', headers: { cookie: mod.cookie } })).json<{ flags: unknown[]; log: { action: string; targetKind: string; reason: string }[] }>();
    expect(log.log.map((e) => `${e.action} ${e.targetKind}`)).toEqual(['restore comment', 'hide comment', 'grant_moderator user']);
    // Hiding resolved the comment's flags; the paper's flag is still open.
    expect(log.flags).toEqual([expect.objectContaining({ kind: 'paper', id: PAPER, count: 1, reasons: ['off-topic'] })]);
  });

  it('hides a paper (its page and JSON answer 404 with the reason) and restores it', async () => {
    await addPaper(ctx.store);
    const a = await accountApp(ctx.store);
    const mod = await verifiedUser(a, 'mod@example.org');
    await grantModerator(ctx.store, NOW, 'mod@example.org');
    await enrolTwoFactor(a, mod);
    expect((await postJson(a.app, '/api/moderation/papers/not-an-id/hide', { reason: 'x' }, mod)).statusCode).toBe(400);
    expect((await postJson(a.app, '/api/moderation/papers/2611.99999/hide', { reason: 'x' }, mod)).statusCode).toBe(404);
    expect((await postForm(a.app, `/moderation/papers/${PAPER}/hide`, { reason: 'plagiarism' }, mod)).statusCode).toBe(303);
    const hidden = await a.app.inject({ url: `/papers/${PAPER}` });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toContain('plagiarism');
    expect((await a.app.inject({ url: `/api/papers/${PAPER}/comments` })).statusCode).toBe(404);
    expect((await postJson(a.app, `/api/papers/${PAPER}/comments`, { body: 'hi' }, mod)).statusCode).toBe(404);
    expect((await postJson(a.app, `/api/moderation/papers/${PAPER}/restore`, { reason: 'cleared' }, mod)).statusCode).toBe(200);
    expect((await a.app.inject({ url: `/papers/${PAPER}` })).statusCode).toBe(200);
  });

  it('serves the flag page per reader', async () => {
    await addPaper(ctx.store);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    expect((await a.app.inject({ url: `/flag?paper=${PAPER}` })).body).toContain('href="/login"');
    const mine = await a.app.inject({ url: `/flag?paper=${PAPER}`, headers: { cookie: ann.cookie } });
    expect(mine.headers['cache-control']).toBe('no-store');
    expect(mine.body).toContain(`action="/papers/${PAPER}/flag"`);
    expect(mine.body).toContain(`value="${ann.csrf}"`);
    expect((await a.app.inject({ url: '/flag' })).statusCode).toBe(400);
  });
});
