import type { Config } from '../config.js';
import type { Mailer } from '../commands/accounts/context.js';
import type { PaperLookup } from '../commands/submit-paper.js';
import type { Store } from '../store/db.js';
import type { SessionCookies } from './middleware/session.js';
import type { PageCache } from './page-cache.js';

/** What every route module receives from the app. */
export interface WebDeps {
  readonly store: Store;
  readonly config: Config;
  readonly cache: PageCache;
  /** Account mails (verification, reset) go out through it. */
  readonly mailer: Mailer;
  readonly sessions: SessionCookies;
  /** The clock of sessions and e-mailed tokens (tests move it). */
  readonly now: () => Date;
  /** Fetches papers from arXiv for submissions; null when no arXiv contact address is configured. */
  readonly arxiv: PaperLookup | null;
}
