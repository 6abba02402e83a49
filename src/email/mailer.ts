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
  /** The Message-ID it was sent with, without angle brackets (the given one, or a generated one). */
  readonly messageId: string;
  /** Where it went: 'smtp' or the .eml file written. */
  readonly via: 'smtp' | { readonly file: string };
}

export interface Mailer {
  /**
   * Resolves once the relay accepted the mail (or the .eml file is in place). Over SMTP it rejects
   * with the classes of delivery-errors.ts: PermanentRecipientError (hard bounce),
   * TransientRecipientError (soft bounce) or MailServerError (not a bounce).
   */
  send(mail: OutgoingMail): Promise<SentMail>;
  close(): Promise<void>;
}
