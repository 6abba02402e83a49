// Vote test helpers: papers featured on given days and accounts of a given age, written through
// the store (no HTTP, no password hashing).
import { emailKey } from '../../src/domain/account.js';
import { arxivIdOrThrow, type ArxivId } from '../../src/domain/arxiv-id.js';
import type { Day } from '../../src/domain/period.js';
import type { Store } from '../../src/store/db.js';
import { upsertDailyBatch } from '../../src/store/papers-write.js';
import { insertAccount } from '../../src/store/users.js';

/** A distinct new-style id per n (2611.0000n …). */
export function paperId(n: number): ArxivId {
  return arxivIdOrThrow(`2611.${String(n).padStart(5, '0')}`);
}

/** Papers featured on `day` (null: in the catalog only), with an HF baseline when given. */
export async function addPapers(store: Store, ids: readonly ArxivId[], day: Day | null, baseline = 0, publishedAt = '2026-11-01T00:00:00Z'): Promise<void> {
  const papers = ids.map((id) => ({ id, title: `Paper ${id}`, abstract: `About ${id}.`, publishedAt }));
  const entries =
    day === null
      ? []
      : ids.map((paperId) => ({ day, paperId, source: 'hf-daily' as const, baseline: baseline > 0 ? { source: 'hf-daily' as const, upvotes: baseline, comments: 0, asOf: day } : null }));
  await upsertDailyBatch(store.db, papers, entries);
}

/** A verified account created at `createdAt`; returns its id. */
export async function addAccount(store: Store, email: string, createdAt: string): Promise<number> {
  const id = await insertAccount(store.db, { email, emailKey: emailKey(email), displayName: email.split('@')[0] ?? 'reader', passwordHash: '$argon2id$x', now: createdAt });
  if (id === undefined) throw new Error(`account ${email} exists`);
  await store.db.updateTable('users').set({ email_verified_at: createdAt }).where('id', '=', id).execute();
  return id;
}
