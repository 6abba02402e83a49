// Account rows of the users table (0007). Deleted accounts keep their row, stripped of address and
// password, so what they submitted keeps its reference; they can never log in again.
import type { Role } from '../domain/account.js';
import { displayNameKey } from '../domain/display-name.js';
import type { Db } from './db.js';

export interface Account {
  readonly id: number;
  readonly email: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly emailVerifiedAt: string | null;
  readonly role: Role;
  readonly createdAt: string;
}

/** True for the unique-constraint violation of either driver (SQLite, PostgreSQL 23505). */
export function isUniqueViolation(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}

const COLUMNS = ['id', 'email', 'display_name', 'password_hash', 'email_verified_at', 'role', 'created_at'] as const;

function toAccount(row: {
  id: number;
  email: string | null;
  display_name: string;
  password_hash: string | null;
  email_verified_at: string | null;
  role: Role;
  created_at: string;
}): Account | undefined {
  if (row.email === null || row.password_hash === null) return undefined;
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    emailVerifiedAt: row.email_verified_at,
    role: row.role,
    createdAt: row.created_at,
  };
}

export interface NewAccount {
  readonly email: string;
  readonly emailKey: string;
  readonly displayName: string;
  readonly passwordHash: string;
  readonly now: string;
}

/** Inserts an unverified account; undefined when the address (by key) already has one. */
export async function insertAccount(db: Db, a: NewAccount): Promise<number | undefined> {
  const row = await db
    .insertInto('users')
    .values({ email: a.email, email_key: a.emailKey, display_name: a.displayName, password_hash: a.passwordHash, created_at: a.now })
    .onConflict((oc) => oc.column('email_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** The live (not deleted) account with this address key. */
export async function accountByEmailKey(db: Db, key: string): Promise<Account | undefined> {
  const row = await db.selectFrom('users').select(COLUMNS).where('email_key', '=', key).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function accountById(db: Db, id: number): Promise<Account | undefined> {
  const row = await db.selectFrom('users').select(COLUMNS).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return row ? toAccount(row) : undefined;
}

export async function setPasswordHash(db: Db, id: number, passwordHash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).where('deleted_at', 'is', null).execute();
}

/** Marks the address verified if it is still the account's address; false otherwise. */
export async function markEmailVerified(db: Db, id: number, email: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ email_verified_at: now })
    .where('id', '=', id)
    .where('email', '=', email)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Moves the account to a new (verified) address; false when another account has it. */
export async function changeAccountEmail(db: Db, id: number, email: string, key: string, now: string): Promise<boolean> {
  try {
    const result = await db
      .updateTable('users')
      .set({ email, email_key: key, email_verified_at: now })
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Deletes an account: its sessions, tokens and second factor go, its row stays without address or password. */
export async function softDeleteAccount(db: Db, id: number, now: string): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await tx.deleteFrom('email_tokens').where('user_id', '=', id).execute();
    await tx.deleteFrom('totp_credentials').where('user_id', '=', id).execute();
    await tx.deleteFrom('recovery_codes').where('user_id', '=', id).execute();
    await tx.deleteFrom('pending_logins').where('user_id', '=', id).execute();
    await tx
      .updateTable('users')
      .set({ email: null, email_key: null, password_hash: null, email_verified_at: null, display_name: 'deleted account', display_name_key: null, deleted_at: now })
      .where('id', '=', id)
      .execute();
  });
}

/**
 * Gives a live account a new public name; 'taken' when another live account has the same key. The
 * unique index decides a race: the check below only turns the usual case into an answer.
 */
export async function setDisplayName(db: Db, id: number, name: string): Promise<'changed' | 'taken'> {
  const key = displayNameKey(name);
  return db.transaction().execute(async (tx) => {
    const holder = await tx.selectFrom('users').select('id').where('display_name_key', '=', key).executeTakeFirst();
    if (holder !== undefined && Number(holder.id) !== id) return 'taken';
    await tx.updateTable('users').set({ display_name: name, display_name_key: key }).where('id', '=', id).where('deleted_at', 'is', null).execute();
    return 'changed';
  });
}
