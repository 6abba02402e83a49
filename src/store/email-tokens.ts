// Single-use e-mailed tokens (0007), stored as SHA-256 of the token. Using one is a conditional
// UPDATE, so two requests racing with the same link cannot both succeed.
import type { EmailTokenPurpose } from '../domain/account.js';
import type { Db } from './db.js';

export interface NewEmailToken {
  readonly id: string;
  readonly userId: number;
  readonly purpose: EmailTokenPurpose;
  readonly email: string;
  readonly now: string;
  readonly expiresAt: string;
}

/** Stores a token, first dropping the user's unused tokens of the same purpose (only the newest link works). */
export async function replaceEmailToken(db: Db, t: NewEmailToken): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('email_tokens').where('user_id', '=', t.userId).where('purpose', '=', t.purpose).where('used_at', 'is', null).execute();
    await tx
      .insertInto('email_tokens')
      .values({ id: t.id, user_id: t.userId, purpose: t.purpose, email: t.email, created_at: t.now, expires_at: t.expiresAt })
      .execute();
  });
}

export interface UsableToken {
  readonly userId: number;
  readonly email: string;
}

/** The token if it is unused and unexpired, without using it (for the page that shows the button). */
export async function usableEmailToken(db: Db, id: string, purpose: EmailTokenPurpose, now: string): Promise<UsableToken | undefined> {
  const row = await db
    .selectFrom('email_tokens')
    .select(['user_id', 'email'])
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { userId: row.user_id, email: row.email } : undefined;
}

/** Uses the token: marks it used and returns it, or undefined if it is unknown, used or expired. */
export async function consumeEmailToken(db: Db, id: string, purpose: EmailTokenPurpose, now: string): Promise<UsableToken | undefined> {
  const row = await db
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'email'])
    .executeTakeFirst();
  return row ? { userId: row.user_id, email: row.email } : undefined;
}

/** Deletes tokens that are used or expired at `now` (they can never work again); returns how many. */
export async function deleteSpentEmailTokens(db: Db, now: string): Promise<number> {
  const result = await db
    .deleteFrom('email_tokens')
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
