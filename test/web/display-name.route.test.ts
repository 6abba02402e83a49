// Choosing a public name over HTTP on both dialects: the account page's form and its JSON twin set
// it (normalized), the profile answers to it in any case, another reader cannot take it (409), bad
// names are 400, no session 401, no CSRF token 403; a deleted account frees its name.
import { expect, it } from 'vitest';
import { accountApp, postForm, postJson, verifiedUser } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { softDeleteAccount } from '../../src/store/users.js';

describeEachDialect('public names', (ctx) => {
  it('sets the name from the form and JSON; the account page and the profile use it', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const page = await a.app.inject({ url: '/account', headers: { cookie: ann.cookie } });
    expect(page.body).toMatch(/<form class="account-form" method="post" action="\/account\/display-name">/);
    expect(page.body).toMatch(/name="display_name" value="reader-[0-9a-f]{8}"/);

    const form = await postForm(a.app, '/account/display-name', { display_name: '  Ａｎｎ   Lee ' }, ann);
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/account?done=name');
    const after = await a.app.inject({ url: '/account?done=name', headers: { cookie: ann.cookie } });
    expect(after.body).toContain('Your public name is changed.');
    expect(after.body).toContain('value="Ann Lee"');

    const profile = await a.app.inject('/api/users/ann%20lee');
    expect(profile.statusCode).toBe(200);
    expect(profile.json<{ displayName: string }>().displayName).toBe('Ann Lee');

    const json = await postJson(a.app, '/api/account/display-name', { display_name: 'ann.lee' }, ann);
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual({ ok: true, message: 'Your public name is now ann.lee.' });
    expect((await a.app.inject('/api/users/Ann%20Lee')).statusCode).toBe(404);
    expect((await a.app.inject('/api/users/ANN.LEE')).statusCode).toBe(200);
  });

  it('refuses a name another reader has, whatever its case, and frees a deleted account\'s name', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const bob = await verifiedUser(a, 'bob@example.org');
    expect((await postJson(a.app, '/api/account/display-name', { display_name: 'Ann' }, ann)).statusCode).toBe(200);
    const taken = await postJson(a.app, '/api/account/display-name', { display_name: 'ANN' }, bob);
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ error: 'conflict' });
    const takenForm = await postForm(a.app, '/account/display-name', { display_name: 'ann' }, bob);
    expect(takenForm.statusCode).toBe(409);
    expect(takenForm.body).toContain('Another reader has that public name');
    // Setting one's own name again (any case) is fine.
    expect((await postJson(a.app, '/api/account/display-name', { display_name: 'ANN' }, ann)).statusCode).toBe(200);

    const annId = (await ctx.store.db.selectFrom('users').select('id').where('email', '=', 'ann@example.org').executeTakeFirstOrThrow()).id;
    await softDeleteAccount(ctx.store.db, Number(annId), new Date().toISOString());
    expect((await postJson(a.app, '/api/account/display-name', { display_name: 'Ann' }, bob)).statusCode).toBe(200);
  });

  it('answers 400 for bad names, 401 without a session and 403 without the CSRF token', async () => {
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    for (const display_name of ['Al', 'x'.repeat(31), '<b>ann</b>', 'ann@example.org', '12345', 'Moderator', 'reader-0a1b2c3d']) {
      const res = await postJson(a.app, '/api/account/display-name', { display_name }, ann);
      expect(res.statusCode, display_name).toBe(400);
    }
    expect((await postJson(a.app, '/api/account/display-name', {}, ann)).statusCode).toBe(400);
    expect((await postJson(a.app, '/api/account/display-name', { display_name: 'Ann' })).statusCode).toBe(401);
    expect((await postJson(a.app, '/api/account/display-name', { display_name: 'Ann' }, { cookie: ann.cookie, csrf: 'wrong' })).statusCode).toBe(403);
    const names = await ctx.store.db.selectFrom('users').select('display_name').execute();
    expect(names.map((r) => r.display_name)).not.toContain('Ann');
  });
});
