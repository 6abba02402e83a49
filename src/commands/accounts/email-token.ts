// Issuing and checking the single-use tokens of e-mailed links.
import { EMAIL_TOKEN_TTL_HOURS, hoursAfter, type EmailTokenPurpose } from '../../domain/account.js';
import { replaceEmailToken, usableEmailToken } from '../../store/email-tokens.js';
import { isSecretShaped, newSecret, secretId, type AccountContext } from './context.js';

/** A new token for `purpose` (the user's older unused ones of that purpose stop working). */
export async function issueEmailToken(ctx: AccountContext, userId: number, purpose: EmailTokenPurpose, email: string): Promise<string> {
  const token = newSecret();
  const now = ctx.now();
  await replaceEmailToken(ctx.store.db, {
    id: secretId(token),
    userId,
    purpose,
    email,
    now: now.toISOString(),
    expiresAt: hoursAfter(now, EMAIL_TOKEN_TTL_HOURS[purpose]).toISOString(),
  });
  return token;
}

/** True when the link's token would still work (the page with the button says so before the POST). */
export async function emailTokenUsable(ctx: AccountContext, token: string, purpose: EmailTokenPurpose): Promise<boolean> {
  if (!isSecretShaped(token)) return false;
  return (await usableEmailToken(ctx.store.db, secretId(token), purpose, ctx.now().toISOString())) !== undefined;
}

export const LINK_DEAD = 'This link does not work: it was already used, has expired, or was replaced by a newer one.';
