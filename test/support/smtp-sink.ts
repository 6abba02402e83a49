// A real SMTP server on loopback for tests and benchmarks (npm smtp-server, port 0). It accepts every
// mail, keeps the envelope and the raw bytes, and parses each message with mailparser before
// answering 250, so once a client's send has resolved the mail is already in `messages`. Tests can
// make it refuse chosen recipients at RCPT TO (550 for a hard bounce, 451 for a soft one), offer
// STARTTLS or speak TLS from the first byte (with a self-signed certificate made at start by the
// openssl command line; clients trust it through `ca`), and require a login.
//
//   const sink = await startSmtpSink();
//   … send to sink.url …
//   await sink.waitFor(3); sink.messages[0].parsed.subject;
//   sink.rejectRecipient('gone@example.org', 550);
//   await sink.close();
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface ReceivedMail {
  /** MAIL FROM and the accepted RCPT TO addresses. */
  readonly envelope: { readonly from: string; readonly to: readonly string[] };
  /** The message exactly as transmitted (CRLF line ends, dot-unstuffed). */
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
  /** Whether the session was encrypted (STARTTLS or implicit TLS). */
  readonly secure: boolean;
  /** The user name the client logged in with, if any. */
  readonly user: string | null;
}

export interface SmtpSinkOptions {
  /** 'none' (default): plain text, STARTTLS not offered; 'starttls': offered; 'implicit': TLS from the start (smtps). */
  readonly tls?: 'none' | 'starttls' | 'implicit';
  /** Require AUTH PLAIN/LOGIN with these credentials. */
  readonly auth?: { readonly user: string; readonly pass: string };
  /** false keeps only the count and envelopes (for benchmarks); `messages` stays empty. */
  readonly parse?: boolean;
}

export interface SmtpSink {
  /** e.g. smtp://127.0.0.1:40123 (smtps:// with tls: 'implicit'); no credentials in it. */
  readonly url: string;
  readonly port: number;
  /** PEM certificate to trust when TLS is on; null otherwise. */
  readonly ca: string | null;
  /** Parsed mails in the order they were accepted. */
  readonly messages: readonly ReceivedMail[];
  /** Envelopes of every accepted mail, parsed or not. */
  readonly envelopes: readonly ReceivedMail['envelope'][];
  /** Mails accepted so far. */
  readonly count: number;
  /** Every RCPT TO refused by rejectRecipient, in order. */
  readonly rejected: readonly { readonly address: string; readonly code: number }[];
  /** Connection-level errors the server reported (a client giving up mid-TLS, …); they never throw. */
  readonly errors: readonly Error[];
  /** Connections accepted so far, and the most open at once. */
  readonly connections: { readonly total: number; readonly maxOpen: number };
  /** Resolves once `n` mails have been accepted; rejects after timeoutMs naming how many came. */
  waitFor(n: number, timeoutMs?: number): Promise<readonly ReceivedMail[]>;
  /** Refuse this recipient at RCPT TO with `code` (5xx hard, 4xx soft) until acceptRecipient. */
  rejectRecipient(address: string, code: number, text?: string): void;
  acceptRecipient(address: string): void;
  /** Forget received mails and rejections (not the rejection rules). */
  clear(): void;
  /** Stops listening; connections a client left open are cut after a short grace time. */
  close(): Promise<void>;
}

/** Grace time for open client connections at close(), in milliseconds. */
const CLOSE_GRACE_MS = 500;

function selfSignedCertificate(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-sink-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', cert,
    ], { stdio: 'ignore' });
    return { key: fs.readFileSync(key, 'utf8'), cert: fs.readFileSync(cert, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const tls = options.tls ?? 'none';
  const parse = options.parse ?? true;
  const certificate = tls === 'none' ? null : selfSignedCertificate();
  const messages: ReceivedMail[] = [];
  const envelopes: ReceivedMail['envelope'][] = [];
  const rejected: { address: string; code: number }[] = [];
  const rules = new Map<string, { code: number; text: string }>();
  const connections = { total: 0, open: 0, maxOpen: 0 };
  let waiters: { n: number; resolve: () => void }[] = [];

  const notify = () => {
    const ready = waiters.filter((w) => envelopes.length >= w.n);
    waiters = waiters.filter((w) => envelopes.length < w.n);
    for (const w of ready) w.resolve();
  };

  const disabled = [...(tls === 'none' ? ['STARTTLS'] : []), ...(options.auth === undefined ? ['AUTH'] : [])];
  const serverOptions: SMTPServerOptions = {
    logger: false,
    secure: tls === 'implicit',
    ...(certificate === null ? {} : certificate),
    disabledCommands: disabled,
    authOptional: options.auth === undefined,
    // Loopback only: a plain-text login is acceptable here and lets tests cover auth without TLS.
    allowInsecureAuth: true,
    closeTimeout: CLOSE_GRACE_MS,
    onConnect(_session, callback) {
      connections.total += 1;
      connections.open += 1;
      connections.maxOpen = Math.max(connections.maxOpen, connections.open);
      callback();
    },
    onClose() {
      connections.open -= 1;
    },
    onAuth(auth, _session, callback) {
      const want = options.auth;
      if (want !== undefined && auth.username === want.user && auth.password === want.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(smtpError(535, 'Authentication credentials invalid'));
      }
    },
    onRcptTo(address, _session, callback) {
      const rule = rules.get(address.address.toLowerCase());
      if (rule === undefined) return callback();
      rejected.push({ address: address.address, code: rule.code });
      callback(smtpError(rule.code, rule.text));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (err: Error) => callback(err));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        const envelope = {
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        const user = typeof session.user === 'string' ? session.user : null;
        const accept = (parsed: ParsedMail | null) => {
          envelopes.push(envelope);
          if (parsed !== null) messages.push({ envelope, raw, parsed, secure: session.secure, user });
          notify();
          callback();
        };
        if (!parse) return accept(null);
        simpleParser(raw).then(accept, (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))));
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  const errors: Error[] = [];
  // smtp-server reports a client's broken connection as a server 'error'; without a listener it would throw.
  server.on('error', (err: Error) => errors.push(err));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `${tls === 'implicit' ? 'smtps' : 'smtp'}://127.0.0.1:${port}`,
    port,
    ca: certificate?.cert ?? null,
    messages,
    envelopes,
    rejected,
    errors,
    get count() {
      return envelopes.length;
    },
    get connections() {
      return { total: connections.total, maxOpen: connections.maxOpen };
    },
    waitFor(n, timeoutMs = 10_000) {
      if (envelopes.length >= n) return Promise.resolve(messages);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`SMTP sink: ${envelopes.length} of ${n} mails arrived within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = {
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages);
          },
        };
        waiters.push(waiter);
      });
    },
    rejectRecipient(address, code, text) {
      const fallback = code >= 500 ? '5.1.1 Mailbox does not exist' : '4.2.0 Mailbox temporarily unavailable';
      rules.set(address.toLowerCase(), { code, text: text ?? fallback });
    },
    acceptRecipient(address) {
      rules.delete(address.toLowerCase());
    },
    clear() {
      messages.length = 0;
      envelopes.length = 0;
      rejected.length = 0;
      errors.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
