// The daily clean-up task, by calling perform on both dialects: it deletes expired sessions, used
// or expired e-mail tokens, expired pending log-ins and rate-limit hits older than the longest
// window; keeps everything still live; and a second run deletes nothing more. It is in the one
// schedule, daily.
import { expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { SESSION_ABSOLUTE_HOURS } from '../../src/domain/account.js';
import { LONGEST_RATE_LIMIT_WINDOW_MS } from '../../src/domain/rate-limits.js';
import { cleanUpTask } from '../../src/jobs/tasks/clean-up.js';
import { CLEAN_UP_AT_UTC, TASKS, schedule } from '../../src/jobs/tasks/index.js';
import type { TaskContext } from '../../src/jobs/task.js';
import type { Store } from '../../src/store/db.js';
import { insertSession, touchSession } from '../../src/store/sessions.js';
import { insertPendingLogin } from '../../src/store/two-factor.js';
import { describeEachDialect } from '../support/dialects.js';
import { addAccount } from '../support/votes.js';

const NOW = new Date('2026-11-30T03:45:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const later = (ms: number) => new Date(NOW.getTime() + ms).toISOString();
const HOUR = 3_600_000;

async function counts(store: Store) {
  const n = async (table: 'sessions' | 'email_tokens' | 'pending_logins' | 'rate_limit_hits') =>
    Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);
  return { sessions: await n('sessions'), emailTokens: await n('email_tokens'), pendingLogins: await n('pending_logins'), rateLimitHits: await n('rate_limit_hits') };
}

describeEachDialect('clean-up task', (ctx) => {
  it('deletes what can never be used again, keeps the rest, and is idempotent', async () => {
    const ann = await addAccount(ctx.store, 'ann@example.org', ago(100 * HOUR));
    const db = ctx.store.db;
    // Written directly: starting a session would already delete the user's expired ones.
    const session = (id: string, createdAt: string, lastSeenAt: string) => insertSession(db, { id, userId: ann, csrfToken: 'c', now: createdAt }).then(() => touchSession(db, id, lastSeenAt));
    await session('too-old', ago((SESSION_ABSOLUTE_HOURS + 1) * HOUR), ago(60_000));
    await session('idle', ago(2 * HOUR), ago(31 * 60_000));
    await session('live', ago(HOUR), ago(60_000));
    const token = (id: string, expiresAt: string, usedAt: string | null) => ({ id, user_id: ann, purpose: 'verify_email' as const, email: 'ann@example.org', created_at: ago(HOUR), expires_at: expiresAt, used_at: usedAt });
    await db.insertInto('email_tokens').values([token('used', later(HOUR), ago(60_000)), token('expired', ago(1), null), token('live', later(HOUR), null)]).execute();
    await insertPendingLogin(db, { id: 'old', userId: ann, now: ago(6 * 60_000), expiresAt: ago(60_000) });
    await insertPendingLogin(db, { id: 'live', userId: ann, now: ago(60_000), expiresAt: later(4 * 60_000) });
    await db.insertInto('rate_limit_hits').values([
      { action: 'login', subject: '203.0.113.5', at: ago(LONGEST_RATE_LIMIT_WINDOW_MS + 1) },
      { action: 'vote', subject: String(ann), at: ago(LONGEST_RATE_LIMIT_WINDOW_MS - 60_000) },
    ]).execute();

    // Digest subscriptions: never confirmed and the link expired (deleted); never confirmed, link
    // still live (kept); confirmed once, asked again, link expired (kept: it has a history); active.
    const sub = (email: string, status: 'pending' | 'active', confirmedAt: string | null, expiresAt: string | null) => ({
      email, email_key: email, user_id: null, status, frequency: 'daily' as const, time_zone: 'UTC', send_hour: 8, send_weekday: 1,
      categories: '[]', keywords: '[]', unsubscribe_token: `token-${email}`, confirm_token_hash: expiresAt ? `hash-${email}` : null,
      confirm_expires_at: expiresAt, created_at: ago(72 * HOUR), confirmed_at: confirmedAt, updated_at: ago(72 * HOUR),
    });
    await db.insertInto('subscriptions').values([
      sub('gone@example.org', 'pending', null, ago(1)),
      sub('waiting@example.org', 'pending', null, later(HOUR)),
      sub('again@example.org', 'pending', ago(48 * HOUR), ago(1)),
      sub('reader@example.org', 'active', ago(48 * HOUR), null),
    ]).execute();
    const subscribers = async () => (await db.selectFrom('subscriptions').select('email').orderBy('email').execute()).map((r) => r.email);

    const logs: string[] = [];
    const tc: TaskContext = { store: ctx.store, config: parseConfig({ PAPERBOY_LOG_LEVEL: 'silent' }), log: (m) => logs.push(m), now: () => NOW };
    await cleanUpTask.perform({}, tc);
    expect(await counts(ctx.store)).toEqual({ sessions: 1, emailTokens: 1, pendingLogins: 1, rateLimitHits: 1 });
    expect(logs[0]).toMatch(/deleted 2 expired sessions, 2 used or expired e-mail tokens, 1 expired pending log-ins, 1 old rate-limit hits/);
    expect((await db.selectFrom('sessions').select('id').execute()).map((r) => r.id)).toEqual(['live']);
    expect((await db.selectFrom('email_tokens').select('id').execute()).map((r) => r.id)).toEqual(['live']);
    expect((await db.selectFrom('pending_logins').select('id').execute()).map((r) => r.id)).toEqual(['live']);
    expect(await subscribers()).toEqual(['again@example.org', 'reader@example.org', 'waiting@example.org']);
    expect(logs[0]).toMatch(/, 1 unconfirmed subscriptions$/);

    await cleanUpTask.perform({}, tc);
    expect(await counts(ctx.store)).toEqual({ sessions: 1, emailTokens: 1, pendingLogins: 1, rateLimitHits: 1 });
    expect(logs[1]).toMatch(/deleted 0 expired sessions, 0 used or expired e-mail tokens, 0 expired pending log-ins, 0 old rate-limit hits, 0 unconfirmed subscriptions/);
    expect(await subscribers()).toHaveLength(3);
  });

  it('is a registered task, run daily from the one schedule on every install', () => {
    expect(TASKS.get('clean-up')).toBe(cleanUpTask);
    expect(cleanUpTask.payload.safeParse({}).success).toBe(true);
    for (const env of [{}, { PAPERBOY_CONTACT_EMAIL: 'ops@example.org' }]) {
      const entry = schedule(parseConfig({ PAPERBOY_LOG_LEVEL: 'silent', ...env })).find((e) => e.task === cleanUpTask);
      expect(entry).toMatchObject({ name: 'clean-up', dailyAtUtc: CLEAN_UP_AT_UTC });
    }
  });
});
