// Submissions over HTTP against the real app, on both dialects: the form and its JSON twin, every
// accepted form of id and URL, 400 for bad ids, 401/403, 409 for a paper already on a daily page
// (with a link to it), idempotency under concurrent identical submissions, the new-account limit
// (429 + Retry-After, counted in the database), the offline default (catalog papers only), and a
// paper fetched from a loopback fake arXiv replaying recorded responses.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import { NEW_ACCOUNT_SUBMISSIONS_FIRST_DAY } from '../../src/domain/new-account.js';
import type { Day } from '../../src/domain/period.js';
import { setPaperHidden } from '../../src/store/moderation.js';
import { findPaper } from '../../src/store/papers-read.js';
import { PASSWORD, accountApp, logIn, postForm, postJson, verifiedUser, type AccountApp } from '../support/accounts.js';
import { arxivTestClient } from '../support/arxiv-env.js';
import { describeEachDialect } from '../support/dialects.js';
import { FakeArxivServer, reply } from '../support/fake-arxiv-server.js';
import { addPapers, paperId } from '../support/votes.js';

const TODAY = '2026-11-30' as Day; // the accountApp clock's day
const OLD_STYLE = arxivIdOrThrow('hep-th/9901001');
const FEATURED = paperId(9);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const UNKNOWN = '2611.09999';

interface FeedJson {
  papers: { paper: { id: string }; submitter: { kind: string; name: string } }[];
}

describeEachDialect('submit routes', (ctx) => {
  beforeEach(async () => {
    await addPapers(ctx.store, [paperId(1), paperId(2), paperId(3), paperId(4), paperId(5), OLD_STYLE], null);
    await addPapers(ctx.store, [FEATURED], '2026-11-20' as Day, 7);
  });

  const entries = async (id: string) =>
    ctx.store.db.selectFrom('daily_entries').select(['day', 'submitter_user_id', 'source_id']).where('paper_id', '=', id).execute();
  const nameOf = async (a: AccountApp, who: { cookie: string }) => (await a.app.inject({ url: '/api/account', headers: { cookie: who.cookie } })).json<{ displayName: string }>().displayName;

  it('puts a catalog paper on today\'s daily page credited to the submitter (JSON and form)', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const name = await nameOf(a, ann);
    expect(name).toMatch(/^reader-/);

    const res = await postJson(a.app, '/api/submit', { paper: `https://arxiv.org/abs/${paperId(1)}v3` }, ann);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      id: paperId(1),
      title: `Paper ${paperId(1)}`,
      day: TODAY,
      url: `/papers?date=${TODAY}#p-${paperId(1)}`,
      paperUrl: `/papers/${paperId(1)}`,
      submittedBy: name,
      created: true,
      fetchedFromArxiv: false,
    });
    expect(await entries(paperId(1))).toEqual([{ day: TODAY, submitter_user_id: expect.any(Number) as unknown, source_id: null }]);

    const form = await postForm(a.app, '/submit', { paper: `https://arxiv.org/pdf/${paperId(2)}v1.pdf` }, ann);
    expect(form.statusCode, form.body).toBe(303);
    expect(form.headers.location).toBe(`/papers?date=${TODAY}#p-${paperId(2)}`);
    for (const [i, text] of [[3, `arxiv.org/html/${paperId(3)}v2`], [4, `  ${paperId(4)}v2 `], [5, `arXiv:${paperId(5)}`]] as const) {
      expect((await postJson(a.app, '/api/submit', { paper: text }, ann)).statusCode, text).toBe(201);
      expect((await entries(paperId(i))).length).toBe(1);
    }
    const old = await postForm(a.app, '/submit', { paper: 'https://arxiv.org/abs/hep-th/9901001v1' }, ann);
    expect(old.headers.location).toBe(`/papers?date=${TODAY}#p-hep-th-9901001`);

    // Today's page and its JSON twins credit the submitter.
    const page = await a.app.inject(`/papers?date=${TODAY}`);
    expect(page.body).toMatch(new RegExp(`submitted by <a href="/users/\\d+">${name}</a>`));
    expect(page.body).toContain(`id="p-${paperId(1)}"`);
    const feed = (await a.app.inject(`/api/papers?date=${TODAY}`)).json<FeedJson>();
    expect(feed.papers).toHaveLength(6);
    const mine = feed.papers.find((p) => p.paper.id === paperId(1));
    expect(mine?.submitter).toEqual({ kind: 'user', name });
    expect(JSON.stringify(feed)).not.toContain('ann@example.org');
    const hf = (await a.app.inject(`/api/daily_papers?date=${TODAY}&submitter=${name}`)).json<FeedJson['papers']>();
    expect(hf.map((p) => p.paper.id).sort()).toEqual([paperId(1), paperId(2), paperId(3), paperId(4), paperId(5), OLD_STYLE].sort());
  });

  it('answers 400 for what is not an arXiv id, 401 without a session, 403 without the token or a confirmed address', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    for (const paper of ['not-an-id', 'https://example.org/abs/2611.00001', '2611.1', '9913.00001', '2611.00001v0', 'x'.repeat(501)]) {
      const res = await postJson(a.app, '/api/submit', { paper }, ann);
      expect(res.statusCode, paper).toBe(400);
      expect(res.json()).toMatchObject({ error: 'bad_request' });
    }
    expect((await postJson(a.app, '/api/submit', {}, ann)).statusCode).toBe(400);
    expect((await postJson(a.app, '/api/submit', { paper: '   ' }, ann)).statusCode).toBe(400);
    const form = await postForm(a.app, '/submit', { paper: 'nonsense <b>here</b>' }, ann);
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('is not an arXiv id or arXiv URL');
    expect(form.body).toContain('value="nonsense &lt;b&gt;here&lt;/b&gt;"');

    expect((await postJson(a.app, '/api/submit', { paper: paperId(1) })).statusCode).toBe(401);
    expect((await postForm(a.app, '/submit', { paper: paperId(1) })).statusCode).toBe(401);
    expect((await postJson(a.app, '/api/submit', { paper: paperId(1) }, { ...ann, csrf: 'x'.repeat(43) })).statusCode).toBe(403);
    expect((await postJson(a.app, '/api/submit', { paper: paperId(1) }, ann, { origin: 'https://evil.example' })).statusCode).toBe(403);

    await postJson(a.app, '/api/signup', { email: 'new@example.org', password: PASSWORD });
    const unconfirmed = await logIn(a, 'new@example.org');
    const refused = await postJson(a.app, '/api/submit', { paper: paperId(1) }, unconfirmed);
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ message: string }>().message).toMatch(/Confirm your e-mail address/);
    expect(await entries(paperId(1))).toEqual([]);
  });

  it('refuses a paper already on a daily page with a link to it (409); the same reader again gets the same entry', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const bob = await verifiedUser(a, 'bob@example.org');
    const imported = await postJson(a.app, '/api/submit', { paper: FEATURED }, ann);
    expect(imported.statusCode).toBe(409);
    expect(imported.json()).toEqual({
      error: 'conflict',
      message: expect.stringContaining('already on the daily page of 2026-11-20') as unknown,
      existing: { id: FEATURED, day: '2026-11-20', url: `/papers?date=2026-11-20#p-${FEATURED}`, paperUrl: `/papers/${FEATURED}` },
    });
    const page = await postForm(a.app, '/submit', { paper: FEATURED }, ann);
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain(`href="/papers?date=2026-11-20#p-${FEATURED}"`);

    expect((await postJson(a.app, '/api/submit', { paper: paperId(1) }, ann)).statusCode).toBe(201);
    const again = await postJson(a.app, '/api/submit', { paper: paperId(1) }, ann);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: paperId(1), day: TODAY, created: false });
    const byBob = await postJson(a.app, '/api/submit', { paper: `${paperId(1)}v2` }, bob);
    expect(byBob.statusCode).toBe(409);
    expect(byBob.json()).toMatchObject({ existing: { id: paperId(1), day: TODAY } });
    expect(await entries(paperId(1))).toHaveLength(1);
    expect(await entries(FEATURED)).toHaveLength(1);
  });

  it('keeps one row under concurrent identical submissions', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const results = await Promise.all(Array.from({ length: 20 }, () => postJson(a.app, '/api/submit', { paper: paperId(2) }, ann)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([...Array<number>(19).fill(200), 201]);
    expect(await entries(paperId(2))).toHaveLength(1);
  });

  it(`lets a new account submit ${NEW_ACCOUNT_SUBMISSIONS_FIRST_DAY} papers on its first day, then answers 429 with Retry-After`, async () => {
    const a = await accountApp(ctx.store, { PAPERBOY_NEW_ACCOUNT_HOURS: '72' });
    const ann = await verifiedUser(a, 'ann@example.org');
    a.clock.advance(20 * MINUTE);
    for (let i = 1; i <= NEW_ACCOUNT_SUBMISSIONS_FIRST_DAY; i++) expect((await postJson(a.app, '/api/submit', { paper: paperId(i) }, ann)).statusCode).toBe(201);
    // Submitting one of them again is not a new submission.
    expect((await postJson(a.app, '/api/submit', { paper: paperId(1) }, ann)).statusCode).toBe(200);
    const refused = await postJson(a.app, '/api/submit', { paper: paperId(4) }, ann);
    expect(refused.statusCode).toBe(429);
    const retryAfter = String(24 * 3600 - 20 * 60);
    expect(refused.headers['retry-after']).toBe(retryAfter);
    expect(refused.json<{ message: string }>().message).toMatch(/New accounts can submit 3 papers/);
    const form = await postForm(a.app, '/submit', { paper: paperId(4) }, ann);
    expect(form.statusCode).toBe(429);
    expect(form.headers['retry-after']).toBe(retryAfter);
    expect(await entries(paperId(4))).toEqual([]);
    const hits = await ctx.store.db.selectFrom('rate_limit_hits').select('at').where('action', '=', 'submit').execute();
    expect(hits).toHaveLength(NEW_ACCOUNT_SUBMISSIONS_FIRST_DAY);
    // After its first day the account submits again (it is still new for votes).
    a.clock.advance(24 * HOUR);
    const later = await logIn(a, 'ann@example.org');
    expect((await postJson(a.app, '/api/submit', { paper: paperId(4) }, later)).statusCode).toBe(201);
  });

  it('offline (no arXiv contact address) explains that only catalog papers can be submitted; hidden papers are refused', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const res = await postJson(a.app, '/api/submit', { paper: UNKNOWN }, ann);
    expect(res.statusCode).toBe(404);
    expect(res.json<{ message: string }>().message).toMatch(/only papers already in the catalog can be submitted/);
    const page = await a.app.inject({ url: '/submit', headers: { cookie: ann.cookie } });
    expect(page.body).toContain('only papers already in its catalog can be submitted');
    expect((await a.app.inject({ url: '/api/submit', headers: { cookie: ann.cookie } })).json()).toEqual({
      loggedIn: true,
      emailVerified: true,
      csrfToken: ann.csrf,
      fetchesFromArxiv: false,
    });
    await setPaperHidden(ctx.store.db, paperId(3), true, null, 'spam', '2026-11-30T09:00:00.000Z');
    const hidden = await postJson(a.app, '/api/submit', { paper: paperId(3) }, ann);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json<{ message: string }>().message).toMatch(/Moderators hid/);
    expect(await entries(paperId(3))).toEqual([]);
  });

  it('serves the submit page per reader: a log-in prompt, or the form with the token', async () => {
    const a = await accountApp(ctx.store);
    const anonymous = await a.app.inject('/submit');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain('href="/login"');
    expect(anonymous.body).not.toContain('name="_csrf"');
    expect((await a.app.inject('/api/submit')).json()).toMatchObject({ loggedIn: false, csrfToken: null });
    const ann = await verifiedUser(a, 'ann@example.org');
    const mine = await a.app.inject({ url: '/submit', headers: { cookie: ann.cookie } });
    expect(mine.headers['cache-control']).toBe('no-store');
    expect(mine.body).toContain('action="/submit"');
    expect(mine.body).toContain(`value="${ann.csrf}"`);
  });

  {
    let server: FakeArxivServer;
    beforeEach(async () => {
      server = (await FakeArxivServer.start()).replayRecorded();
    });
    afterEach(async () => {
      await server.close();
    });

    it('fetches a paper that is not in the catalog from arXiv (a loopback fake replaying recorded responses)', async () => {
      const { client } = arxivTestClient(server);
      const a = await accountApp(ctx.store, {}, { arxiv: client });
      const ann = await verifiedUser(a, 'ann@example.org');
      expect(await findPaper(ctx.store.db, arxivIdOrThrow('1111.2011'))).toBeUndefined();
      const res = await postJson(a.app, '/api/submit', { paper: 'https://arxiv.org/abs/1111.2011v2' }, ann);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ id: '1111.2011', day: TODAY, created: true, fetchedFromArxiv: true });
      expect(server.requests.map((r) => r.query.id_list)).toEqual(['1111.2011v2']);
      const paper = await findPaper(ctx.store.db, arxivIdOrThrow('1111.2011'));
      expect(paper?.title).toBe(res.json<{ title: string }>().title);
      expect(paper?.authors.length).toBeGreaterThan(0);
      expect((await a.app.inject(`/api/papers?date=${TODAY}`)).json<FeedJson>().papers.map((p) => p.paper.id)).toEqual(['1111.2011']);
      expect((await a.app.inject({ url: '/api/submit', headers: { cookie: ann.cookie } })).json()).toMatchObject({ fetchesFromArxiv: true });

      // An id arXiv does not know: 404, nothing stored.
      // (arXiv's recorded answer for an id it does not have: a feed without entries.)
      server.on({ path: '/api/query', query: { id_list: UNKNOWN } }, reply.fixture('api-atom/new-2026_id_list_0000.0000_empty.xml'));
      const unknown = await postJson(a.app, '/api/submit', { paper: UNKNOWN }, ann);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json<{ message: string }>().message).toBe(`arXiv has no paper ${UNKNOWN}.`);
      expect(await findPaper(ctx.store.db, arxivIdOrThrow(UNKNOWN))).toBeUndefined();
      // arXiv failing (a status the client does not retry): 503, nothing stored.
      server.on({ path: '/api/query', query: { id_list: '2611.09998' } }, reply.status(400, { body: 'bad request' }));
      const failing = await postJson(a.app, '/api/submit', { paper: '2611.09998' }, ann);
      expect(failing.statusCode).toBe(503);
      expect(failing.json<{ message: string }>().message).toMatch(/arXiv could not be reached/);
      expect(await entries('2611.09998')).toEqual([]);
      expect(server.unmatched()).toEqual([]);
    });
  }
});
