import type { AccountContext } from '../../../commands/accounts/context.js';
import type { Session } from '../../../commands/accounts/sessions.js';
import type { WebDeps } from '../../deps.js';

export function accountContext(deps: WebDeps): AccountContext {
  return { store: deps.store, mailer: deps.mailer, baseUrl: deps.config.baseUrl, now: deps.now };
}

/** The JSON of a session's account: an explicit whitelist (never the hash or the session id). */
export function accountJson(session: Session) {
  return {
    id: session.userId,
    email: session.email,
    displayName: session.displayName,
    emailVerified: session.emailVerified,
    role: session.role,
    csrfToken: session.csrfToken,
  };
}
