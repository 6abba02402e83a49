import type { AccountContext } from '../../../commands/accounts/context.js';
import { lazySecretKey } from '../../../commands/accounts/secret-key.js';
import type { Session } from '../../../commands/accounts/sessions.js';
import type { WebDeps } from '../../deps.js';

const keys = new WeakMap<WebDeps['config'], () => Buffer>();

export function accountContext(deps: WebDeps): AccountContext {
  // One lazy key per configuration, shared by every route module of the app.
  let secretKey = keys.get(deps.config);
  if (!secretKey) {
    secretKey = lazySecretKey(deps.config);
    keys.set(deps.config, secretKey);
  }
  return { store: deps.store, mailer: deps.mailer, baseUrl: deps.config.baseUrl, now: deps.now, secretKey };
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
