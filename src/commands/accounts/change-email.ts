// Changing the address: the current password is asked again, and a link goes to the new address;
// only when that link's button is pressed does the account move. Then every other session of the
// account ends, and the old address is told.
import { EMAIL_TOKEN_TTL_HOURS, emailKey } from '../../domain/account.js';
import { badRequest } from '../../domain/errors.js';
import { changeEmailMail, emailChangedNotice } from '../../email/account-mails.js';
import { consumeEmailToken } from '../../store/email-tokens.js';
import { deleteUserSessions } from '../../store/sessions.js';
import { accountById, changeAccountEmail } from '../../store/users.js';
import { isSecretShaped, secretId, tokenLink, type AccountContext } from './context.js';
import { LINK_DEAD, issueEmailToken } from './email-token.js';
import { reauthenticate } from './reauthenticate.js';

export async function requestEmailChange(ctx: AccountContext, userId: number, input: { currentPassword: string; newEmail: string }): Promise<void> {
  const account = await reauthenticate(ctx, userId, input.currentPassword);
  const email = input.newEmail.trim();
  if (emailKey(email) === emailKey(account.email)) throw badRequest('That is already the address of this account.');
  const token = await issueEmailToken(ctx, userId, 'change_email', email);
  await ctx.mailer.send(changeEmailMail(email, tokenLink(ctx, '/account/email/confirm', token), EMAIL_TOKEN_TTL_HOURS.change_email));
}

/** Moves the account to the link's address; returns the user id. `keepSessionId` survives if it is the account's. */
export async function confirmEmailChange(ctx: AccountContext, token: string, keepSessionId?: string): Promise<number> {
  const now = ctx.now().toISOString();
  const used = isSecretShaped(token) ? await consumeEmailToken(ctx.store.db, secretId(token), 'change_email', now) : undefined;
  if (!used) throw badRequest(LINK_DEAD);
  const before = await accountById(ctx.store.db, used.userId);
  if (!before) throw badRequest(LINK_DEAD);
  if (!(await changeAccountEmail(ctx.store.db, used.userId, used.email, emailKey(used.email), now))) {
    throw badRequest('Another account already uses that address.');
  }
  await deleteUserSessions(ctx.store.db, used.userId, keepSessionId);
  await ctx.mailer.send(emailChangedNotice(before.email, used.email));
  return used.userId;
}
