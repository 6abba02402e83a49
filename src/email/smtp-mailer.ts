// Sends mail through an SMTP relay (PAPERBOY_SMTP_URL) with nodemailer's pooled transport: a few
// long-lived connections, each reused for many messages, and a pool-wide rate limit so a digest run
// of thousands of mails does not trip the relay's throttling. Created once per process by
// mailer-from-config.ts; close() lets in-flight mails finish, then says QUIT.
import net from 'node:net';
import nodemailer, { type SMTPPoolOptions, type SMTPPoolSentMessageInfo, type Transporter } from 'nodemailer';
import { classifySmtpError } from './delivery-errors.js';
import type { Mailer, OutgoingMail, SentMail } from './mailer.js';
import { bareMessageId, dkimOptions, toSendMailOptions, type MailIdentity } from './nodemailer-message.js';

/** Connections open at once (nodemailer's default; most relays allow 5–20 per client). */
export const MAX_CONNECTIONS = 5;
/** Messages per connection before it is replaced (many servers end a session after ~100). */
export const MAX_MESSAGES_PER_CONNECTION = 100;
/** The window of the pool-wide rate limit, in milliseconds. */
export const RATE_WINDOW_MS = 1000;
/** Default pool-wide limit, in mails per second; PAPERBOY_SMTP_MAX_PER_SECOND overrides it. */
export const DEFAULT_MAX_MAILS_PER_SECOND = 50;
/** Time to open the TCP (or TLS) connection, in milliseconds. */
export const CONNECTION_TIMEOUT_MS = 30_000;
/** Time for the server's greeting after connecting, in milliseconds (RFC 5321 §4.5.3.2 allows 5 min; relays answer in well under 1 s). */
export const GREETING_TIMEOUT_MS = 30_000;
/** Inactivity on an open connection before it is given up, in milliseconds. */
export const SOCKET_TIMEOUT_MS = 120_000;

const SUBMISSION_PORT = 587; // RFC 6409, STARTTLS
const SUBMISSIONS_PORT = 465; // RFC 8314, implicit TLS

export interface SmtpMailerOptions extends MailIdentity {
  /** smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps://… (TLS from the first byte). */
  readonly url: string;
  readonly maxMailsPerSecond?: number;
  readonly maxConnections?: number;
  /** Extra trusted CA certificates (PEM); by default Node's store (plus NODE_EXTRA_CA_CERTS). */
  readonly ca?: string | Buffer;
}

/** Connection settings read from the URL; exported so the TLS policy is tested without a server. */
export function smtpConnectionOptions(url: string): Pick<SMTPPoolOptions, 'host' | 'port' | 'secure' | 'requireTLS' | 'auth'> {
  const u = new URL(url);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new TypeError('the SMTP URL must start with smtp:// or smtps://');
  const secure = u.protocol === 'smtps:';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  const hasAuth = user !== '' || pass !== '';
  // Never send a password in clear over a network: with credentials, STARTTLS is required unless the
  // relay is on this machine. Without credentials STARTTLS is still used whenever the server offers it.
  const loopback = host === 'localhost' || (net.isIP(host) !== 0 && /^(127\.|::1$)/.test(host));
  return {
    host,
    port: u.port === '' ? (secure ? SUBMISSIONS_PORT : SUBMISSION_PORT) : Number(u.port),
    secure,
    requireTLS: !secure && hasAuth && !loopback,
    ...(hasAuth ? { auth: { user, pass } } : {}),
  };
}

export class SmtpMailer implements Mailer {
  private readonly transport: Transporter<SMTPPoolSentMessageInfo, SMTPPoolOptions>;
  private readonly identity: MailIdentity;
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(options: SmtpMailerOptions) {
    this.identity = { from: options.from, dkim: options.dkim ?? null };
    const dkim = dkimOptions(options.dkim);
    this.transport = nodemailer.createTransport({
      pool: true,
      ...smtpConnectionOptions(options.url),
      maxConnections: options.maxConnections ?? MAX_CONNECTIONS,
      maxMessages: MAX_MESSAGES_PER_CONNECTION,
      rateDelta: RATE_WINDOW_MS,
      rateLimit: Math.max(1, Math.round(((options.maxMailsPerSecond ?? DEFAULT_MAX_MAILS_PER_SECOND) * RATE_WINDOW_MS) / 1000)),
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      greetingTimeout: GREETING_TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
      ...(options.ca === undefined ? {} : { tls: { ca: options.ca } }),
      ...(dkim === undefined ? {} : { dkim }),
      // nodemailer logs nothing unless given a logger; the URL's credentials stay out of every log.
      logger: false,
      debug: false,
    });
  }

  /**
   * Sends one mail. Rejects with PermanentRecipientError (5xx at RCPT: hard bounce),
   * TransientRecipientError (4xx at RCPT: soft bounce) or MailServerError (anything else).
   */
  async send(mail: OutgoingMail): Promise<SentMail> {
    if (this.closed) throw new Error('SmtpMailer is closed');
    const options = toSendMailOptions(mail, this.identity);
    const sending = this.transport.sendMail(options);
    this.inFlight.add(sending);
    try {
      const info = await sending;
      return { messageId: bareMessageId(info.messageId), via: 'smtp' };
    } catch (err) {
      throw classifySmtpError(err, mail.to);
    } finally {
      this.inFlight.delete(sending);
    }
  }

  /** Connects, says EHLO, upgrades to TLS and logs in, without sending: a start-up check. */
  async verify(): Promise<void> {
    try {
      await this.transport.verify();
    } catch (err) {
      throw classifySmtpError(err, '');
    }
  }

  /** Waits for the mails being sent, then closes the connections. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    this.transport.close();
  }
}
