// Sensitive changes (password, address, deletion) ask for the current password again.
import { forbidden } from '../../domain/errors.js';
import { accountById, type Account } from '../../store/users.js';
import type { AccountContext } from './context.js';
import { verifyPassword } from './password-hasher.js';

export const WRONG_CURRENT_PASSWORD = 'The current password is not right.';

/** The account, if `password` is its current password; throws 403 otherwise. */
export async function reauthenticate(ctx: AccountContext, userId: number, password: string): Promise<Account> {
  const account = await accountById(ctx.store.db, userId);
  if (!account || !(await verifyPassword(account.passwordHash, password))) throw forbidden(WRONG_CURRENT_PASSWORD);
  return account;
}
