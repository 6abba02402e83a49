// Log-in and two-factor authentication for the OpenAPI document (account-operations.ts includes them):
// the password step, the second step, and the account's two-factor endpoints.
import { DisableTwoFactorBody, EmptyBody, EnableTwoFactorBody, LogInBody, RecoveryCodesBody, SecondFactorBody } from '../routes/account/schema.js';
import type { ApiOperation } from './operation.js';
import * as S from './schemas.js';

export const LOG_IN_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'post',
    path: '/api/login',
    routes: ['/api/login'],
    tag: 'Account',
    summary: 'Log in (sets the session cookie; answers the CSRF token), or with two-factor on, start a pending log-in',
    description: '5 attempts a minute per client IP, failed or not (429 with Retry-After).',
    body: LogInBody,
    auth: 'public',
    ok: { status: 200, schema: S.LogInAnswer },
    errors: [400, 401, 403, 429],
  },
  {
    method: 'post',
    path: '/api/login/two-factor',
    routes: ['/api/login/two-factor'],
    tag: 'Account',
    summary: 'Second log-in step: a TOTP or recovery code for the pending log-in cookie (starts the session)',
    description: 'Counts against the per-IP log-in limit; 5 wrong codes end the pending log-in; 10 wrong codes per account in 15 minutes answer 429.',
    body: SecondFactorBody,
    auth: 'public',
    ok: { status: 200, schema: S.LogInAnswer },
    errors: [400, 401, 403, 429],
  },
  { method: 'get', path: '/api/account/two-factor', routes: ['/api/account/two-factor'], tag: 'Account', summary: "The account's two-factor authentication", auth: 'session', ok: { status: 200, schema: S.TwoFactorStatus }, errors: [401] },
  ...(
    [
      ['/api/account/two-factor/setup', 'Start setting up TOTP: a new secret (400 when two-factor is already on)', EmptyBody, S.TotpEnrolment],
      ['/api/account/two-factor/enable', 'Turn two-factor on with the password and a code of the new secret; answers the recovery codes', EnableTwoFactorBody, S.RecoveryCodes],
      ['/api/account/two-factor/recovery-codes', 'Replace the recovery codes (password)', RecoveryCodesBody, S.RecoveryCodes],
      ['/api/account/two-factor/disable', 'Turn two-factor off (password and a code)', DisableTwoFactorBody, S.Ok],
    ] as const
  ).map(
    ([path, summary, body, schema]): ApiOperation => ({ method: 'post', path, routes: [path], tag: 'Account', summary, body, auth: 'session', ok: { status: 200, schema }, errors: [400, 401, 403] }),
  ),
];
