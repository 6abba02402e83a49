// The inbound SMTP role (`paperboy serve --roles=bounces`): the MX of the bounce domain (or a relay
// forwarding to it) delivers bounce reports here. It accepts recipients at the bounce domain only
// (550 otherwise, so it is never an open relay), refuses messages over MAX_BOUNCE_BYTES, speaks
// neither AUTH nor STARTTLS (put it behind the MX or on a private network), and hands each message
// with its envelope to `onMessage`. A failure there answers 451 so the sender retries later;
// anything it could parse, or could not map, is accepted (250), so no bounce of a bounce goes out.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { isBounceDomain } from '../domain/verp.js';

/** Largest message accepted (bytes): a report with the whole original digest (~100 KB) fits many times. */
export const MAX_BOUNCE_BYTES = 2 * 1024 * 1024;
/** Recipients per message (a report goes to one return path; a few allow for odd relays). */
const MAX_RECIPIENTS = 10;
/** Idle time before a connection is dropped, in milliseconds. */
const SOCKET_TIMEOUT_MS = 60_000;

export interface BounceServerOptions {
  readonly host: string;
  /** 0 picks a free port (tests). */
  readonly port: number;
  /** config.mail.bounce.address: its domain is the only one accepted. */
  readonly bounceAddress: string;
  readonly maxBytes?: number;
  readonly onMessage: (raw: Buffer, envelope: { readonly from: string; readonly to: readonly string[] }) => Promise<void>;
  /** Problems worth a log line (a failed intake, a broken connection). */
  readonly log?: (message: string) => void;
}

export interface BounceServer {
  readonly port: number;
  close(): Promise<void>;
}

function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

export async function startBounceServer(options: BounceServerOptions): Promise<BounceServer> {
  const maxBytes = options.maxBytes ?? MAX_BOUNCE_BYTES;
  const log = options.log ?? (() => undefined);
  const server = new SMTPServer({
    logger: false,
    banner: 'Paperboy bounce intake',
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: maxBytes,
    maxClients: 50,
    socketTimeout: SOCKET_TIMEOUT_MS,
    onRcptTo(address, session, callback) {
      if (!isBounceDomain(address.address, options.bounceAddress)) return callback(smtpError(550, '5.1.1 No such recipient here'));
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) return callback(smtpError(452, '4.5.3 Too many recipients'));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err: Error) => callback(err));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(smtpError(552, `5.3.4 Message larger than ${maxBytes} bytes`));
        const envelope = {
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        options.onMessage(Buffer.concat(chunks), envelope).then(
          () => callback(),
          (err: unknown) => {
            log(`bounce intake failed: ${err instanceof Error ? err.message : String(err)}`);
            callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
          },
        );
      });
    },
  });
  // A client's broken connection is reported as a server 'error'; without a listener it would throw.
  server.on('error', (err: Error) => log(`bounce SMTP: ${err.message}`));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
