// API tokens in the store and their commands (0014), on both dialects: made with a recognisable
// prefix and stored only as SHA-256; listed without the hash; the per-account limit; revoked or
// unknown tokens and deleted accounts resolve to nobody; last use recorded at most once a minute.
import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { createApiTokenOrThrow, listApiTokens, resolveApiToken, revokeApiTokenOrThrow } from '../../src/commands/accounts/api-tokens.js';
import { MAX_API_TOKENS_PER_USER } from '../../src/domain/api-token.js';
import { AppError } from '../../src/domain/errors.js';
import { describeEachDialect } from '../support/dialects.js';
import { addAccount } from '../support/votes.js';

const T0 = new Date('2026-11-30T10:00:00.000Z');
const later = (s: number) => new Date(T0.getTime() + s * 1000);

describeEachDialect('API tokens store', (ctx) => {
  it('makes a 256-bit token with a prefix, stores only its SHA-256, and resolves it to its owner and scopes', async () => {
    const ann = await addAccount(ctx.store, 'ann@example.org', T0.toISOString());
    const made = await createApiTokenOrThrow(ctx.store.db, ann, { name: 'my script', scopes: ['comment', 'vote'] }, T0);
    expect(made.token).toMatch(/^pbt_[A-Za-z0-9_-]{43}$/);
    expect(made.prefix).toBe(made.token.slice(0, 12));
    expect(made.scopes).toEqual(['vote', 'comment']);
    const rows = await ctx.store.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(createHash('sha256').update(made.token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(made.token);

    const actor = await resolveApiToken(ctx.store.db, made.token, T0);
    expect(actor).toMatchObject({ userId: ann, scopes: ['vote', 'comment'], emailVerified: true, email: 'ann@example.org' });
    expect(await listApiTokens(ctx.store.db, ann)).toEqual([
      { id: made.id, name: 'my script', prefix: made.prefix, scopes: ['vote', 'comment'], createdAt: T0.toISOString(), lastUsedAt: T0.toISOString() },
    ]);
    // Last use is written at most once a minute.
    await resolveApiToken(ctx.store.db, made.token, later(30));
    expect((await listApiTokens(ctx.store.db, ann))[0]?.lastUsedAt).toBe(T0.toISOString());
    await resolveApiToken(ctx.store.db, made.token, later(60));
    expect((await listApiTokens(ctx.store.db, ann))[0]?.lastUsedAt).toBe(later(60).toISOString());
  });

  it('resolves nobody for unknown, malformed or revoked tokens, or a deleted account; revoking is per owner', async () => {
    const ann = await addAccount(ctx.store, 'ann@example.org', T0.toISOString());
    const bob = await addAccount(ctx.store, 'bob@example.org', T0.toISOString());
    const a = await createApiTokenOrThrow(ctx.store.db, ann, { name: 'a', scopes: ['vote'] }, T0);
    const b = await createApiTokenOrThrow(ctx.store.db, bob, { name: 'b', scopes: ['vote'] }, T0);
    for (const bad of ['', 'pbt_', `pbt_${'A'.repeat(43)}`, a.token.slice(4), `${a.token}x`, a.token.toUpperCase()]) {
      expect(await resolveApiToken(ctx.store.db, bad, T0), bad).toBeNull();
    }
    // Bob cannot revoke Ann's token.
    await expect(revokeApiTokenOrThrow(ctx.store.db, bob, a.id, T0)).rejects.toMatchObject({ status: 404 });
    expect(await resolveApiToken(ctx.store.db, a.token, T0)).not.toBeNull();
    await revokeApiTokenOrThrow(ctx.store.db, ann, a.id, T0);
    expect(await resolveApiToken(ctx.store.db, a.token, T0)).toBeNull();
    expect(await listApiTokens(ctx.store.db, ann)).toEqual([]);
    await expect(revokeApiTokenOrThrow(ctx.store.db, ann, a.id, T0)).rejects.toBeInstanceOf(AppError);
    // A deleted account's tokens stop working.
    await ctx.store.db.updateTable('users').set({ deleted_at: T0.toISOString(), email: null }).where('id', '=', bob).execute();
    expect(await resolveApiToken(ctx.store.db, b.token, T0)).toBeNull();
  });

  it(`holds at most ${MAX_API_TOKENS_PER_USER} live tokens per account; revoking makes room`, async () => {
    const ann = await addAccount(ctx.store, 'ann@example.org', T0.toISOString());
    const made = [];
    for (let i = 0; i < MAX_API_TOKENS_PER_USER; i++) made.push(await createApiTokenOrThrow(ctx.store.db, ann, { name: `t${i}`, scopes: ['vote'] }, later(i)));
    await expect(createApiTokenOrThrow(ctx.store.db, ann, { name: 'one more', scopes: ['vote'] }, T0)).rejects.toMatchObject({ status: 400 });
    expect(new Set(made.map((t) => t.token)).size).toBe(MAX_API_TOKENS_PER_USER);
    expect((await listApiTokens(ctx.store.db, ann)).map((t) => t.name)[0]).toBe(`t${MAX_API_TOKENS_PER_USER - 1}`); // newest first
    await revokeApiTokenOrThrow(ctx.store.db, ann, made[0]?.id ?? 0, T0);
    await expect(createApiTokenOrThrow(ctx.store.db, ann, { name: 'one more', scopes: ['vote'] }, T0)).resolves.toMatchObject({ name: 'one more' });
  });
});
