// Log-in by address and password. An unknown address and a wrong password get the same error,
// after the same work (a dummy Argon2 verify for unknown addresses), so neither the message nor
// the time tells whether an account exists. A hash below the current policy is replaced.
import { emailKey } from '../../domain/account.js';
import { unauthorized } from '../../domain/errors.js';
import { MAX_PASSWORD_LENGTH } from '../../domain/password-rules.js';
import { accountByEmailKey, setPasswordHash } from '../../store/users.js';
import type { AccountContext } from './context.js';
import { burnVerifyTime, hashPassword, needsRehash, verifyPassword } from './password-hasher.js';

export const LOGIN_FAILED = 'The e-mail address or the password is not right.';

/** The user id of the account, or throws 401 with LOGIN_FAILED. */
export async function logIn(ctx: AccountContext, input: { email: string; password: string }): Promise<number> {
  const account = await accountByEmailKey(ctx.store.db, emailKey(input.email));
  // Over-long passwords are refused after the same work too (no account takes them).
  const tooLong = [...input.password].length > MAX_PASSWORD_LENGTH;
  const ok = account && !tooLong ? await verifyPassword(account.passwordHash, input.password) : await burnVerifyTime(input.password.slice(0, MAX_PASSWORD_LENGTH));
  if (!account || !ok) throw unauthorized(LOGIN_FAILED);
  if (needsRehash(account.passwordHash)) await setPasswordHash(ctx.store.db, account.id, await hashPassword(input.password));
  return account.id;
}
