// Author claims over HTTP on both dialects: a reader claims a paper (form and JSON, with a note),
// a moderator approves or rejects with a reason (audit-logged), approved claimants are marked on
// their comments and on the paper page and its JSON; 400/401/403/404 per route.
import { expect, it } from 'vitest';
import { grantModerator } from '../../src/commands/moderation.js';
import type { Day } from '../../src/domain/period.js';
import * as S from '../../src/web/openapi/schemas.js';
import { PASSWORD, accountApp, enrolTwoFactor, logIn, postForm, postJson, verifiedUser } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { addPapers, paperId } from '../support/votes.js';

const PAPER = paperId(1);
const NOW = () => new Date('2026-11-30T10:00:00Z');

interface Thread {
  comments: { author: string | null; byPaperAuthor: boolean }[];
}

describeEachDialect('author claim routes', (ctx) => {
  it('a moderator approves one claim and rejects another; approved claimants are marked as authors', async () => {
    await addPapers(ctx.store, [PAPER], '2026-11-30' as Day);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const bob = await verifiedUser(a, 'bob@example.org');
    const mod = await verifiedUser(a, 'mod@example.org');
    await grantModerator(ctx.store, NOW, 'mod@example.org');
    await enrolTwoFactor(a, mod); // moderating needs a session that passed two-factor
    const name = async (who: { cookie: string }) => (await a.app.inject({ url: '/api/account', headers: { cookie: who.cookie } })).json<{ displayName: string }>().displayName;
    const annName = await name(ann);
    await postJson(a.app, `/api/papers/${PAPER}/comments`, { body: 'I wrote this.' }, ann);
    await postJson(a.app, `/api/papers/${PAPER}/comments`, { body: 'So did I.' }, bob);

    // The paper page links to the per-reader claim page, which holds the form.
    expect((await a.app.inject(`/papers/${PAPER}`)).body).toContain(`href="/claim?paper=${PAPER}"`);
    const form = await a.app.inject({ url: `/claim?paper=${PAPER}`, headers: { cookie: ann.cookie } });
    expect(form.body).toContain(`action="/papers/${PAPER}/claim"`);
    expect(form.body).toContain(`value="${ann.csrf}"`);

    const filed = await postForm(a.app, `/papers/${PAPER}/claim`, { note: 'See my page <b>here</b>' }, ann);
    expect(filed.statusCode).toBe(303);
    expect(filed.headers.location).toBe(`/claim?paper=${PAPER}`);
    const again = await postJson(a.app, `/api/papers/${PAPER}/claim`, { note: 'again' }, ann);
    expect(again.statusCode).toBe(200);
    const annClaim = again.json<{ id: number; status: string; note: string; created: boolean }>();
    expect(annClaim).toMatchObject({ status: 'pending', note: 'See my page <b>here</b>', created: false });
    expect(S.ClaimMade.safeParse(annClaim).error?.issues ?? []).toEqual([]);
    const bobClaim = await postJson(a.app, `/api/papers/${PAPER}/claim`, {}, bob);
    expect(bobClaim.statusCode).toBe(201);
    expect((await a.app.inject({ url: `/claim?paper=${PAPER}`, headers: { cookie: ann.cookie } })).body).toContain('waits for a moderator');

    // The queue shows both claims, escaped, with the forms.
    const queue = await a.app.inject({ url: '/moderation', headers: { cookie: mod.cookie } });
    expect(queue.body).toContain(`action="/moderation/claims/${annClaim.id}/approve"`);
    expect(queue.body).toContain('See my page &lt;b&gt;here&lt;/b&gt;');
    const api = (await a.app.inject({ url: '/api/moderation', headers: { cookie: mod.cookie } })).json<{ claims: { id: number; claimant: string; claimantProfile: string }[] }>();
    expect(api.claims.map((c) => c.id)).toEqual([annClaim.id, bobClaim.json<{ id: number }>().id]);
    expect(api.claims[0]).toMatchObject({ claimant: annName, claimantProfile: expect.stringMatching(/^\/users\/\d+$/) as unknown });
    expect(JSON.stringify(api)).not.toContain('@example.org');
    expect(S.ModerationQueue.safeParse(api).error?.issues ?? []).toEqual([]);

    // Nobody is marked before a decision.
    let thread = (await a.app.inject(`/api/papers/${PAPER}/comments`)).json<Thread>();
    expect(thread.comments.map((c) => c.byPaperAuthor)).toEqual([false, false]);

    expect((await postForm(a.app, `/moderation/claims/${annClaim.id}/approve`, { reason: 'matches the arXiv author list' }, mod)).statusCode).toBe(303);
    const rejected = await postJson(a.app, `/api/moderation/claims/${bobClaim.json<{ id: number }>().id}/reject`, { reason: 'no evidence' }, mod);
    expect(rejected.json()).toMatchObject({ status: 'rejected', decisionReason: 'no evidence' });
    expect(S.Claim.safeParse(rejected.json()).error?.issues ?? []).toEqual([]);

    thread = (await a.app.inject(`/api/papers/${PAPER}/comments`)).json<Thread>();
    expect(thread.comments.map((c) => c.byPaperAuthor)).toEqual([true, false]);
    const page = (await a.app.inject(`/papers/${PAPER}`)).body;
    expect(page.match(/<span class="badge author"[^>]*>paper author<\/span>/g)).toHaveLength(2); // on ann's comment, and beside her name
    expect(page).toMatch(new RegExp(`<dd class="claimed-by"><a href="/users/\\d+">${annName}</a>`));
    const json = (await a.app.inject(`/api/papers/${PAPER}`)).json<{ claimedBy: { name: string; profile: string }[] }>();
    expect(S.PaperPage.safeParse(json).error?.issues ?? []).toEqual([]);
    expect(json.claimedBy).toEqual([{ name: annName, profile: expect.stringMatching(/^\/users\/\d+$/) as unknown }]);
    expect((await a.app.inject({ url: `/claim?paper=${PAPER}`, headers: { cookie: bob.cookie } })).body).toContain('rejected your claim: no evidence');

    const log = (await a.app.inject({ url: '/api/moderation', headers: { cookie: mod.cookie } })).json<{ claims: unknown[]; log: { action: string; targetKind: string; reason: string }[] }>();
    expect(log.claims).toEqual([]);
    expect(log.log.map((e) => `${e.action} ${e.targetKind} ${e.reason}`)).toEqual([
      'reject_claim claim no evidence',
      'approve_claim claim matches the arXiv author list',
      'grant_moderator user role user → moderator',
    ]);
    // The rebuilt audit log still refuses unknown actions.
    await expect(
      ctx.store.db.insertInto('moderation_log').values({ actor_id: null, action: 'bogus' as 'hide', target_kind: 'claim', target_id: '1', reason: 'x', created_at: 'x' }).execute(),
    ).rejects.toThrow();
  });

  it('answers 400 for bad input, 401 without a session, 403 for readers and unconfirmed addresses, 404 for unknown papers and claims', async () => {
    await addPapers(ctx.store, [PAPER], null);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const mod = await verifiedUser(a, 'mod@example.org');
    await grantModerator(ctx.store, NOW, 'mod@example.org');
    await enrolTwoFactor(a, mod); // moderating needs a session that passed two-factor
    expect((await postJson(a.app, `/api/papers/${PAPER}/claim`, {})).statusCode).toBe(401);
    expect((await postForm(a.app, `/papers/${PAPER}/claim`, {})).statusCode).toBe(401);
    expect((await postJson(a.app, '/api/papers/not-an-id/claim', {}, ann)).statusCode).toBe(400);
    expect((await postJson(a.app, `/api/papers/${PAPER}/claim`, { note: 'x'.repeat(501) }, ann)).statusCode).toBe(400);
    expect((await postJson(a.app, '/api/papers/2611.99999/claim', {}, ann)).statusCode).toBe(404);
    expect((await postJson(a.app, `/api/papers/${PAPER}/claim`, {}, { ...ann, csrf: 'x'.repeat(43) })).statusCode).toBe(403);
    await postJson(a.app, '/api/signup', { email: 'new@example.org', password: PASSWORD });
    const unconfirmed = await logIn(a, 'new@example.org');
    expect((await postJson(a.app, `/api/papers/${PAPER}/claim`, {}, unconfirmed)).statusCode).toBe(403);

    const claim = (await postJson(a.app, `/api/papers/${PAPER}/claim`, {}, ann)).json<{ id: number }>();
    expect((await postJson(a.app, `/api/moderation/claims/${claim.id}/approve`, { reason: 'mine' }, ann)).statusCode).toBe(403);
    expect((await postJson(a.app, `/api/moderation/claims/${claim.id}/approve`, { reason: 'ok' })).statusCode).toBe(401);
    expect((await postJson(a.app, `/api/moderation/claims/${claim.id}/approve`, { reason: ' ' }, mod)).statusCode).toBe(400);
    expect((await postJson(a.app, '/api/moderation/claims/abc/approve', { reason: 'ok' }, mod)).statusCode).toBe(400);
    expect((await postJson(a.app, '/api/moderation/claims/999999/approve', { reason: 'ok' }, mod)).statusCode).toBe(404);
    expect((await a.app.inject('/claim?paper=2611.99999')).statusCode).toBe(404);
    expect((await a.app.inject('/claim')).statusCode).toBe(400);
    expect((await a.app.inject(`/claim?paper=${PAPER}`)).body).toContain('href="/login"');
    const rows = await ctx.store.db.selectFrom('author_claims').select('status').execute();
    expect(rows).toEqual([{ status: 'pending' }]);
  });
});
