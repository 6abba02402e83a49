// Versioned migrations, applied in key order and recorded by Kysely's migrator. Never edit one that
// has shipped; add the next number.
import type { Migration } from 'kysely';
import * as m0001 from './0001-catalog.js';
import * as m0002 from './0002-sources.js';
import * as m0003 from './0003-jobs-and-ingest-state.js';
import * as m0004 from './0004-keyword-index.js';
import * as m0005 from './0005-author-name-key.js';
import * as m0006 from './0006-embeddings.js';
import * as m0007 from './0007-accounts.js';
import * as m0008 from './0008-votes.js';
import * as m0009 from './0009-comments.js';
import * as m0010 from './0010-moderation.js';
import * as m0011 from './0011-two-factor.js';
import * as m0012 from './0012-submissions.js';
import * as m0013 from './0013-author-claims.js';
import * as m0014 from './0014-api-tokens.js';
import * as m0015 from './0015-subscriptions.js';
import * as m0016 from './0016-digest-sends.js';
import * as m0017 from './0017-display-name-key.js';

export const migrations: Record<string, Migration> = {
  '0001-catalog': m0001,
  '0002-sources': m0002,
  '0003-jobs-and-ingest-state': m0003,
  '0004-keyword-index': m0004,
  '0005-author-name-key': m0005,
  '0006-embeddings': m0006,
  '0007-accounts': m0007,
  '0008-votes': m0008,
  '0009-comments': m0009,
  '0010-moderation': m0010,
  '0011-two-factor': m0011,
  '0012-submissions': m0012,
  '0013-author-claims': m0013,
  '0014-api-tokens': m0014,
  '0015-subscriptions': m0015,
  '0016-digest-sends': m0016,
  '0017-display-name-key': m0017,
};
