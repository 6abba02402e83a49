// How Paperboy sends mail: one interface, two implementations (SMTP through nodemailer when
// PAPERBOY_SMTP_URL is set; otherwise .eml files in an outbox folder of the data dir, listed on a
// local page). Account mails (verification, password reset) and digests both go through it.
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Stable id (without angle brackets) so receivers can de-duplicate a resent mail. */
  readonly messageId?: string;
  /** Extra headers (List-Unsubscribe, …). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Envelope sender (a VERP return path); the configured from-address otherwise. */
  readonly returnPath?: string;
}

export interface SentMail {
  readonly messageId: string;
  /** Where it went: 'smtp' or the .eml file written. */
  readonly via: 'smtp' | { readonly file: string };
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): Promise<void>;
}
