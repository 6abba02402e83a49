// Without an SMTP relay, mail goes to <dataDir>/outbox/ as RFC 5322 .eml files: the very bytes the
// SMTP mailer would transmit (same composer, same DKIM signature), so a fresh install can sign up,
// verify and read digests without any mail server. Each file is written under a temporary dot-name,
// flushed, then renamed: a reader (the outbox page, a test, `ls`) never sees half a mail, even when
// the process is killed mid-write. Names sort by time: <UTC time>-<sequence>-<random>.eml.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import nodemailer, { type StreamSentMessageInfo, type StreamTransportOptions, type Transporter } from 'nodemailer';
import type { Mailer, OutgoingMail, SentMail } from './mailer.js';
import { bareMessageId, dkimOptions, toSendMailOptions, type MailIdentity } from './nodemailer-message.js';

/** Temporary files are named `.tmp-<name>.eml.part`: hidden, and not ending in `.eml`, which listings read. */
export const OUTBOX_TEMP_PREFIX = '.tmp-';
const OUTBOX_TEMP_SUFFIX = '.part';

export interface OutboxMailerOptions extends MailIdentity {
  readonly dir: string;
  /** Injectable clock for file names. */
  readonly now?: () => Date;
}

let sequence = 0;

/** e.g. 20260822T101530123Z-000042-3f9a0c1b.eml: lexical order is time order (to the millisecond). */
export function outboxFileName(at: Date): string {
  const time = at.toISOString().replace(/[-:.]/g, '');
  sequence = (sequence + 1) % 1_000_000;
  return `${time}-${String(sequence).padStart(6, '0')}-${crypto.randomBytes(4).toString('hex')}.eml`;
}

export class OutboxMailer implements Mailer {
  readonly dir: string;
  private readonly transport: Transporter<StreamSentMessageInfo, StreamTransportOptions>;
  private readonly identity: MailIdentity;
  private readonly now: () => Date;
  private ready: Promise<void> | null = null;

  constructor(options: OutboxMailerOptions) {
    this.dir = options.dir;
    this.identity = { from: options.from, dkim: options.dkim ?? null };
    this.now = options.now ?? (() => new Date());
    const dkim = dkimOptions(options.dkim);
    // CRLF throughout, as on the wire: the composer leaves the line breaks of text parts as given
    // and the SMTP client converts them; here the stream transport's 'windows' newline does.
    this.transport = nodemailer.createTransport({
      streamTransport: true,
      buffer: false,
      newline: 'windows',
      ...(dkim === undefined ? {} : { dkim }),
      logger: false,
    });
  }

  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.transport.sendMail(toSendMailOptions(mail, this.identity));
    if (Buffer.isBuffer(info.message)) throw new Error('expected a message stream');
    this.ready ??= fs.promises.mkdir(this.dir, { recursive: true }).then(
      () => undefined,
      (err: unknown) => {
        this.ready = null; // try again with the next mail
        throw err;
      },
    );
    await this.ready;
    const name = outboxFileName(this.now());
    const final = path.join(this.dir, name);
    const temp = path.join(this.dir, `${OUTBOX_TEMP_PREFIX}${name}${OUTBOX_TEMP_SUFFIX}`);
    try {
      // flush: fsync before close, so the renamed file has its bytes on disk, not only in the page cache.
      await pipeline(info.message, fs.createWriteStream(temp, { flags: 'wx', mode: 0o600, flush: true }));
      await fs.promises.rename(temp, final);
    } catch (err) {
      await fs.promises.rm(temp, { force: true });
      throw err;
    }
    return { messageId: bareMessageId(info.messageId), via: { file: final } };
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}
