// Forgotten passwords: a reset link by mail (single use, 48 h), then a new password. Asking says
// the same whether or not the address has an account. Resetting proves the address works, so it
// also verifies it, and it logs out every session (someone else may know the old password).
import { EMAIL_TOKEN_TTL_HOURS, emailKey } from '../../domain/account.js';
import { badRequest } from '../../domain/errors.js';
import { passwordProblem } from '../../domain/password-rules.js';
import { resetPasswordMail } from '../../email/account-mails.js';
import { consumeEmailToken } from '../../store/email-tokens.js';
import { deleteUserSessions } from '../../store/sessions.js';
import { accountByEmailKey, markEmailVerified, setPasswordHash } from '../../store/users.js';
import { isSecretShaped, secretId, tokenLink, type AccountContext } from './context.js';
import { LINK_DEAD, issueEmailToken } from './email-token.js';
import { hashPassword } from './password-hasher.js';

export async function requestPasswordReset(ctx: AccountContext, input: { email: string }): Promise<void> {
  const account = await accountByEmailKey(ctx.store.db, emailKey(input.email));
  if (!account) return;
  const token = await issueEmailToken(ctx, account.id, 'reset_password', account.email);
  await ctx.mailer.send(resetPasswordMail(account.email, tokenLink(ctx, '/reset-password', token), EMAIL_TOKEN_TTL_HOURS.reset_password));
}

export async function resetPassword(ctx: AccountContext, input: { token: string; password: string }): Promise<void> {
  const problem = passwordProblem(input.password);
  if (problem) throw badRequest(problem);
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now().toISOString();
  const used = isSecretShaped(input.token) ? await consumeEmailToken(ctx.store.db, secretId(input.token), 'reset_password', now) : undefined;
  if (!used) throw badRequest(LINK_DEAD);
  await setPasswordHash(ctx.store.db, used.userId, passwordHash);
  await markEmailVerified(ctx.store.db, used.userId, used.email, now);
  await deleteUserSessions(ctx.store.db, used.userId);
}
