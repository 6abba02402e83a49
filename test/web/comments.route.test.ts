// Comments over HTTP on both dialects: post, reply, edit, delete through the real app; 400/401/
// 403/404 per route; the depth limit; the cached paper page and its JSON twin carry the thread but
// no per-user data; XSS payloads posted through the route come out sanitized in page and JSON.
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { arxivIdOrThrow } from '../../src/domain/arxiv-id.js';
import { MAX_COMMENT_DEPTH } from '../../src/domain/comment.js';
import { COMMENT_INTERVAL_S } from '../../src/domain/rate-limits.js';
import { dayOf } from '../../src/domain/period.js';
import type { Store } from '../../src/store/db.js';
import { upsertDailyBatch } from '../../src/store/papers-write.js';
import { MAX_COMMENT_CHARS } from '../../src/web/views/comment-markdown.js';
import { COMMENT_ALLOWED } from '../../src/web/views/comment-sanitize.js';
import { grantModerator } from '../../src/commands/moderation.js';
import { accountApp, enrolTwoFactor, logIn, postForm, postJson, verifiedUser, type AccountApp, type LoggedIn } from '../support/accounts.js';
import { describeEachDialect } from '../support/dialects.js';
import { unsafeHtmlProblems } from '../support/safe-html.js';

const MATHML_NAMES = new Set(Object.keys(COMMENT_ALLOWED).filter((name) => name === 'math' || /^(m[a-z]+|semantics|annotation)$/.test(name)));
const PAPER = arxivIdOrThrow('2611.00001');
const OLD_STYLE = arxivIdOrThrow('hep-th/9901001');

async function addPapers(store: Store): Promise<void> {
  const papers = [PAPER, OLD_STYLE].map((id) => ({ id, title: `Paper ${id}`, abstract: `About ${id}.`, publishedAt: '2026-11-01T00:00:00Z' }));
  await upsertDailyBatch(store.db, papers, [{ day: dayOf(new Date('2026-11-30T00:00:00Z')), paperId: PAPER, source: 'hf-daily' as const, baseline: null }]);
}

interface Json {
  id: number;
  paperId: string;
  parentId: number | null;
  depth: number;
  author: string | null;
  deleted: boolean;
  html: string;
  markdown: string;
  replies: Json[];
}

/** Posts a comment after the least interval between comments (the clock moves on by it). */
async function comment(a: AccountApp, who: LoggedIn | undefined, body: unknown, paper: string = PAPER) {
  a.clock.advance(COMMENT_INTERVAL_S * 1000);
  return postJson(a.app, `/api/papers/${paper}/comments`, body as object, who);
}

async function thread(a: AccountApp, paper: string = PAPER) {
  const res = await a.app.inject({ url: `/api/papers/${paper}/comments` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ id: string; count: number; comments: Json[] }>();
}

function commentsSection(page: string): string {
  const start = page.indexOf('<section id="comments"');
  expect(start).toBeGreaterThan(0);
  return page.slice(start, page.indexOf('</section>', start) + '</section>'.length);
}

function commentBodies(page: string): string[] {
  return [...commentsSection(page).matchAll(/<div class="body">([\s\S]*?)<\/div>\n(?:<p class="links">|<\/li>)/g)].map((m) => m[1] ?? '');
}

describeEachDialect('comment routes', (ctx) => {
  it('posts, replies (form and JSON), shows the thread on the page and its JSON twin, and counts it', async () => {
    await addPapers(ctx.store);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const bob = await verifiedUser(a, 'bob@example.org');

    a.clock.advance(COMMENT_INTERVAL_S * 1000);
    const form = await postForm(a.app, `/papers/${PAPER}/comments`, { body: 'Nice **result**: $e^{i\\pi}+1=0$' }, ann);
    expect(form.statusCode, form.body).toBe(303);
    expect(form.headers.location).toMatch(new RegExp(`^/papers/${PAPER}#comment-\\d+$`));
    const first = (await thread(a)).comments[0];
    expect(first).toMatchObject({ depth: 0, parentId: null, deleted: false, markdown: 'Nice **result**: $e^{i\\pi}+1=0$' });
    expect(first?.html).toContain('<strong>result</strong>');
    expect(first?.html).toContain('<math');

    const reply = await comment(a, bob, { body: 'Agreed.', parent: first?.id });
    expect(reply.statusCode, reply.body).toBe(200);
    expect(reply.json()).toMatchObject({ parentId: first?.id, depth: 1, html: '<p>Agreed.</p>\n' });
    expect(reply.json<Json>().author).not.toBe(first?.author);
    a.clock.advance(COMMENT_INTERVAL_S * 1000);
    const replyForm = await postForm(a.app, `/papers/${PAPER}/comments`, { body: 'Me too.', parent: String(first?.id) }, ann);
    expect(replyForm.statusCode).toBe(303);

    const t = await thread(a);
    expect(t.count).toBe(3);
    expect(t.comments).toHaveLength(1);
    expect(t.comments[0]?.replies.map((r) => r.markdown)).toEqual(['Agreed.', 'Me too.']);
    const page = await a.app.inject({ url: `/papers/${PAPER}` });
    expect(page.statusCode).toBe(200);
    const section = commentsSection(page.body);
    expect(section).toContain('3 comments here.');
    expect(section).toContain('<strong>result</strong>');
    expect(section).toMatch(/<ol class="replies">[\s\S]*Agreed\.[\s\S]*Me too\./);
    // The count reaches the daily feed (card and HF-shaped JSON: numComments = local + baseline).
    const daily = await a.app.inject({ url: '/api/daily_papers?date=2026-11-30' });
    expect(daily.json<{ paper: { id: string }; numComments: number }[]>().find((d) => d.paper.id === PAPER)?.numComments, daily.body.slice(0, 300)).toBe(3);
    expect((await a.app.inject({ url: '/papers?date=2026-11-30' })).body).toContain('3 comments');

    // Old-style ids keep their slash.
    const old = await comment(a, ann, { body: 'Old paper.' }, OLD_STYLE);
    expect(old.statusCode, old.body).toBe(200);
    expect((await thread(a, OLD_STYLE)).count).toBe(1);
    a.clock.advance(COMMENT_INTERVAL_S * 1000);
    const oldForm = await postForm(a.app, `/papers/${OLD_STYLE}/comments`, { body: 'Again.' }, ann);
    expect(oldForm.headers.location).toMatch(/^\/papers\/hep-th\/9901001#comment-\d+$/);
  });

  it('keeps the cached page and JSON free of per-user data; forms live on per-user pages', async () => {
    await addPapers(ctx.store);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const posted = (await comment(a, ann, { body: 'Hello' })).json<Json>();
    for (const cookie of [undefined, ann.cookie]) {
      const page = await a.app.inject({ url: `/papers/${PAPER}`, headers: cookie ? { cookie } : {} });
      expect(page.body).not.toContain(ann.csrf);
      expect(page.body).not.toContain('_csrf');
      expect(page.body).not.toContain('<form class="comment-form"');
      const json = await a.app.inject({ url: `/api/papers/${PAPER}/comments`, headers: cookie ? { cookie } : {} });
      expect(json.body).not.toContain(ann.csrf);
      expect(json.body).not.toContain('ann@example.org');
    }
    // The page's per-reader request says which comments are mine (public/comments.js hides other "edit" links).
    const me = (cookie?: string) => a.app.inject({ url: `/api/me/comments?paper=${PAPER}`, headers: cookie ? { cookie } : {} });
    expect((await me()).json()).toEqual({ loggedIn: false, moderator: false, mine: [] });
    const meAnn = await me(ann.cookie);
    expect(meAnn.json()).toEqual({ loggedIn: true, moderator: false, mine: [posted.id] });
    expect(meAnn.headers['cache-control']).toBe('no-store');
    // A moderator counts as one only once the session has passed two-factor.
    await grantModerator(ctx.store, () => a.clock.now(), 'ann@example.org');
    expect((await me(ann.cookie)).json()).toMatchObject({ moderator: false });
    await enrolTwoFactor(a, ann);
    expect((await me(ann.cookie)).json()).toMatchObject({ moderator: true });
    expect((await a.app.inject({ url: '/api/me/comments' })).statusCode).toBe(400);
    const anonymous = await a.app.inject({ url: `/comments/new?paper=${PAPER}` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain('href="/login"');
    const mine = await a.app.inject({ url: `/comments/new?paper=${PAPER}&parent=${posted.id}`, headers: { cookie: ann.cookie } });
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['cache-control']).toBe('no-store');
    expect(mine.body).toContain(`value="${ann.csrf}"`);
    expect(mine.body).toContain(`name="parent" value="${posted.id}"`);
    const edit = await a.app.inject({ url: `/comments/edit?id=${posted.id}`, headers: { cookie: ann.cookie } });
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('>Hello</textarea>');
    expect((await a.app.inject({ url: `/comments/edit?id=${posted.id}` })).statusCode).toBe(401);
    const bob = await verifiedUser(a, 'bob@example.org');
    expect((await a.app.inject({ url: `/comments/edit?id=${posted.id}`, headers: { cookie: bob.cookie } })).statusCode).toBe(403);
    expect((await a.app.inject({ url: '/comments/edit?id=999999', headers: { cookie: bob.cookie } })).statusCode).toBe(404);
    expect((await a.app.inject({ url: '/comments/new?paper=2611.99999' })).statusCode).toBe(404);
    expect((await a.app.inject({ url: '/comments/new?paper=nonsense' })).statusCode).toBe(400);
    expect((await a.app.inject({ url: '/comments/edit?id=x' })).statusCode).toBe(400);
  });

  it('answers 400 for empty, blank or too long text and bad ids; 401 anonymous; 404 unknown paper, parent or comment; 403 unverified', async () => {
    await addPapers(ctx.store);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    expect((await comment(a, ann, {})).statusCode).toBe(400);
    expect((await comment(a, ann, { body: '' })).statusCode).toBe(400);
    expect((await comment(a, ann, { body: ' \n\t ' })).statusCode).toBe(400);
    expect((await comment(a, ann, { body: 'x'.repeat(MAX_COMMENT_CHARS + 1) })).statusCode).toBe(400);
    expect((await comment(a, ann, { body: 'x'.repeat(MAX_COMMENT_CHARS) })).statusCode).toBe(200);
    expect((await comment(a, ann, { body: 'hi', parent: 'abc' })).statusCode).toBe(400);
    expect((await comment(a, ann, { body: 'hi' }, 'not-an-id')).statusCode).toBe(400);
    expect((await comment(a, undefined, { body: 'hi' })).statusCode).toBe(401);
    expect((await postForm(a.app, `/papers/${PAPER}/comments`, { body: 'hi' })).statusCode).toBe(401);
    expect((await comment(a, ann, { body: 'hi' }, '2611.99999')).statusCode).toBe(404);
    expect((await comment(a, ann, { body: 'hi', parent: 999999 })).statusCode).toBe(404);
    expect((await postJson(a.app, '/api/comments/999999/edit', { body: 'x' }, ann)).statusCode).toBe(404);
    expect((await postJson(a.app, '/api/comments/999999/delete', {}, ann)).statusCode).toBe(404);
    expect((await postJson(a.app, '/api/comments/0/delete', {}, ann)).statusCode).toBe(400);
    expect((await a.app.inject({ url: '/api/papers/2611.99999/comments' })).statusCode).toBe(404);
    // A reply must be on the parent's paper.
    const top = (await comment(a, ann, { body: 'top' })).json<Json>();
    expect((await comment(a, ann, { body: 'elsewhere', parent: top.id }, OLD_STYLE)).statusCode).toBe(400);
    // An unconfirmed address cannot comment.
    await postJson(a.app, '/api/signup', { email: 'new@example.org', password: 'a long and unusual passphrase' });
    const unverified = await logIn(a, 'new@example.org');
    expect((await comment(a, unverified, { body: 'hi' })).statusCode).toBe(403);
  });

  it('lets only the writer edit or delete; a deleted comment with replies stays as [deleted]', async () => {
    await addPapers(ctx.store);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const bob = await verifiedUser(a, 'bob@example.org');
    const top = (await comment(a, ann, { body: 'first take' })).json<Json>();
    const lone = (await comment(a, ann, { body: 'lonely' })).json<Json>();
    await comment(a, bob, { body: 'a reply', parent: top.id });

    expect((await postJson(a.app, `/api/comments/${top.id}/edit`, { body: 'hacked' }, bob)).statusCode).toBe(403);
    expect((await postForm(a.app, `/comments/${top.id}/edit`, { body: 'hacked' }, bob)).statusCode).toBe(403);
    expect((await postJson(a.app, `/api/comments/${top.id}/delete`, {}, bob)).statusCode).toBe(403);
    expect((await postJson(a.app, `/api/comments/${top.id}/edit`, { body: 'x' })).statusCode).toBe(401);
    expect((await postJson(a.app, `/api/comments/${top.id}/edit`, { body: '' }, ann)).statusCode).toBe(400);

    const edited = await postJson(a.app, `/api/comments/${top.id}/edit`, { body: 'second *take*' }, ann);
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ markdown: 'second *take*', html: '<p>second <em>take</em></p>\n', editedAt: a.clock.now().toISOString() });
    const editForm = await postForm(a.app, `/comments/${top.id}/edit`, { body: 'third take' }, ann);
    expect(editForm.statusCode).toBe(303);
    expect(editForm.headers.location).toBe(`/papers/${PAPER}#comment-${top.id}`);

    const keep = await postForm(a.app, `/comments/${top.id}/delete`, {}, ann);
    expect(keep.statusCode).toBe(303);
    const gone = await postJson(a.app, `/api/comments/${lone.id}/delete`, {}, ann);
    expect(gone.json()).toMatchObject({ id: lone.id, deleted: true, placeholderKept: false });

    const t = await thread(a);
    expect(t.count).toBe(1);
    expect(t.comments).toHaveLength(1);
    expect(t.comments[0]).toMatchObject({ id: top.id, deleted: true, author: null, markdown: '', html: '' });
    expect(t.comments[0]?.replies.map((r) => r.markdown)).toEqual(['a reply']);
    const section = commentsSection((await a.app.inject({ url: `/papers/${PAPER}` })).body);
    expect(section).toContain('[deleted]');
    expect(section).not.toContain('third take');
    expect(section).not.toContain('lonely');
    // A deleted comment can be neither edited, deleted again nor replied to.
    expect((await postJson(a.app, `/api/comments/${top.id}/edit`, { body: 'back' }, ann)).statusCode).toBe(404);
    expect((await postJson(a.app, `/api/comments/${top.id}/delete`, {}, ann)).statusCode).toBe(404);
    expect((await comment(a, ann, { body: 'hello?', parent: top.id })).statusCode).toBe(404);
  });

  it(`nests replies at most ${MAX_COMMENT_DEPTH} deep`, async () => {
    await addPapers(ctx.store);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    let parent: number | null = null;
    for (let depth = 0; depth <= MAX_COMMENT_DEPTH; depth += 1) {
      const res = await comment(a, ann, { body: `level ${depth}`, parent });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<Json>().depth).toBe(depth);
      parent = res.json<Json>().id;
    }
    const tooDeep = await comment(a, ann, { body: 'one more', parent });
    expect(tooDeep.statusCode).toBe(400);
    // The deepest comment offers no reply link.
    const section = commentsSection((await a.app.inject({ url: `/papers/${PAPER}` })).body);
    expect(section).not.toContain(`parent=${parent}"`);
  });

  it('stores and shows XSS payloads posted through the route only sanitized, on the page and in the JSON', async () => {
    await addPapers(ctx.store);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const payloads = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '![img](javascript:alert(1))',
      '<svg onload=alert(1)>',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<iframe src="https://evil.example"></iframe>',
      '$\\href{javascript:alert(1)}{x}$',
      '$$\\htmlClass{x}{y}$$',
      '"><script>alert(1)</script>',
      '</div></li></ol></section><script>alert(1)</script>',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
      '`<script>alert(1)</script>`',
      '[a](vbscript:msgbox(1)) <http://ok.example/"onmouseover="alert(1)>',
    ];
    for (const body of payloads) {
      const res = await comment(a, ann, { body });
      expect(res.statusCode, `${body}: ${res.body}`).toBe(200);
    }
    const t = await thread(a);
    expect(t.comments).toHaveLength(payloads.length);
    for (const c of t.comments) {
      expect(unsafeHtmlProblems(c.html, COMMENT_ALLOWED, MATHML_NAMES), `${c.markdown} → ${c.html}`).toEqual([]);
    }
    const page = await a.app.inject({ url: `/papers/${PAPER}` });
    const bodies = commentBodies(page.body);
    expect(bodies).toHaveLength(payloads.length);
    for (const body of bodies) expect(unsafeHtmlProblems(body, COMMENT_ALLOWED, MATHML_NAMES), body).toEqual([]);
    const section = commentsSection(page.body);
    expect(section).not.toMatch(/<script/i);
    for (const tag of section.match(/<[^>]*>/g) ?? []) {
      expect(tag).not.toMatch(/\son\w+\s*=/i);
      expect(tag).not.toMatch(/(?:href|src)\s*=\s*["']?\s*(?:javascript|vbscript|data):/i);
    }
    // The reply page quotes the parent and the edit page fills the textarea with the source: escaped too.
    for (const c of t.comments) {
      const edit = await a.app.inject({ url: `/comments/edit?id=${c.id}`, headers: { cookie: ann.cookie } });
      expect(edit.body).not.toMatch(/<script>alert|<img|<svg|<iframe/i);
      const reply = await a.app.inject({ url: `/comments/new?paper=${PAPER}&parent=${c.id}`, headers: { cookie: ann.cookie } });
      expect(reply.body).not.toMatch(/<script>alert|<img|<svg|<iframe/i);
    }
  });

  it('property: whatever text is posted, the stored and shown HTML is safe', async () => {
    await addPapers(ctx.store);
    const a = await accountApp(ctx.store);
    const ann = await verifiedUser(a, 'ann@example.org');
    const piece = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('<', '>', '"', "'", '`', '$', '$$', '\\', '[', '](', ')', 'javascript:', 'data:', 'on', '=', '<script>', '<a href=', '<img src=x onerror=', '<svg/onload=', '&#106;', '\\href{', '}', '\n', '*', '_'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')), async (body) => {
        const res = await comment(a, ann, { body });
        if (body.trim() === '') {
          expect(res.statusCode).toBe(400);
          return;
        }
        expect(res.statusCode, res.body).toBe(200);
        const html = res.json<Json>().html;
        expect(unsafeHtmlProblems(html, COMMENT_ALLOWED, MATHML_NAMES), `${JSON.stringify(body)} → ${html}`).toEqual([]);
      }),
      { numRuns: 40 },
    );
    const bodies = commentBodies((await a.app.inject({ url: `/papers/${PAPER}` })).body);
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(unsafeHtmlProblems(body, COMMENT_ALLOWED, MATHML_NAMES), body).toEqual([]);
  });
});
