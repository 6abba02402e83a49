// Public profiles over HTTP on both dialects: /users/<id or display name> and its JSON twin list
// the papers a reader upvoted, submitted, commented on (live, non-hidden comments) and authored
// (approved claims); never an address; hidden papers left out; deleted accounts and unknown
// readers 404; 400 for a bad name.
import { expect, it } from 'vitest';
import { grantModerator } from '../../src/commands/moderation.js';
import { COMMENT_INTERVAL_S } from '../../src/domain/rate-limits.js';
import { setPaperHidden } from '../../src/store/moderation.js';
import * as S from '../../src/web/openapi/schemas.js';
import { softDeleteAccount } from '../../src/store/users.js';
import { accountApp, enrolTwoFactor, postJson, verifiedUser } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { addPapers, paperId } from '../support/votes.js';

const NOW = () => new Date('2026-11-30T10:00:00Z');

interface Section {
  papers: { id: string; title: string; url: string; at: string }[];
  hasMore: boolean;
}
interface Profile {
  id: number;
  displayName: string;
  profile: string;
  upvoted: Section;
  submitted: Section;
  commented: Section;
  authored: Section;
}

describeEachDialect('profile routes', (ctx) => {
  it('lists what a reader upvoted, submitted, commented on and authored, by id or name, without their address', async () => {
    await addPapers(ctx.store, [1, 2, 3, 4, 5].map(paperId), null);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const mod = await verifiedUser(a, 'mod@example.org');
    await grantModerator(ctx.store, NOW, 'mod@example.org');
    await enrolTwoFactor(a, mod); // moderating needs a session that passed two-factor
    const annRow = await ctx.store.db.selectFrom('users').select(['id', 'display_name']).where('email_key', '=', 'ann@example.org').executeTakeFirstOrThrow();
    const annId = Number(annRow.id);

    expect((await postJson(a.app, '/api/submit', { paper: paperId(1) }, ann)).statusCode).toBe(201);
    expect((await postJson(a.app, `/api/papers/${paperId(2)}/vote`, {}, ann)).statusCode).toBe(200);
    expect((await postJson(a.app, `/api/papers/${paperId(3)}/comments`, { body: 'Nice.' }, ann)).statusCode).toBe(200);
    a.clock.advance(COMMENT_INTERVAL_S * 1000); // one account's comments are at least this far apart
    const hidden = (await postJson(a.app, `/api/papers/${paperId(4)}/comments`, { body: 'Spam.' }, ann)).json<{ id: number }>();
    expect((await postJson(a.app, `/api/moderation/comments/${hidden.id}/hide`, { reason: 'spam' }, mod)).statusCode).toBe(200);
    a.clock.advance(COMMENT_INTERVAL_S * 1000);
    const gone = (await postJson(a.app, `/api/papers/${paperId(5)}/comments`, { body: 'Oops.' }, ann)).json<{ id: number }>();
    expect((await postJson(a.app, `/api/comments/${gone.id}/delete`, {}, ann)).statusCode).toBe(200);
    const claim = (await postJson(a.app, `/api/papers/${paperId(1)}/claim`, {}, ann)).json<{ id: number }>();
    expect((await postJson(a.app, `/api/moderation/claims/${claim.id}/approve`, { reason: 'ok' }, mod)).statusCode).toBe(200);

    const ids = (s: Section) => s.papers.map((p) => p.id);
    const res = await a.app.inject(`/api/users/${annId}`);
    expect(res.statusCode).toBe(200);
    const profile = res.json<Profile>();
    // The answer is what the OpenAPI document describes, field for field.
    expect(S.UserProfile.safeParse(profile).error?.issues ?? []).toEqual([]);
    expect(profile).toMatchObject({ id: annId, displayName: annRow.display_name, profile: `/users/${annId}` });
    expect(ids(profile.submitted)).toEqual([paperId(1)]);
    expect(ids(profile.upvoted)).toEqual([paperId(2)]);
    expect(ids(profile.commented)).toEqual([paperId(3)]);
    expect(ids(profile.authored)).toEqual([paperId(1)]);
    expect(profile.upvoted.papers[0]).toMatchObject({ title: `Paper ${paperId(2)}`, url: `/papers/${paperId(2)}`, at: '2026-11-30T10:00:00.000Z' });
    expect(res.body).not.toContain('ann@example.org');

    // By display name, the same profile; the page shows the same papers, escaped, without the address.
    expect((await a.app.inject(`/api/users/${encodeURIComponent(annRow.display_name)}`)).json<Profile>().id).toBe(annId);
    const page = await a.app.inject(`/users/${annRow.display_name}`);
    expect(page.statusCode).toBe(200);
    for (const n of [1, 2, 3]) expect(page.body).toContain(`href="/papers/${paperId(n)}"`);
    expect(page.body).not.toContain(`href="/papers/${paperId(4)}"`);
    expect(page.body).not.toContain('ann@example.org');
    // The daily page credits the submission with a link to the profile.
    expect((await a.app.inject('/papers?date=2026-11-30')).body).toContain(`submitted by <a href="/users/${annId}">${annRow.display_name}</a>`);

    // A paper hidden by moderators leaves the profile.
    await setPaperHidden(ctx.store.db, paperId(2), true, null, 'spam', '2026-11-30T10:00:00.000Z');
    expect(ids((await a.app.inject(`/api/users/${annId}`)).json<Profile>().upvoted)).toEqual([]);

    // Deleted accounts have no profile.
    await softDeleteAccount(ctx.store.db, annId, '2026-11-30T11:00:00.000Z');
    expect((await a.app.inject(`/api/users/${annId}`)).statusCode).toBe(404);
    expect((await a.app.inject(`/users/${annId}`)).statusCode).toBe(404);
    expect((await a.app.inject(`/api/users/${encodeURIComponent(annRow.display_name)}`)).statusCode).toBe(404);
    expect((await a.app.inject('/api/users/deleted%20account')).statusCode).toBe(404);
  });

  it('answers 404 for unknown readers and 400 for a name that is too long', async () => {
    const a = await accountApp(ctx.store);
    expect((await a.app.inject('/api/users/999999')).statusCode).toBe(404);
    expect((await a.app.inject('/users/nobody-here')).statusCode).toBe(404);
    expect((await a.app.inject(`/api/users/${'x'.repeat(101)}`)).statusCode).toBe(400);
  });
});
