// Vote routes over HTTP against the real app, on both dialects: JSON and form votes, idempotency
// (also under 50 concurrent identical requests), 400/401/403/404, old-style ids, the no-JavaScript
// vote page, the per-user /api/me/votes, the new-account limit (429 + Retry-After), and anonymous
// cached pages that hold nothing of the reader who asks.
import { beforeEach, expect, it } from 'vitest';
import { importHfDaily } from '../../src/commands/import-hf-daily.js';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import { NEW_ACCOUNT_VOTES_PER_WINDOW } from '../../src/domain/new-account.js';
import { PASSWORD, accountApp, logIn, postForm, postJson, verifiedUser } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { HF_SAMPLES } from '../support/paths.js';
import { addPapers, paperId } from '../support/votes.js';

const PAPER = '2608.19880'; // 163 upvotes on HF in the samples

describeEachDialect('vote routes', (ctx) => {
  beforeEach(async () => {
    await importHfDaily(ctx.store, HF_SAMPLES);
  });

  const rows = async (id = PAPER) => (await ctx.store.db.selectFrom('votes').select('user_id').where('paper_id', '=', id).execute()).length;

  it('votes and takes the vote back over JSON, idempotently; the paper shows its votes here beside the HF baseline', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const bob = await verifiedUser(a, 'bob@example.org');
    for (let i = 0; i < 2; i++) {
      const res = await postJson(a.app, `/api/papers/${PAPER}/vote`, {}, ann);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ id: PAPER, voted: true, votes: 1 });
    }
    expect((await postJson(a.app, `/api/papers/${PAPER}/vote`, {}, bob)).json()).toEqual({ id: PAPER, voted: true, votes: 2 });
    expect(await rows()).toBe(2);

    const page = await a.app.inject(`/papers/${PAPER}`);
    expect(page.body).toContain('<span class="count">165 upvotes</span>');
    expect(page.body).toContain('<span class="here">2</span> here · 163 on Hugging Face');
    const api = (await a.app.inject(`/api/papers/${PAPER}`)).json<{ upvotes: number; upvotesBaseline: { upvotes: number } }>();
    expect([api.upvotes, api.upvotesBaseline.upvotes]).toEqual([165, 163]);
    const daily = await a.app.inject('/');
    expect(daily.body).toContain('<span class="here">2</span> here · 163 on HF');

    for (let i = 0; i < 2; i++) {
      const res = await postJson(a.app, `/api/papers/${PAPER}/unvote`, {}, ann);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ id: PAPER, voted: false, votes: 1 });
    }
    expect(await rows()).toBe(1);
  });

  it('answers 400 for a bad id, 401 without a session, 403 without the token or before the address is confirmed, 404 for an unknown paper', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    expect((await postJson(a.app, '/api/papers/not-an-id/vote', {}, ann)).statusCode).toBe(400);
    expect((await postJson(a.app, '/api/papers/2608.19880v2x/vote', {}, ann)).statusCode).toBe(400);
    const anonymous = await postJson(a.app, `/api/papers/${PAPER}/vote`, {});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ error: 'unauthorized' });
    expect((await postJson(a.app, `/api/papers/${PAPER}/vote`, {}, { ...ann, csrf: 'x'.repeat(43) })).statusCode).toBe(403);
    expect((await postJson(a.app, `/api/papers/${PAPER}/vote`, {}, ann, { origin: 'https://evil.example' })).statusCode).toBe(403);
    expect((await postForm(a.app, `/papers/${PAPER}/vote`, {}, { cookie: ann.cookie, csrf: '' })).statusCode).toBe(403);
    expect((await postJson(a.app, '/api/papers/2611.99999/vote', {}, ann)).statusCode).toBe(404);
    expect((await postJson(a.app, '/api/papers/2611.99999/unvote', {}, ann)).statusCode).toBe(404);

    await postJson(a.app, '/api/signup', { email: 'new@example.org', password: PASSWORD });
    const unconfirmed = await logIn(a, 'new@example.org');
    const refused = await postJson(a.app, `/api/papers/${PAPER}/vote`, {}, unconfirmed);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ message: string }>().message).toMatch(/Confirm your e-mail address/);
    expect(await rows()).toBe(0);
  });

  it('keeps the slash of old-style ids, and a versioned id votes for its paper', async () => {
    const old = arxivIdOrThrow('hep-th/9901001');
    await addPapers(ctx.store, [old], null);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    expect((await postJson(a.app, '/api/papers/hep-th/9901001/vote', {}, ann)).json()).toEqual({ id: old, voted: true, votes: 1 });
    expect((await postJson(a.app, `/api/papers/${PAPER}v3/vote`, {}, ann)).json()).toEqual({ id: PAPER, voted: true, votes: 1 });
    const form = await postForm(a.app, '/papers/hep-th/9901001/unvote', {}, ann);
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/papers/hep-th/9901001/vote');
    expect(await rows(old)).toBe(0);
    expect((await a.app.inject({ url: '/papers/hep-th/9901001/vote', headers: { cookie: ann.cookie } })).body).toContain('action="/papers/hep-th/9901001/vote"');
  });

  it('leaves exactly one row after 50 concurrent identical vote requests', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const results = await Promise.all(Array.from({ length: 50 }, () => postJson(a.app, `/api/papers/${PAPER}/vote`, {}, ann)));
    expect(results.map((r) => r.statusCode)).toEqual(Array.from({ length: 50 }, () => 200));
    expect(new Set(results.map((r) => r.body))).toEqual(new Set([JSON.stringify({ id: PAPER, voted: true, votes: 1 })]));
    expect(await rows()).toBe(1);
    const page = await a.app.inject(`/api/papers/${PAPER}`);
    expect(page.json<{ upvotes: number }>().upvotes).toBe(164);
    // And 50 concurrent unvotes leave none.
    const back = await Promise.all(Array.from({ length: 50 }, () => postJson(a.app, `/api/papers/${PAPER}/unvote`, {}, ann)));
    expect(back.every((r) => r.statusCode === 200)).toBe(true);
    expect(await rows()).toBe(0);
  });

  it('works without JavaScript: the vote page holds the form (logged in) or a log-in link (anonymous), and its GET changes nothing', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const anonymous = await a.app.inject(`/papers/${PAPER}/vote`);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain('<a href="/login">Log in</a>');
    expect(anonymous.body).not.toContain('<form class="vote-form"');
    expect(anonymous.headers['cache-control']).toBe('no-store');

    const page = await a.app.inject({ url: `/papers/${PAPER}/vote`, headers: { cookie: ann.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`<form class="vote-form" method="post" action="/papers/${PAPER}/vote">`);
    expect(page.body).toContain(`<input type="hidden" name="_csrf" value="${ann.csrf}">`);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(await rows()).toBe(0);

    const voted = await postForm(a.app, `/papers/${PAPER}/vote`, {}, ann);
    expect(voted.statusCode).toBe(303);
    expect(voted.headers.location).toBe(`/papers/${PAPER}/vote`);
    const after = await a.app.inject({ url: `/papers/${PAPER}/vote`, headers: { cookie: ann.cookie } });
    expect(after.body).toContain('Your vote is on this paper.');
    expect(after.body).toContain(`action="/papers/${PAPER}/unvote"`);
    expect(after.body).toContain('<span class="here">1</span> here · 163 on Hugging Face');
    expect((await postForm(a.app, `/papers/${PAPER}/unvote`, {}, ann)).statusCode).toBe(303);
    expect(await rows()).toBe(0);

    // Feed cards and the paper page link to it.
    expect((await a.app.inject('/')).body).toContain(`<a class="upvote" href="/papers/${PAPER}/vote" data-vote="${PAPER}"`);
    expect((await a.app.inject(`/papers/${PAPER}`)).body).toContain(`href="/papers/${PAPER}/vote"`);
    expect((await a.app.inject('/papers/2611.99999/vote')).statusCode).toBe(404);
    expect((await a.app.inject('/papers/nonsense/vote')).statusCode).toBe(400);
  });

  it('GET /api/me/votes tells a reader which of the listed papers they voted for, with the CSRF token, never cached', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const other = '2608.19875';
    await postJson(a.app, `/api/papers/${PAPER}/vote`, {}, ann);
    const url = `/api/me/votes?ids=${encodeURIComponent(`${other},${PAPER},hep-th/9901001`)}`;
    const mine = await a.app.inject({ url, headers: { cookie: ann.cookie } });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toEqual({ loggedIn: true, csrfToken: ann.csrf, voted: [PAPER] });
    expect(mine.headers['cache-control']).toBe('no-store');
    const anonymous = await a.app.inject(url);
    expect(anonymous.json()).toEqual({ loggedIn: false, csrfToken: null, voted: [] });
    expect(anonymous.headers['cache-control']).toBe('no-store');
    expect(anonymous.headers.vary).toMatch(/cookie/i);
    expect((await a.app.inject({ url: '/api/me/votes?ids=bad', headers: { cookie: ann.cookie } })).statusCode).toBe(400);
    const many = Array.from({ length: 201 }, (_, i) => paperId(i + 1)).join(',');
    expect((await a.app.inject({ url: `/api/me/votes?ids=${many}`, headers: { cookie: ann.cookie } })).statusCode).toBe(400);
    expect((await a.app.inject({ url: '/api/me/votes', headers: { cookie: ann.cookie } })).json()).toMatchObject({ voted: [] });
  });

  it('cached anonymous pages carry no per-user data: a voter gets the same bytes as everyone', async () => {
    const a = await accountApp(ctx.store, { PAPERBOY_PAGE_CACHE_SECONDS: '300' });
    const ann = await verifiedUser(a, 'ann@example.org');
    await postJson(a.app, `/api/papers/${PAPER}/vote`, {}, ann);
    for (const url of ['/', `/papers/${PAPER}`, '/trending', '/trending?window=all', '/api/trending', '/api/papers', `/api/papers/${PAPER}`, '/about/ranking']) {
      const anonymous = await a.app.inject(url);
      const cachedAgain = await a.app.inject(url);
      const voter = await a.app.inject({ url, headers: { cookie: ann.cookie } });
      expect(anonymous.statusCode, url).toBe(200);
      expect(cachedAgain.body, url).toBe(anonymous.body);
      expect(voter.body, `${url} is the same for the voter`).toBe(anonymous.body);
      for (const secret of [ann.csrf, ann.cookie.split('=')[1] ?? '', 'ann@example.org', 'aria-pressed', 'voted']) {
        expect(anonymous.body, `${url} holds ${secret}`).not.toContain(secret);
      }
      expect(anonymous.headers['cache-control'], url).toBeUndefined();
      expect(voter.headers['cache-control'], url).toBe('no-store');
    }
    // The page's script asks for the per-user part; the page itself has no inline script.
    const home = await a.app.inject('/');
    expect(home.body).toContain('<script src="/static/votes.js" defer></script>');
    expect(home.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    const script = await a.app.inject('/static/votes.js');
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('/api/me/votes');
  });

  it(`answers 429 with Retry-After when a new account casts more than ${NEW_ACCOUNT_VOTES_PER_WINDOW} votes in a day`, async () => {
    const ids = Array.from({ length: NEW_ACCOUNT_VOTES_PER_WINDOW + 1 }, (_, i) => paperId(i + 1));
    await addPapers(ctx.store, ids, null);
    const a = await accountApp(ctx.store, { PAPERBOY_NEW_ACCOUNT_HOURS: '72' });
    const ann = await verifiedUser(a, 'ann@example.org');
    for (const id of ids.slice(0, NEW_ACCOUNT_VOTES_PER_WINDOW)) expect((await postJson(a.app, `/api/papers/${id}/vote`, {}, ann)).statusCode).toBe(200);
    const last = ids.at(-1) ?? '';
    const refused = await postJson(a.app, `/api/papers/${last}/vote`, {}, ann);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(24 * 3600));
    expect(refused.json()).toMatchObject({ error: 'too_many_requests' });
    const form = await postForm(a.app, `/papers/${last}/vote`, {}, ann);
    expect(form.statusCode).toBe(429);
    expect(form.headers['retry-after']).toBe(String(24 * 3600));
    expect(form.body).toContain('New accounts can cast 50 votes in 24 hours');
    expect(form.headers['content-security-policy']).toMatch(/script-src 'self'/);
    // A vote already cast is no new vote: still 200.
    expect((await postJson(a.app, `/api/papers/${ids[0] ?? ''}/vote`, {}, ann)).statusCode).toBe(200);
    expect(await rows(last)).toBe(0);
  });
});
