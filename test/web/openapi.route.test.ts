// The OpenAPI description: /api/openapi.json is a valid OpenAPI 3.1 document (checked against the
// official schema by @seriousme/openapi-schema-validator); every /api route of the app's route
// table is described, and nothing that is not a route; real answers of the endpoints parse with
// the answer schemas the document is built from (strictly: no undescribed field); /api/docs is a
// server-rendered page with no inline script.
import { Validator } from '@seriousme/openapi-schema-validator';
import { expect, it } from 'vitest';
import type { z } from 'zod';
import { indexPendingPapers } from '../../src/commands/search-index.js';
import { dayOf } from '../../src/domain/period.js';
import { COMMENT_INTERVAL_S } from '../../src/domain/rate-limits.js';
import { totpCode } from '../../src/domain/totp.js';
import { upsertDailyBatch } from '../../src/store/papers-write.js';
import { routeTable } from '../../src/web/middleware/access.js';
import { OPERATIONS } from '../../src/web/openapi/operations.js';
import * as S from '../../src/web/openapi/schemas.js';
import { ORIGIN, PASSWORD, accountApp, postJson, verifiedUser } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { addPapers, paperId } from '../support/votes.js';

type Doc = { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>; components: { schemas: Record<string, unknown> } };

describeEachDialect('OpenAPI', (ctx) => {
  it('serves a valid OpenAPI 3.1 document', async () => {
    const a = await accountApp(ctx.store);
    const res = await a.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers.etag).toBeDefined();
    const doc = res.json<Doc>();
    expect(doc.openapi).toBe('3.1.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    // Every $ref points at a schema the document holds.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(doc.components.schemas, ref).toHaveProperty(ref ?? '');
    // Token routes name the scope they need.
    expect(doc.paths['/api/papers/{id}/vote']?.post?.security).toEqual([{ sessionCookie: [], csrfToken: [] }, { bearerToken: ['vote'] }]);
  });

  it('describes every /api route of the route table, and no route the app does not have', async () => {
    const a = await accountApp(ctx.store);
    await a.app.ready();
    const routes = routeTable(a.app)
      .filter((r) => (r.url === '/api' || r.url.startsWith('/api/')) && r.method !== 'HEAD' && r.method !== 'OPTIONS')
      .map((r) => `${r.method} ${r.url}`);
    expect(routes.length).toBeGreaterThan(30);
    const described = new Set(OPERATIONS.flatMap((op) => op.routes.map((r) => `${op.method.toUpperCase()} ${r}`)));
    const missing = routes.filter((r) => !described.has(r));
    expect(missing, 'add these routes to src/web/openapi/operations.ts').toEqual([]);
    expect([...described].filter((d) => !routes.includes(d)), 'described but not routes of the app').toEqual([]);
    // And each operation is in the served document.
    const doc = (await a.app.inject('/api/openapi.json')).json<Doc>();
    for (const op of OPERATIONS) expect(doc.paths[op.path]?.[op.method], `${op.method} ${op.path}`).toBeDefined();
  });

  it('real answers parse with the answer schemas of the document', async () => {
    const ids = [paperId(1), paperId(2)];
    const day = dayOf(new Date('2026-11-30T00:00:00Z'));
    const papers = ids.map((id) => ({ id, title: `Paper ${id}`, abstract: `About paper ${id}.`, authors: ['Ada Lovelace'], categories: ['cs.LG', 'stat.ML'], publishedAt: '2026-11-29T10:00:00Z' }));
    const baseline = { source: 'hf-daily' as const, upvotes: 3, comments: 1, asOf: day };
    await upsertDailyBatch(ctx.store.db, papers, ids.map((paperId) => ({ day, paperId, source: 'hf-daily' as const, baseline })));
    await indexPendingPapers(ctx.store);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const check = async (schema: z.ZodType, url: string, init: { method?: 'POST'; body?: object; who?: typeof ann } = {}) => {
      const res = init.method ? await postJson(a.app, url, init.body ?? {}, init.who) : await a.app.inject({ url, headers: init.who ? { cookie: init.who.cookie } : {} });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBeLessThan(300);
      const parsed = schema.safeParse(res.json());
      expect(parsed.success ? [] : parsed.error.issues, url).toEqual([]);
      return res.json<Record<string, unknown>>();
    };
    const [p1] = ids;
    await check(S.VoteState, `/api/papers/${p1}/vote`, { method: 'POST', who: ann });
    const comment = await check(S.Comment, `/api/papers/${p1}/comments`, { method: 'POST', body: { body: 'Nice *paper*.' }, who: ann });
    a.clock.advance(COMMENT_INTERVAL_S * 1000); // comments of one account are at least this far apart
    await check(S.Comment, `/api/papers/${p1}/comments`, { method: 'POST', body: { body: 'A reply.', parent: comment.id }, who: ann });
    await check(S.HfDailyList, '/api/daily_papers?date=2026-11-30');
    await check(S.PaperPage, `/api/papers/${p1}`);
    await check(S.PeriodFeed, '/api/papers?date=2026-11-30');
    await check(S.PeriodFeed, '/api/papers/week/2026-W49');
    await check(S.PeriodFeed, '/api/papers/month/2026-11');
    await check(S.NewListing, '/api/new');
    await check(S.TrendingListing, '/api/trending?window=all');
    await check(S.AuthorListing, `/api/authors/${encodeURIComponent('Ada Lovelace')}`);
    await check(S.CategoryListing, '/api/categories/cs.LG');
    await check(S.CommentThread, `/api/papers/${p1}/comments`);
    await check(S.SimilarPapers, `/api/papers/${p1}/similar`);
    await check(S.MyVotes, `/api/me/votes?ids=${ids.join(',')}`, { who: ann });
    await check(S.MyComments, `/api/me/comments?paper=${p1}`, { who: ann });
    const me = await check(S.Account, '/api/account', { who: ann });
    await check(S.UserProfile, `/api/users/${String(me.id)}`);
    const enrolment = await check(S.TotpEnrolment, '/api/account/two-factor/setup', { method: 'POST', who: ann });
    await check(S.TwoFactorStatus, '/api/account/two-factor', { who: ann });
    await check(S.RecoveryCodes, '/api/account/two-factor/enable', { method: 'POST', body: { current_password: PASSWORD, code: totpCode(String(enrolment.secret), a.clock.now()) }, who: ann });
    await check(S.RecoveryCodes, '/api/account/two-factor/recovery-codes', { method: 'POST', body: { current_password: PASSWORD }, who: ann });
    const secondStep = await postJson(a.app, '/api/login', { email: 'ann@example.org', password: PASSWORD });
    expect(S.LogInAnswer.safeParse(secondStep.json()).success, secondStep.body).toBe(true);
    a.clock.advance(30_000);
    const pending = secondStep.cookies.find((c) => c.name.endsWith('paperboy_pending_login'));
    const loggedIn = await a.app.inject({ method: 'POST', url: '/api/login/two-factor', payload: { code: totpCode(String(enrolment.secret), a.clock.now()) }, headers: { origin: ORIGIN, cookie: `${pending?.name}=${pending?.value}` } });
    expect(loggedIn.statusCode, loggedIn.body).toBe(200);
    expect(S.LogInAnswer.safeParse(loggedIn.json()).success, loggedIn.body).toBe(true);
    const token = await check(S.CreatedApiToken, '/api/account/tokens', { method: 'POST', body: { name: 'n', scopes: ['vote'] }, who: ann });
    await check(S.ApiTokenList, '/api/account/tokens', { who: ann });
    await check(S.TokenRevoked, `/api/account/tokens/${String(token.id)}/revoke`, { method: 'POST', who: ann });
    await check(S.FlagResult, `/api/papers/${p1}/flag`, { method: 'POST', body: { reason: 'spam?' }, who: ann });
    await check(S.ClaimMade, `/api/papers/${p1}/claim`, { method: 'POST', body: { note: 'I wrote it.' }, who: ann });
    await check(S.CommentDeleted, `/api/comments/${String(comment.id)}/delete`, { method: 'POST', who: ann });
    if (ctx.dialect === 'sqlite') {
      await check(S.SearchResults, '/api/search?q=paper&mode=keyword');
      await check(S.HfSearchList, '/api/papers/search?q=paper');
    }
    await check(S.SubmitState, '/api/submit', { who: ann });
    await addPapers(ctx.store, [paperId(3)], null);
    await check(S.Submission, '/api/submit', { method: 'POST', body: { paper: paperId(3) }, who: ann });
    const again = await postJson(a.app, '/api/submit', { paper: p1 }, ann);
    expect(again.statusCode).toBe(409);
    expect(S.AlreadyFeatured.safeParse(again.json()).success).toBe(true);
    await check(S.AccountSubscription, '/api/account/subscription', { who: ann });
    await check(S.DigestPreview, '/api/digest/preview?period=daily&date=2026-11-30');
    await check(S.Ok, '/api/logout', { method: 'POST', who: ann });
    const error = await a.app.inject('/api/papers?date=nope');
    expect(S.ErrorBody.safeParse(error.json()).success).toBe(true);
  });

  it('renders /api/docs on the server with every endpoint, and no inline script', async () => {
    const a = await accountApp(ctx.store);
    const res = await a.app.inject('/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(res.body).not.toMatch(/\son[a-z]+=/i); // no inline event handlers
    for (const op of OPERATIONS) expect(res.body, op.path).toContain(`${op.method.toUpperCase()} ${op.path}`);
    expect(res.body).toContain('href="/api/openapi.json"');
    expect(res.body).toContain('id="schema-HfPaper"');
  });
});
