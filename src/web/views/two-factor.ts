// Two-factor pages: the account's set-up and management page, the recovery codes (shown once),
// the log-in's second step, and what a moderator without the second factor sees. Server-rendered
// forms; the QR code is an inline SVG drawn here (no script: the CSP allows none inline).
import { renderSVG } from 'uqr';
import type { Session } from '../../commands/accounts/sessions.js';
import type { TwoFactorStatus } from '../../commands/accounts/two-factor.js';
import { RECOVERY_CODE_COUNT } from '../../domain/recovery-codes.js';
import { html, trustedHtml, type SafeHtml } from '../html.js';
import { csrf, messages, page, passwordField, type FormState } from './account.js';

/** QR modules of quiet zone around the code (ISO/IEC 18004 asks for 4; most readers need less). */
const QR_BORDER_MODULES = 4;

function codeField(label: string, autocomplete: 'one-time-code' | 'off' = 'one-time-code'): SafeHtml {
  return html`<label>${label}<input type="text" name="code" required autocomplete="${autocomplete}" inputmode="text" maxlength="64" spellcheck="false"></label>`;
}

function qrSvg(uri: string): SafeHtml {
  // uqr's output is an <svg> of rects and one path built from the URI's bits: no text of ours in it.
  return trustedHtml(renderSVG(uri, { border: QR_BORDER_MODULES, ecc: 'M' }));
}

export function twoFactorPage(session: Session, status: TwoFactorStatus, state: FormState = {}): SafeHtml {
  if (status.enabled) {
    return page(
      'Two-factor authentication',
      html`${messages(state)}<p>On. Log-in asks for a code from your authenticator app after the password. Unused recovery codes: ${status.recoveryCodesLeft} of ${RECOVERY_CODE_COUNT}.</p>
<h2>New recovery codes</h2>
<p>The old codes stop working.</p>
<form class="account-form" method="post" action="/account/two-factor/recovery-codes">${csrf(session)}
${passwordField('current_password', 'Current password', 'current-password')}
<button type="submit">Make new recovery codes</button>
</form>
<h2>Turn it off</h2>
<form class="account-form" method="post" action="/account/two-factor/disable">${csrf(session)}
${passwordField('current_password', 'Current password', 'current-password')}
${codeField('Code from your app, or a recovery code')}
<button type="submit">Turn two-factor authentication off</button>
</form>
<p><a href="/account">Your account</a></p>`,
    );
  }
  if (status.pending) {
    return page(
      'Set up two-factor authentication',
      html`${messages(state)}<ol>
<li>Add this account to an authenticator app (andOTP, Aegis, FreeOTP, Google Authenticator …): scan the code, or open the link on the phone, or type the secret.</li>
<li>Type the 6-digit code the app shows, with your password, to turn it on.</li>
</ol>
<figure class="totp-qr">${qrSvg(status.pending.uri)}<figcaption>Secret: <code>${status.pending.secret}</code></figcaption></figure>
<p><a href="${status.pending.uri}">${status.pending.uri}</a></p>
<form class="account-form" method="post" action="/account/two-factor/enable">${csrf(session)}
${passwordField('current_password', 'Current password', 'current-password')}
${codeField('6-digit code from the app')}
<button type="submit">Turn it on</button>
</form>
<form class="account-form" method="post" action="/account/two-factor/setup">${csrf(session)}<button type="submit">Start again with a new secret</button></form>
<p><a href="/account">Your account</a></p>`,
    );
  }
  return page(
    'Two-factor authentication',
    html`${messages(state)}<p>Off. With it on, log-in asks for a code from an authenticator app after the password, so a stolen password alone does not open the account.${session.role === 'user' ? null : ' Moderators and admins need it to moderate.'}</p>
<form class="account-form" method="post" action="/account/two-factor/setup">${csrf(session)}<button type="submit">Set it up</button></form>
<p><a href="/account">Your account</a></p>`,
  );
}

export function recoveryCodesPage(codes: readonly string[], title = 'Your recovery codes'): SafeHtml {
  return page(
    title,
    html`<p>Keep these codes somewhere safe, away from your phone. Each one logs you in once in place of an app code. They are shown only now: this page cannot be opened again.</p>
<ul class="recovery-codes">${codes.map((c) => html`<li><code>${c}</code></li>`)}</ul>
<p><a href="/account/two-factor">Done</a></p>`,
  );
}

export function secondFactorLogInPage(state: FormState = {}): SafeHtml {
  return page(
    'Log in: second step',
    html`${messages(state)}<form class="account-form" method="post" action="/login/two-factor">
${codeField('Code from your authenticator app, or a recovery code')}
<button type="submit">Log in</button>
</form><p><a href="/login">Start again</a></p>`,
  );
}

export const SECOND_FACTOR_NEEDED = 'Moderators and admins moderate only from a session that passed two-factor authentication.';

/** The 403 page of a moderator or admin whose session has not passed the second factor. */
export function secondFactorNeededPage(session: Session): SafeHtml {
  const next = session.totpEnabled
    ? html`<p>Your account has it on, but this session started before it was: log out and log in again with a code.</p>`
    : html`<p><a href="/account/two-factor">Set up two-factor authentication</a> to moderate.</p>`;
  return page('Two-factor authentication needed', html`<p>${SECOND_FACTOR_NEEDED}</p>${next}`);
}
