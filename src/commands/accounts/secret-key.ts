// The server key that encrypts second-factor secrets: PAPERBOY_SECRET_KEY (base64, 32 bytes), or
// else a key file in the data dir, created once with mode 0600 (exclusive create, so processes
// starting together agree on one key). Losing the key (or the file) disables every account's
// authenticator: those accounts log in with a recovery code and enrol again (README).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SECRET_KEY_BYTES } from '../../config.js';

/** Group or other may not read or write the key file. */
const PRIVATE_MODE_MASK = 0o077;

function readKeyFile(file: string): Buffer {
  const stat = fs.statSync(file);
  if (process.platform !== 'win32' && (stat.mode & PRIVATE_MODE_MASK) !== 0) {
    throw new Error(`${file} must be readable by its owner only: chmod 600 ${file}`);
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== SECRET_KEY_BYTES) throw new Error(`${file} must hold base64 of ${SECRET_KEY_BYTES} bytes`);
  return key;
}

/** The key from `configured`, or read from (created in) `file`. */
export function loadSecretKey(configured: Buffer | null, file: string): Buffer {
  if (configured) return configured;
  try {
    return readKeyFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, `${randomBytes(SECRET_KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readKeyFile(file);
}

/** loadSecretKey, on first use only (pages that never touch a secret never create the file). */
export function lazySecretKey(config: { readonly secretKey: Buffer | null; readonly secretKeyFile: string }): () => Buffer {
  let key: Buffer | undefined;
  return () => (key ??= loadSecretKey(config.secretKey, config.secretKeyFile));
}
