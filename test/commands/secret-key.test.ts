// The server key of second-factor secrets: PAPERBOY_SECRET_KEY wins; otherwise a key file is made
// once in the data dir with mode 0600 and read back on every later start; a key file others can
// read is refused; the config never prints the key. Sealed values open only with the same key and
// context, and never contain the plaintext.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { open, seal } from '../../src/commands/accounts/secret-box.js';
import { lazySecretKey, loadSecretKey } from '../../src/commands/accounts/secret-key.js';
import { ConfigError, parseConfig } from '../../src/config.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperboy-key-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('secret key', () => {
  it('creates the key file once with mode 0600 and reads the same key afterwards', () => {
    const file = path.join(tempDir(), 'data', 'secret.key');
    const first = loadSecretKey(null, file);
    expect(first).toHaveLength(32);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(null, file).equals(first)).toBe(true);
    const other = Buffer.alloc(32, 9);
    expect(loadSecretKey(other, file)).toBe(other);
  });

  it('refuses a key file that group or others can read, and one of the wrong length', () => {
    const file = path.join(tempDir(), 'secret.key');
    loadSecretKey(null, file);
    fs.chmodSync(file, 0o644);
    expect(() => loadSecretKey(null, file)).toThrow(/chmod 600/);
    fs.writeFileSync(file, Buffer.alloc(16).toString('base64'), { mode: 0o600 });
    fs.chmodSync(file, 0o600);
    expect(() => loadSecretKey(null, file)).toThrow(/32 bytes/);
  });

  it('reads the key from the config, which never shows it, and creates no file until it is needed', () => {
    const dir = tempDir();
    const key = Buffer.alloc(32, 5).toString('base64');
    const config = parseConfig({ PAPERBOY_DATA_DIR: dir, PAPERBOY_SECRET_KEY: key });
    expect(config.secretKey?.toString('base64')).toBe(key);
    expect(JSON.stringify(config)).not.toContain(key);
    expect(() => parseConfig({ PAPERBOY_SECRET_KEY: 'short' })).toThrow(ConfigError);
    const problem = (() => {
      try {
        parseConfig({ PAPERBOY_SECRET_KEY: 'c2hvcnQ=' });
        return 'accepted';
      } catch (err) {
        return String(err);
      }
    })();
    expect(problem).toMatch(/PAPERBOY_SECRET_KEY: must be base64 of 32 bytes/);
    expect(problem).not.toContain('c2hvcnQ=');
    const unset = parseConfig({ PAPERBOY_DATA_DIR: dir });
    const lazy = lazySecretKey(unset);
    expect(fs.existsSync(unset.secretKeyFile)).toBe(false);
    expect(lazy()).toHaveLength(32);
    expect(fs.existsSync(unset.secretKeyFile)).toBe(true);
  });
});

describe('secret box (AES-256-GCM)', () => {
  it('opens only with the same key and context; alterations are detected', () => {
    const key = Buffer.alloc(32, 1);
    const sealed = seal(key, 'JBSWY3DPEHPK3PXP', 'totp_credentials:1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(seal(key, 'JBSWY3DPEHPK3PXP', 'totp_credentials:1')).not.toBe(sealed); // random IV
    expect(open(key, sealed, 'totp_credentials:1')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => open(key, sealed, 'totp_credentials:2')).toThrow();
    expect(() => open(Buffer.alloc(32, 2), sealed, 'totp_credentials:1')).toThrow();
    const [v, iv, body, tag] = sealed.split('.');
    const flipped = `${v}.${iv}.${(body ?? '').replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))}.${tag}`;
    expect(() => open(key, flipped, 'totp_credentials:1')).toThrow();
    expect(() => open(key, 'plain', 'totp_credentials:1')).toThrow(/not a sealed value/);
  });
});
