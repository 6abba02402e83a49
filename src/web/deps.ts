import type { Config } from '../config.js';
import type { Store } from '../store/db.js';
import type { PageCache } from './page-cache.js';

/** What every route module receives from the app. */
export interface WebDeps {
  readonly store: Store;
  readonly config: Config;
  readonly cache: PageCache;
}
