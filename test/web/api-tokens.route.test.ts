// Personal API tokens over HTTP on both dialects: made (JSON and the settings form), listed and
// revoked from account settings behind the session and its CSRF token; write API routes taking
// `Authorization: Bearer` with the right scope, ignoring cookies and needing no CSRF token; a
// wrong scope is 403, an unknown or revoked token 401.
import { expect, it } from 'vitest';
import { accountApp, logIn, postForm, postJson, verifiedUser, type AccountApp, type LoggedIn } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { addPapers, paperId } from '../support/votes.js';

interface Made {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  token: string;
  createdAt: string;
  lastUsedAt: string | null;
}

async function makeToken(a: AccountApp, who: LoggedIn, scopes: string[], name = 'script'): Promise<Made> {
  const res = await postJson(a.app, '/api/account/tokens', { name, scopes }, who);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Made>();
}

/** A request as an API client sends it: the token, JSON, no cookie, no Origin, no CSRF token. */
function bearer(a: AccountApp, url: string, token: string, body: object = {}, headers: Record<string, string> = {}) {
  return a.app.inject({ method: 'POST', url, payload: body, headers: { authorization: `Bearer ${token}`, ...headers } });
}

const PAPER = paperId(1);

describeEachDialect('API tokens', (ctx) => {
  it('makes, lists and revokes tokens in account settings; the token is shown once', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const made = await makeToken(a, ann, ['vote', 'comment'], 'my <b>bot</b>');
    expect(made).toMatchObject({ name: 'my <b>bot</b>', scopes: ['vote', 'comment'], lastUsedAt: null });
    expect(made.token).toMatch(/^pbt_[A-Za-z0-9_-]{43}$/);
    expect(made.token.startsWith(made.prefix)).toBe(true);

    const list = await a.app.inject({ url: '/api/account/tokens', headers: { cookie: ann.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ tokens: [{ id: made.id, name: made.name, prefix: made.prefix, scopes: ['vote', 'comment'], createdAt: made.createdAt, lastUsedAt: null }] });
    expect(list.body).not.toContain(made.token);
    const page = await a.app.inject({ url: '/account/tokens', headers: { cookie: ann.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('my &lt;b&gt;bot&lt;/b&gt;');
    expect(page.body).toContain(`${made.prefix}…`);
    expect(page.body).not.toContain(made.token);
    expect(page.headers['cache-control']).toBe('no-store');

    // The form: one checkbox per scope; the answer page shows the new token once.
    const form = await postForm(a.app, '/account/tokens', { name: 'form made', scope_submit: '1', scope_vote: '1' }, ann);
    expect(form.statusCode).toBe(201);
    const shown = /<code class="token">(pbt_[A-Za-z0-9_-]{43})<\/code>/.exec(form.body)?.[1];
    expect(shown).toBeDefined();
    expect(form.headers['cache-control']).toBe('no-store');
    const tokens = (await a.app.inject({ url: '/api/account/tokens', headers: { cookie: ann.cookie } })).json<{ tokens: Made[] }>().tokens;
    expect(tokens.map((t) => [t.name, t.scopes])).toEqual([
      ['form made', ['vote', 'submit']],
      ['my <b>bot</b>', ['vote', 'comment']],
    ]);

    const revoked = await postForm(a.app, `/account/tokens/${made.id}/revoke`, {}, ann);
    expect(revoked.statusCode).toBe(303);
    expect(revoked.headers.location).toBe('/account/tokens?done=revoked');
    expect((await a.app.inject({ url: '/api/account/tokens', headers: { cookie: ann.cookie } })).json<{ tokens: Made[] }>().tokens.map((t) => t.name)).toEqual(['form made']);
    expect((await postJson(a.app, `/api/account/tokens/${made.id}/revoke`, {}, ann)).statusCode).toBe(404);
  });

  it('validates token requests (400), needs a session (401) and its CSRF token (403); another account cannot revoke', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const bob = await verifiedUser(a, 'bob@example.org');
    for (const [body, message] of [
      [{ scopes: ['vote'] }, /name/],
      [{ name: '  ', scopes: ['vote'] }, /name/],
      [{ name: 'x'.repeat(101), scopes: ['vote'] }, /at most 100/],
      [{ name: 'x', scopes: [] }, /at least one scope/],
      [{ name: 'x', scopes: ['admin'] }, /scopes are vote, comment, submit/],
      [{ name: 'x', scopes: 'vote' }, /scopes/],
    ] as const) {
      const res = await postJson(a.app, '/api/account/tokens', body, ann);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<{ message: string }>().message).toMatch(message);
    }
    const formError = await postForm(a.app, '/account/tokens', { name: 'no scopes' }, ann);
    expect(formError.statusCode).toBe(400);
    expect(formError.body).toContain('give at least one scope');
    expect((await postJson(a.app, '/api/account/tokens/abc/revoke', {}, ann)).statusCode).toBe(400);

    expect((await postJson(a.app, '/api/account/tokens', { name: 'x', scopes: ['vote'] })).statusCode).toBe(401);
    expect((await a.app.inject({ url: '/api/account/tokens' })).statusCode).toBe(401);
    expect((await a.app.inject({ url: '/account/tokens' })).statusCode).toBe(401);
    expect((await postJson(a.app, '/api/account/tokens', { name: 'x', scopes: ['vote'] }, { ...ann, csrf: 'wrong' })).statusCode).toBe(403);

    const made = await makeToken(a, ann, ['vote']);
    expect((await postJson(a.app, `/api/account/tokens/${made.id}/revoke`, {}, bob)).statusCode).toBe(404);
    // A token cannot manage tokens: these are session routes.
    expect((await bearer(a, '/api/account/tokens', made.token, { name: 'y', scopes: ['vote'] })).statusCode).toBe(401);
    expect((await bearer(a, `/api/account/tokens/${made.id}/revoke`, made.token)).statusCode).toBe(401);
  });

  it('votes and comments with a token of the right scope, without cookies or a CSRF token', async () => {
    await addPapers(ctx.store, [PAPER], null);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const bob = await verifiedUser(a, 'bob@example.org');
    const voter = await makeToken(a, ann, ['vote']);
    const writer = await makeToken(a, ann, ['comment']);

    const vote = await bearer(a, `/api/papers/${PAPER}/vote`, voter.token);
    expect(vote.statusCode, vote.body).toBe(200);
    expect(vote.json()).toEqual({ id: PAPER, voted: true, votes: 1 });
    const annId = (await ctx.store.db.selectFrom('users').select('id').where('email', '=', 'ann@example.org').executeTakeFirstOrThrow()).id;
    expect(await ctx.store.db.selectFrom('votes').select('user_id').execute()).toEqual([{ user_id: annId }]);

    // Cookies are ignored on a token request: Bob's session does not make it Bob's vote, and a foreign Origin does not matter.
    const unvote = await bearer(a, `/api/papers/${PAPER}/unvote`, voter.token, {}, { cookie: bob.cookie, origin: 'https://evil.example' });
    expect(unvote.statusCode).toBe(200);
    expect(unvote.json()).toMatchObject({ voted: false, votes: 0 });
    expect(unvote.headers['set-cookie']).toBeUndefined();

    const comment = await bearer(a, `/api/papers/${PAPER}/comments`, writer.token, { body: 'Posted by a *script*.' });
    expect(comment.statusCode, comment.body).toBe(200);
    const cid = comment.json<{ id: number }>().id;
    expect((await bearer(a, `/api/comments/${cid}/edit`, writer.token, { body: 'Edited by the script.' })).statusCode).toBe(200);
    expect((await bearer(a, `/api/comments/${cid}/delete`, writer.token)).statusCode).toBe(200);
    // Validation still applies to token requests.
    expect((await bearer(a, `/api/papers/${PAPER}/comments`, writer.token, { body: '   ' })).statusCode).toBe(400);

    // Submitting a paper of the catalog with a submit token.
    const submitter = await makeToken(a, ann, ['submit']);
    const other = paperId(2);
    await addPapers(ctx.store, [other], null);
    const submitted = await bearer(a, '/api/submit', submitter.token, { paper: other });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json()).toMatchObject({ id: other, created: true });
    expect((await bearer(a, '/api/submit', voter.token, { paper: other })).statusCode).toBe(403);

    const listed = (await a.app.inject({ url: '/api/account/tokens', headers: { cookie: ann.cookie } })).json<{ tokens: Made[] }>().tokens;
    expect(listed.every((t) => t.lastUsedAt !== null)).toBe(true);
  });

  it('answers 403 for a token without the scope, 401 for an unknown, malformed or revoked one', async () => {
    await addPapers(ctx.store, [PAPER], null);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const voter = await makeToken(a, ann, ['vote', 'submit']);

    const wrongScope = await bearer(a, `/api/papers/${PAPER}/comments`, voter.token, { body: 'hello' });
    expect(wrongScope.statusCode).toBe(403);
    expect(wrongScope.json()).toMatchObject({ error: 'forbidden', message: expect.stringMatching(/"comment" scope/) as unknown });
    expect(wrongScope.headers['www-authenticate']).toMatch(/insufficient_scope/);

    for (const token of ['', 'pbt_nope', `pbt_${'A'.repeat(43)}`, voter.token.slice(0, -1)]) {
      const res = await bearer(a, `/api/papers/${PAPER}/vote`, token, {}, { cookie: ann.cookie, 'x-csrf-token': ann.csrf, origin: 'http://paperboy.test' });
      expect(res.statusCode, `token ${JSON.stringify(token)}`).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    }
    await postJson(a.app, `/api/account/tokens/${voter.id}/revoke`, {}, ann);
    expect((await bearer(a, `/api/papers/${PAPER}/vote`, voter.token)).statusCode).toBe(401);
    expect(await ctx.store.db.selectFrom('votes').selectAll().execute()).toEqual([]);

    // The HTML form routes take no token: without the session they are 401.
    expect((await bearer(a, `/papers/${PAPER}/vote`, (await makeToken(a, ann, ['vote'])).token)).statusCode).toBe(401);
    // A token of a deleted account is dead too.
    const another = await makeToken(a, await logIn(a, 'ann@example.org'), ['vote']);
    await ctx.store.db.updateTable('users').set({ deleted_at: '2026-11-30T10:00:00Z', email: null }).where('email', '=', 'ann@example.org').execute();
    expect((await bearer(a, `/api/papers/${PAPER}/vote`, another.token)).statusCode).toBe(401);
  });
});
