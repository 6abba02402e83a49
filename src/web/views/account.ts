// Account pages: server-rendered forms that work without JavaScript (the CSP allows no inline
// script anyway). Forms of a logged-in session carry its CSRF token in a hidden `_csrf` field.
import { DISPLAY_NAME_MAX, DISPLAY_NAME_MIN } from '../../domain/display-name.js';
import { MIN_PASSWORD_LENGTH } from '../../domain/password-rules.js';
import type { Session } from '../../commands/accounts/sessions.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from './layout.js';

export interface FormState {
  /** What went wrong last time, shown above the form. */
  readonly error?: string;
  /** A note (e.g. "your password is changed"), shown above the form. */
  readonly notice?: string;
  /** The address typed last time, so it need not be typed again. */
  readonly email?: string;
}

export function page(title: string, body: SafeHtml): SafeHtml {
  return layout({ title: `${title} · Paperboy` }, html`<section class="account"><h1>${title}</h1>${body}</section>`);
}

export function messages(state: FormState): SafeHtml {
  return html`${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : null}${state.error ? html`<p class="form-error" role="alert">${state.error}</p>` : null}`;
}

export const csrf = (session: Session) => html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`;

function emailField(name: string, label: string, value = '', autocomplete = 'email'): SafeHtml {
  return html`<label>${label}<input type="email" name="${name}" value="${value}" required autocomplete="${autocomplete}" maxlength="254"></label>`;
}

export function passwordField(name: string, label: string, autocomplete: 'current-password' | 'new-password'): SafeHtml {
  const min = autocomplete === 'new-password' ? html` minlength="${MIN_PASSWORD_LENGTH}"` : null;
  return html`<label>${label}<input type="password" name="${name}" required autocomplete="${autocomplete}"${min}></label>`;
}

export function signUpPage(state: FormState = {}): SafeHtml {
  return page(
    'Sign up',
    html`${messages(state)}<form class="account-form" method="post" action="/signup">
${emailField('email', 'E-mail address', state.email)}
${passwordField('password', `Password (at least ${MIN_PASSWORD_LENGTH} characters; a long phrase is best)`, 'new-password')}
<button type="submit">Sign up</button>
</form><p>Have an account? <a href="/login">Log in</a>.</p>`,
  );
}

export function logInPage(state: FormState = {}): SafeHtml {
  return page(
    'Log in',
    html`${messages(state)}<form class="account-form" method="post" action="/login">
${emailField('email', 'E-mail address', state.email, 'username')}
${passwordField('password', 'Password', 'current-password')}
<button type="submit">Log in</button>
</form><p><a href="/forgot-password">Forgot the password?</a> · New here? <a href="/signup">Sign up</a>.</p>`,
  );
}

export function forgotPasswordPage(state: FormState = {}): SafeHtml {
  return page(
    'Forgot the password',
    html`${messages(state)}<form class="account-form" method="post" action="/forgot-password">
${emailField('email', 'E-mail address of the account', state.email)}
<button type="submit">Send a reset link</button>
</form>`,
  );
}

/** The page an e-mailed link opens: a button that POSTs the token (mail scanners only follow GETs). */
export function tokenButtonPage(title: string, action: string, token: string, button: string, state: FormState = {}): SafeHtml {
  return page(
    title,
    html`${messages(state)}<form class="account-form" method="post" action="${action}">
<input type="hidden" name="token" value="${token}">
<button type="submit">${button}</button>
</form>`,
  );
}

export function resetPasswordPage(token: string, state: FormState = {}): SafeHtml {
  return page(
    'Choose a new password',
    html`${messages(state)}<form class="account-form" method="post" action="/reset-password">
<input type="hidden" name="token" value="${token}">
${passwordField('password', `New password (at least ${MIN_PASSWORD_LENGTH} characters)`, 'new-password')}
<button type="submit">Set the password</button>
</form>`,
  );
}

/** A page that only says something (check your mail, link used up …). */
export function messagePage(title: string, text: string, link?: { href: string; label: string }): SafeHtml {
  return page(title, html`<p>${text}</p>${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : null}`);
}

export function accountPage(session: Session, state: FormState = {}): SafeHtml {
  return page(
    'Your account',
    html`${messages(state)}
<p>Logged in as <strong>${session.email}</strong>${session.emailVerified ? null : ' (not verified yet)'}. Your public name: ${session.displayName}.</p>
${session.emailVerified ? null : html`<form class="account-form" method="post" action="/account/verification">${csrf(session)}<button type="submit">Send the verification link again</button></form>`}
<form class="account-form" method="post" action="/logout">${csrf(session)}<button type="submit">Log out</button></form>
<p><a href="/account/tokens">API tokens</a>: let programs vote and comment for you.</p>
<p><a href="/account/subscription">Digest e-mails: subscribe, or choose frequency, time, categories and keywords</a></p>
<h2>Two-factor authentication</h2>
<p>${session.totpEnabled ? 'On: log-in asks for a code from your authenticator app.' : 'Off.'} <a href="/account/two-factor">${session.totpEnabled ? 'Manage it' : 'Set it up'}</a>${session.role === 'user' ? null : ' (required to moderate)'}.</p>
<h2>Public name</h2>
<form class="account-form" method="post" action="/account/display-name">${csrf(session)}
<label>Shown on your comments, submissions and <a href="/users/${session.userId}">your profile</a><input type="text" name="display_name" value="${session.displayName}" required minlength="${DISPLAY_NAME_MIN}" maxlength="${DISPLAY_NAME_MAX}" autocomplete="nickname"></label>
<button type="submit">Change the public name</button>
</form>
<h2>Change the password</h2>
<form class="account-form" method="post" action="/account/password">${csrf(session)}
${passwordField('current_password', 'Current password', 'current-password')}
${passwordField('new_password', `New password (at least ${MIN_PASSWORD_LENGTH} characters)`, 'new-password')}
<button type="submit">Change the password</button>
</form>
<h2>Change the e-mail address</h2>
<form class="account-form" method="post" action="/account/email">${csrf(session)}
${emailField('new_email', 'New e-mail address')}
${passwordField('current_password', 'Current password', 'current-password')}
<button type="submit">Send a confirmation link to the new address</button>
</form>
<h2>Delete the account</h2>
<form class="account-form" method="post" action="/account/delete">${csrf(session)}
${passwordField('current_password', 'Current password', 'current-password')}
<button type="submit">Delete my account for good</button>
</form>`,
  );
}
