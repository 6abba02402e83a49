// Sign-up by e-mail address and password. The answer is the same whether or not the address already
// has an account ("check your mail"), so sign-up cannot be used to find out who is registered: a
// new address gets a verification link, a known one a note that it already has an account.
import { randomBytes } from 'node:crypto';
import { EMAIL_TOKEN_TTL_HOURS, emailKey } from '../../domain/account.js';
import { badRequest } from '../../domain/errors.js';
import { passwordProblem } from '../../domain/password-rules.js';
import { alreadyRegisteredMail, verifyEmailMail } from '../../email/account-mails.js';
import { insertAccount } from '../../store/users.js';
import { tokenLink, type AccountContext } from './context.js';
import { issueEmailToken } from './email-token.js';
import { hashPassword } from './password-hasher.js';

/** A public name until the person picks one: not derived from the address, which stays private. */
function newDisplayName(): string {
  return `reader-${randomBytes(4).toString('hex')}`;
}

export async function signUp(ctx: AccountContext, input: { email: string; password: string }): Promise<void> {
  const problem = passwordProblem(input.password);
  if (problem) throw badRequest(problem);
  const email = input.email.trim();
  // Hashed before the lookup on both paths, so both take the same time.
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now().toISOString();
  const id = await insertAccount(ctx.store.db, { email, emailKey: emailKey(email), displayName: newDisplayName(), passwordHash, now });
  if (id === undefined) {
    await ctx.mailer.send(alreadyRegisteredMail(email, new URL('/login', ctx.baseUrl), new URL('/forgot-password', ctx.baseUrl)));
    return;
  }
  await sendVerification(ctx, id, email);
}

/** Sends (again) the link that verifies the account's current address. */
export async function sendVerification(ctx: AccountContext, userId: number, email: string): Promise<void> {
  const token = await issueEmailToken(ctx, userId, 'verify_email', email);
  await ctx.mailer.send(verifyEmailMail(email, tokenLink(ctx, '/verify-email', token), EMAIL_TOKEN_TTL_HOURS.verify_email));
}
