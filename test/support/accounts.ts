// Account test helpers: the real app with an in-memory mailer and a movable clock, and the steps
// of the account journeys (sign up, follow the mailed link, log in) as requests against it.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { parseConfig } from '../../src/config.js';
import type { Mailer, OutgoingMail, SentMail } from '../../src/email/mailer.js';
import { totpCode } from '../../src/domain/totp.js';
import type { Store } from '../../src/store/db.js';
import { buildApp, type AppOptions } from '../../src/web/app.js';

export const ORIGIN = 'http://paperboy.test';
export const PASSWORD = 'a long and unusual passphrase';
/** The server key of test apps (base64 of 32 bytes), so no key file is written. */
export const TEST_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

/** Keeps every mail; `linkTo(path)` finds the token of the newest link to that page. */
export class MemoryMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  async send(mail: OutgoingMail): Promise<SentMail> {
    this.sent.push(mail);
    return { messageId: `m${this.sent.length}@test`, via: 'smtp' };
  }
  async close(): Promise<void> {}
  /** The token of the newest mailed link to `path` (sent to `to`, when given). */
  tokenFor(path: string, to?: string): string {
    for (const mail of [...this.sent].reverse()) {
      if (to !== undefined && mail.to !== to) continue;
      const m = new RegExp(`${ORIGIN}${path}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
      if (m?.[1]) return m[1];
    }
    throw new Error(`no mail with a link to ${path}`);
  }
}

export class Clock {
  constructor(public time = new Date('2026-11-30T10:00:00Z')) {}
  readonly now = (): Date => new Date(this.time);
  advance(ms: number): void {
    this.time = new Date(this.time.getTime() + ms);
  }
}

export interface AccountApp {
  readonly app: FastifyInstance;
  readonly mailer: MemoryMailer;
  readonly clock: Clock;
}

/** `options`: more app options (e.g. `arxiv`, a client for a fake arXiv). */
export async function accountApp(store: Store, env: Record<string, string> = {}, options: Partial<AppOptions> = {}): Promise<AccountApp> {
  const mailer = new MemoryMailer();
  const clock = new Clock();
  const config = parseConfig({
    PAPERBOY_DATA_DIR: '/nonexistent-test-dir',
    PAPERBOY_LOG_LEVEL: 'silent',
    PAPERBOY_PAGE_CACHE_SECONDS: '0',
    PAPERBOY_BASE_URL: ORIGIN,
    PAPERBOY_SECRET_KEY: TEST_SECRET_KEY,
    ...env,
  });
  const app = await buildApp({ store, config, logger: false, mailer, now: clock.now, ...options });
  return { app, mailer, clock };
}

/** The name=value of the session cookie a response sets (undefined if it sets none). */
export function sessionCookie(res: LightMyRequestResponse): string | undefined {
  const cookie = res.cookies.find((c) => c.name.endsWith('paperboy_session'));
  return cookie && cookie.value !== '' ? `${cookie.name}=${cookie.value}` : undefined;
}

export interface LoggedIn {
  readonly cookie: string;
  readonly csrf: string;
}

/** POSTs JSON to an /api route as a browser of this site would (Origin set). */
export function postJson(app: FastifyInstance, url: string, body: object, who?: LoggedIn, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url,
    payload: body,
    headers: { origin: ORIGIN, ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}), ...headers },
  });
}

/** POSTs an HTML form (urlencoded) as a browser of this site would. */
export function postForm(app: FastifyInstance, url: string, fields: Record<string, string>, who?: LoggedIn, headers: Record<string, string> = {}) {
  const all = who ? { _csrf: who.csrf, ...fields } : fields;
  return app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams(all).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, ...(who ? { cookie: who.cookie } : {}), ...headers },
  });
}

let clientCounter = 0;

/**
 * A new client address for each log-in: log-in attempts are limited per client IP (5 a minute),
 * and tests log in far more often than that at one fixed clock time. Tests of the limit itself
 * send their own addresses.
 */
export function nextClientIp(): string {
  clientCounter += 1;
  return `10.${(clientCounter >> 16) & 255}.${(clientCounter >> 8) & 255}.${clientCounter & 255}`;
}

export async function logIn(a: AccountApp, email: string, password = PASSWORD): Promise<LoggedIn> {
  const res = await a.app.inject({ method: 'POST', url: '/api/login', payload: { email, password }, headers: { origin: ORIGIN }, remoteAddress: nextClientIp() });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = sessionCookie(res);
  if (!cookie) throw new Error('log-in set no cookie');
  return { cookie, csrf: (res.json<{ csrfToken: string }>()).csrfToken };
}

/** Signs up, follows the verification link, logs in. */
export async function verifiedUser(a: AccountApp, email: string, password = PASSWORD): Promise<LoggedIn> {
  const signUp = await postJson(a.app, '/api/signup', { email, password });
  expect(signUp.statusCode, signUp.body).toBe(200);
  const verify = await postJson(a.app, '/api/verify-email', { token: a.mailer.tokenFor('/verify-email', email) });
  expect(verify.statusCode, verify.body).toBe(200);
  return logIn(a, email, password);
}

export interface Enrolled {
  /** Base32 TOTP secret, to compute codes with totpCode. */
  readonly secret: string;
  readonly recoveryCodes: string[];
}

/** Sets up two-factor authentication for a logged-in account (its session then counts as passed). */
export async function enrolTwoFactor(a: AccountApp, who: LoggedIn, password = PASSWORD): Promise<Enrolled> {
  const setup = await postJson(a.app, '/api/account/two-factor/setup', {}, who);
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json<{ secret: string }>();
  const enable = await postJson(a.app, '/api/account/two-factor/enable', { current_password: password, code: totpCode(secret, a.clock.now()) }, who);
  expect(enable.statusCode, enable.body).toBe(200);
  return { secret, recoveryCodes: enable.json<{ recoveryCodes: string[] }>().recoveryCodes };
}
