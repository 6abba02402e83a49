// Accounts, sessions and e-mailed tokens in the store (0007), on both dialects.
import { expect, it } from 'vitest';
import { emailKey } from '../../src/domain/account.js';
import { consumeEmailToken, replaceEmailToken, usableEmailToken } from '../../src/store/email-tokens.js';
import {
  countUserSessions,
  deleteExpiredSessions,
  deleteUserSessions,
  insertSession,
  sessionById,
  touchSession,
} from '../../src/store/sessions.js';
import { accountByEmailKey, accountById, changeAccountEmail, insertAccount, markEmailVerified, softDeleteAccount } from '../../src/store/users.js';
import type { Store } from '../../src/store/db.js';
import { describeEachDialect } from '../support/dialects.js';

const T0 = '2026-11-30T10:00:00.000Z';
const T1 = '2026-11-30T11:00:00.000Z';
const T2 = '2026-12-02T11:00:00.000Z';

async function account(store: Store, email: string) {
  const id = await insertAccount(store.db, { email, emailKey: emailKey(email), displayName: 'reader', passwordHash: '$argon2id$x', now: T0 });
  if (id === undefined) throw new Error('not inserted');
  return id;
}

describeEachDialect('accounts store', (ctx) => {
  it('keeps rows from before accounts valid: no address, role user', async () => {
    await ctx.store.db.insertInto('users').values({ display_name: 'old submitter', created_at: T0 }).execute();
    await ctx.store.db.insertInto('users').values({ display_name: 'another', created_at: T0 }).execute();
    const rows = await ctx.store.db.selectFrom('users').select(['role', 'email', 'email_key']).execute();
    expect(rows).toEqual([
      { role: 'user', email: null, email_key: null },
      { role: 'user', email: null, email_key: null },
    ]);
    await expect(ctx.store.db.insertInto('users').values({ display_name: 'x', created_at: T0, role: 'root' as 'admin' }).execute()).rejects.toThrow();
  });

  it('has one account per address, whatever its case', async () => {
    const id = await account(ctx.store, 'Ann@Example.org');
    expect(await insertAccount(ctx.store.db, { email: 'ann@example.ORG', emailKey: emailKey('ann@example.ORG'), displayName: 'x', passwordHash: 'h', now: T0 })).toBeUndefined();
    const found = await accountByEmailKey(ctx.store.db, emailKey(' ANN@example.org '));
    expect(found).toMatchObject({ id, email: 'Ann@Example.org', role: 'user', emailVerifiedAt: null });
    const bob = await account(ctx.store, 'bob@example.org');
    expect(await changeAccountEmail(ctx.store.db, bob, 'ANN@example.org', emailKey('ANN@example.org'), T1)).toBe(false);
    expect(await changeAccountEmail(ctx.store.db, bob, 'robert@example.org', emailKey('robert@example.org'), T1)).toBe(true);
    expect(await accountById(ctx.store.db, bob)).toMatchObject({ email: 'robert@example.org', emailVerifiedAt: T1 });
  });

  it('verifies only the address the link was sent to', async () => {
    const id = await account(ctx.store, 'ann@example.org');
    expect(await markEmailVerified(ctx.store.db, id, 'old@example.org', T1)).toBe(false);
    expect(await markEmailVerified(ctx.store.db, id, 'ann@example.org', T1)).toBe(true);
    expect((await accountById(ctx.store.db, id))?.emailVerifiedAt).toBe(T1);
  });

  it('stores sessions with their account, ends them one, all or all but one, and by age', async () => {
    const id = await account(ctx.store, 'ann@example.org');
    for (const s of ['a', 'b', 'c']) await insertSession(ctx.store.db, { id: s, userId: id, csrfToken: `csrf-${s}`, now: T0 });
    expect(await sessionById(ctx.store.db, 'a')).toMatchObject({ userId: id, csrfToken: 'csrf-a', email: 'ann@example.org', role: 'user', lastSeenAt: T0 });
    await touchSession(ctx.store.db, 'a', T1);
    expect((await sessionById(ctx.store.db, 'a'))?.lastSeenAt).toBe(T1);
    await deleteUserSessions(ctx.store.db, id, 'a');
    expect(await countUserSessions(ctx.store.db, id)).toBe(1);
    await insertSession(ctx.store.db, { id: 'd', userId: id, csrfToken: 'x', now: T1 });
    // 'a' was created at T0 (too old); 'd' is fresh.
    expect(await deleteExpiredSessions(ctx.store.db, T0, T1)).toBe(1);
    expect(await sessionById(ctx.store.db, 'a')).toBeUndefined();
    await deleteUserSessions(ctx.store.db, id);
    expect(await countUserSessions(ctx.store.db, id)).toBe(0);
  });

  it('uses a token once, never after expiry, and only the newest of a purpose', async () => {
    const id = await account(ctx.store, 'ann@example.org');
    const token = { userId: id, purpose: 'reset_password' as const, email: 'ann@example.org', now: T0, expiresAt: T2 };
    await replaceEmailToken(ctx.store.db, { ...token, id: 'first' });
    await replaceEmailToken(ctx.store.db, { ...token, id: 'second' });
    expect(await usableEmailToken(ctx.store.db, 'first', 'reset_password', T1)).toBeUndefined();
    expect(await consumeEmailToken(ctx.store.db, 'second', 'verify_email', T1)).toBeUndefined();
    expect(await usableEmailToken(ctx.store.db, 'second', 'reset_password', T1)).toEqual({ userId: id, email: 'ann@example.org' });
    const racing = await Promise.all([1, 2, 3].map(() => consumeEmailToken(ctx.store.db, 'second', 'reset_password', T1)));
    expect(racing.filter((r) => r !== undefined)).toHaveLength(1);
    await replaceEmailToken(ctx.store.db, { ...token, id: 'third' });
    expect(await consumeEmailToken(ctx.store.db, 'third', 'reset_password', T2)).toBeUndefined();
  });

  it('deletes an account: no address, no password, no sessions or tokens, the row kept', async () => {
    const id = await account(ctx.store, 'ann@example.org');
    await insertSession(ctx.store.db, { id: 's', userId: id, csrfToken: 'x', now: T0 });
    await replaceEmailToken(ctx.store.db, { id: 't', userId: id, purpose: 'verify_email', email: 'ann@example.org', now: T0, expiresAt: T2 });
    await softDeleteAccount(ctx.store.db, id, T1);
    expect(await accountById(ctx.store.db, id)).toBeUndefined();
    expect(await sessionById(ctx.store.db, 's')).toBeUndefined();
    expect(await ctx.store.db.selectFrom('email_tokens').selectAll().execute()).toEqual([]);
    const row = await ctx.store.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: null, email_key: null, password_hash: null, deleted_at: T1 });
    // The address is free again.
    expect(await account(ctx.store, 'ann@example.org')).not.toBe(id);
  });
});
