// Why a mail was not handed over, sorted the way bounce counting needs it (issue 6: 2 hard or 4 soft
// bounces suspend a subscription). Only a refusal of the recipient itself, at RCPT TO, is a bounce;
// a server that is down, refuses our credentials or our content is the sender's problem.
// Reply classes per RFC 5321 §4.2.1: 5yz permanent, 4yz transient.
import type { NodemailerError } from 'nodemailer';

export abstract class MailDeliveryError extends Error {
  constructor(
    message: string,
    /** The recipient of the mail that failed. */
    readonly recipient: string,
    /** The SMTP reply code (550, 451, …); null when the server never answered (connection, TLS). */
    readonly responseCode: number | null,
    /** The server's reply line, e.g. "550 5.1.1 No such user". */
    readonly response: string | null,
    /** The SMTP command that was refused ("RCPT TO", "DATA", …), when known. */
    readonly command: string | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A 5xx reply at RCPT TO: the address does not exist or refuses mail for good. A hard bounce. */
export class PermanentRecipientError extends MailDeliveryError {
  readonly bounce = 'hard' as const;
}

/** A 4xx reply at RCPT TO (mailbox full, greylisting, throttled): a soft bounce; a later retry may work. */
export class TransientRecipientError extends MailDeliveryError {
  readonly bounce = 'soft' as const;
}

/**
 * Anything else: no connection, TLS or authentication failed, MAIL FROM or DATA refused. Not the
 * recipient's fault, so not a bounce. `transient` tells whether retrying later may succeed.
 */
export class MailServerError extends MailDeliveryError {
  constructor(
    message: string,
    recipient: string,
    responseCode: number | null,
    response: string | null,
    command: string | null,
    readonly transient: boolean,
    options?: ErrorOptions,
  ) {
    super(message, recipient, responseCode, response, command, options);
  }
}

// Failures without an SMTP reply that retrying will not fix.
const PERMANENT_CODES = new Set(['EAUTH', 'ENOAUTH', 'ECONFIG', 'EREQUIRETLS', 'EENVELOPE', 'EMESSAGE', 'EOTP']);

function isNodemailerError(err: unknown): err is NodemailerError {
  return err instanceof Error;
}

/** Sorts an error from nodemailer's SMTP transport into the classes above. */
export function classifySmtpError(err: unknown, recipient: string): MailDeliveryError {
  if (!isNodemailerError(err)) return new MailServerError(String(err), recipient, null, null, null, true, { cause: err });
  const code = typeof err.responseCode === 'number' ? err.responseCode : null;
  const response = err.response ?? null;
  const command = err.command ?? null;
  const opts = { cause: err };
  if (command === 'RCPT TO' && code !== null) {
    // nodemailer marks 5xx permanent except 503 (bad sequence: a session problem, not the address).
    if (code >= 500 && err.permanent === true) return new PermanentRecipientError(err.message, recipient, code, response, command, opts);
    if (code >= 400 && code < 500) return new TransientRecipientError(err.message, recipient, code, response, command, opts);
  }
  const transient = code !== null ? err.permanent !== true : !PERMANENT_CODES.has(err.code ?? '');
  return new MailServerError(err.message, recipient, code, response, command, transient, opts);
}
