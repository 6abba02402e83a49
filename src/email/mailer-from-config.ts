// The one place that picks the transport: SMTP when PAPERBOY_SMTP_URL is set, the outbox folder
// otherwise. Called once per process by the composition root; a DKIM key that cannot be read or
// parsed is a configuration error (exit 2), found at start-up rather than at the first mail.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { ConfigError, type Config } from '../config.js';
import type { Mailer } from './mailer.js';
import type { DkimKey } from './nodemailer-message.js';
import { OutboxMailer } from './outbox-mailer.js';
import { SmtpMailer } from './smtp-mailer.js';

// RFC 8301 §3.2: signers MUST use RSA keys of at least 1024 bits (SHOULD 2048). nodemailer signs
// with rsa-sha256 only, so an Ed25519 key (RFC 8463) is refused here rather than at the first mail.
const MIN_DKIM_RSA_BITS = 1024;

function readDkimKey(dkim: NonNullable<Config['mail']['dkim']>): DkimKey {
  const fail = (why: string) => new ConfigError([`PAPERBOY_DKIM_KEY_FILE: cannot use ${dkim.keyFile} (${why})`]);
  let privateKey: string;
  let key: crypto.KeyObject;
  try {
    privateKey = fs.readFileSync(dkim.keyFile, 'utf8');
    key = crypto.createPrivateKey(privateKey);
  } catch (err) {
    throw fail(err instanceof Error && 'code' in err && typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code) ? err.code : 'not a PEM private key');
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== 'rsa' || bits < MIN_DKIM_RSA_BITS) throw fail(`need an RSA key of at least ${MIN_DKIM_RSA_BITS} bits`);
  return { domain: dkim.domain, selector: dkim.selector, privateKey };
}

export function mailerFromConfig(config: Config): Mailer {
  const { from, smtp, outboxDir } = config.mail;
  const dkim = config.mail.dkim === null ? null : readDkimKey(config.mail.dkim);
  if (smtp !== null) return new SmtpMailer({ url: smtp.url, maxMailsPerSecond: smtp.maxMailsPerSecond, from, dkim });
  return new OutboxMailer({ dir: outboxDir, from, dkim });
}
