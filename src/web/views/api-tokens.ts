// /account/tokens: the account's personal API tokens (name, scopes, prefix, made, last used), a form
// to make one, and a revoke button per token. A new token is shown once, on the page that made it.
import type { ApiToken, CreatedApiToken } from '../../commands/accounts/api-tokens.js';
import type { Session } from '../../commands/accounts/sessions.js';
import { API_SCOPES, MAX_API_TOKEN_NAME } from '../../domain/api-token.js';
import { html, type SafeHtml } from '../html.js';
import { layout } from './layout.js';

const SCOPE_TEXT: Record<(typeof API_SCOPES)[number], string> = {
  vote: 'vote: vote and unvote',
  comment: 'comment: write, edit and delete your comments',
  submit: 'submit: submit papers',
};

export interface TokensPageState {
  readonly notice?: string;
  readonly error?: string;
  readonly created?: CreatedApiToken;
}

const csrf = (session: Session) => html`<input type="hidden" name="_csrf" value="${session.csrfToken}">`;
const when = (iso: string | null) => (iso ? html`<time datetime="${iso}">${iso.slice(0, 16).replace('T', ' ')} UTC</time>` : 'never');

function tokenRow(t: ApiToken, session: Session): SafeHtml {
  return html`<tr>
  <td>${t.name}</td><td><code>${t.prefix}…</code></td><td>${t.scopes.join(', ')}</td><td>${when(t.createdAt)}</td><td>${when(t.lastUsedAt)}</td>
  <td><form method="post" action="/account/tokens/${t.id}/revoke">${csrf(session)}<button type="submit">Revoke</button></form></td>
</tr>`;
}

export function apiTokensPage(session: Session, tokens: readonly ApiToken[], state: TokensPageState = {}): SafeHtml {
  const created = state.created;
  return layout(
    { title: 'API tokens · Paperboy', meta: html`<meta name="robots" content="noindex">` },
    html`<section class="account">
<h1>API tokens</h1>
${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : null}
${state.error ? html`<p class="form-error" role="alert">${state.error}</p>` : null}
${created
  ? html`<div class="notice" role="status"><p>Your new token <strong>${created.name}</strong>. Copy it now: it is shown only this once.</p>
<p><code class="token">${created.token}</code></p></div>`
  : null}
<p>A token lets a program act for you through the <a href="/api/docs">API</a>: send it as <code>Authorization: Bearer &lt;token&gt;</code>. It can do only what its scopes allow. Revoke any token you no longer use.</p>
${tokens.length === 0
  ? html`<p>You have no tokens.</p>`
  : html`<table class="tokens"><thead><tr><th>Name</th><th>Token</th><th>Scopes</th><th>Made</th><th>Last used</th><th></th></tr></thead>
<tbody>${tokens.map((t) => tokenRow(t, session))}</tbody></table>`}
<h2>Make a token</h2>
<form class="account-form" method="post" action="/account/tokens">${csrf(session)}
<label>Name (what it is for)<input name="name" required maxlength="${MAX_API_TOKEN_NAME}"></label>
<fieldset><legend>Scopes</legend>
${API_SCOPES.map((s) => html`<label><input type="checkbox" name="scope_${s}" value="1"> ${SCOPE_TEXT[s]}</label>`)}
</fieldset>
<button type="submit">Make the token</button>
</form>
<p><a href="/account">Your account</a></p>
</section>`,
  );
}
