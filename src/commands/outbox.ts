// Use-case: the local outbox page (/outbox, /api/outbox): the mails written to <data dir>/outbox
// when no SMTP relay is configured, newest first, and one mail as sent.
import type { Config } from '../config.js';
import { listOutbox, readOutboxFile, type OutboxEntry } from '../email/outbox-list.js';

/** Mails listed on the page (the folder may hold many more). */
export const OUTBOX_PAGE_SIZE = 200;

export interface OutboxListing {
  readonly dir: string;
  /** True when mail goes to a relay: the outbox then only holds mails from before. */
  readonly smtpConfigured: boolean;
  readonly total: number;
  readonly entries: readonly OutboxEntry[];
}

export async function outboxListing(config: Config): Promise<OutboxListing> {
  const { total, entries } = await listOutbox(config.mail.outboxDir, OUTBOX_PAGE_SIZE);
  return { dir: config.mail.outboxDir, smtpConfigured: config.mail.smtp !== null, total, entries };
}

export async function outboxMail(config: Config, name: string): Promise<Buffer | null> {
  return readOutboxFile(config.mail.outboxDir, name);
}
