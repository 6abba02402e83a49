// Changing the password: the current one is asked again, and every session of the account ends
// (the caller starts a fresh one for the browser that made the change).
import { badRequest } from '../../domain/errors.js';
import { passwordProblem } from '../../domain/password-rules.js';
import { deleteUserSessions } from '../../store/sessions.js';
import { setPasswordHash } from '../../store/users.js';
import type { AccountContext } from './context.js';
import { hashPassword } from './password-hasher.js';
import { reauthenticate } from './reauthenticate.js';

export async function changePassword(ctx: AccountContext, userId: number, input: { currentPassword: string; newPassword: string }): Promise<void> {
  const problem = passwordProblem(input.newPassword);
  if (problem) throw badRequest(problem);
  await reauthenticate(ctx, userId, input.currentPassword);
  await setPasswordHash(ctx.store.db, userId, await hashPassword(input.newPassword));
  await deleteUserSessions(ctx.store.db, userId);
}
