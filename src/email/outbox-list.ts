// Reading the outbox folder (outbox-mailer.ts writes it) for the local /outbox page: the newest
// .eml files with their envelope headers, and one file's bytes by name. Names are checked against
// the pattern the mailer makes, so a request can never reach outside the folder.
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';

/** The names outboxFileName() makes: <UTC time>-<sequence>-<random>.eml. */
export const OUTBOX_FILE_NAME = /^\d{8}T\d{9}Z-\d{6}-[0-9a-f]{8}\.eml$/;

export interface OutboxEntry {
  readonly name: string;
  readonly bytes: number;
  readonly to: string;
  readonly subject: string;
  /** ISO time from the Date header (the file's time when it has none). */
  readonly date: string;
  readonly messageId: string | null;
}

/** The newest `limit` mails (newest first) and how many the folder holds; an absent folder is empty. */
export async function listOutbox(dir: string, limit: number): Promise<{ readonly total: number; readonly entries: readonly OutboxEntry[] }> {
  let names: string[];
  try {
    names = (await fs.promises.readdir(dir)).filter((n) => OUTBOX_FILE_NAME.test(n));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { total: 0, entries: [] };
    throw err;
  }
  names.sort().reverse();
  const entries: OutboxEntry[] = [];
  for (const name of names.slice(0, limit)) {
    const file = path.join(dir, name);
    const [raw, stat] = await Promise.all([fs.promises.readFile(file), fs.promises.stat(file)]);
    // Headers only: the bodies are not needed for the list.
    const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true });
    const to = parsed.to === undefined ? '' : (Array.isArray(parsed.to) ? parsed.to : [parsed.to]).map((a) => a.text).join(', ');
    entries.push({ name, bytes: stat.size, to, subject: parsed.subject ?? '', date: (parsed.date ?? stat.mtime).toISOString(), messageId: parsed.messageId ?? null });
  }
  return { total: names.length, entries };
}

/** One mail's bytes, or null when no such file (or the name is not an outbox name). */
export async function readOutboxFile(dir: string, name: string): Promise<Buffer | null> {
  if (!OUTBOX_FILE_NAME.test(name)) return null;
  try {
    return await fs.promises.readFile(path.join(dir, name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
