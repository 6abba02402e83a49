// Verifying an address: the POST from the button on the page the e-mailed link opens.
import { badRequest } from '../../domain/errors.js';
import { consumeEmailToken } from '../../store/email-tokens.js';
import { markEmailVerified } from '../../store/users.js';
import { isSecretShaped, secretId, type AccountContext } from './context.js';
import { LINK_DEAD } from './email-token.js';

export async function verifyEmail(ctx: AccountContext, token: string): Promise<void> {
  const now = ctx.now().toISOString();
  const used = isSecretShaped(token) ? await consumeEmailToken(ctx.store.db, secretId(token), 'verify_email', now) : undefined;
  // A link sent to an address the account has since left verifies nothing.
  if (!used || !(await markEmailVerified(ctx.store.db, used.userId, used.email, now))) throw badRequest(LINK_DEAD);
}
