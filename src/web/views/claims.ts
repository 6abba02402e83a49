// The claim page (/claim?paper=…): per reader, with the form and CSRF token, or the state of the
// reader's claim on the paper.
import type { Session } from '../../commands/accounts/sessions.js';
import { MAX_CLAIM_NOTE_CHARS } from '../../commands/author-claims.js';
import type { Paper } from '../../domain/paper.js';
import type { Claim } from '../../store/author-claims.js';
import { html, type SafeHtml } from '../html.js';
import { paperPath, shortDate } from './format.js';
import { plainTex, renderTex } from './latex.js';
import { layout } from './layout.js';

function claimState(claim: Claim): SafeHtml {
  switch (claim.status) {
    case 'pending':
      return html`<p class="notice" role="status">Your claim of ${shortDate(claim.createdAt)} waits for a moderator.</p>`;
    case 'approved':
      return html`<p class="notice" role="status">A moderator approved your claim: you are marked as an author of this paper.</p>`;
    case 'rejected':
      return html`<p class="notice" role="status">A moderator rejected your claim: ${claim.decisionReason ?? ''}</p>`;
  }
}

export function claimPage(paper: Paper, session: Session | null, claim: Claim | null): SafeHtml {
  const path = paperPath(paper.id);
  let body: SafeHtml;
  if (!session) body = html`<p><a href="/login">Log in</a> or <a href="/signup">sign up</a> to claim authorship.</p>`;
  else if (!session.emailVerified) body = html`<p>Confirm your e-mail address to claim authorship: the link is in the mail we sent. <a href="/account">Your account</a> can send a new one.</p>`;
  else if (claim) body = claimState(claim);
  else {
    body = html`<form class="claim-form" method="post" action="${path}/claim">
<input type="hidden" name="_csrf" value="${session.csrfToken}">
<label for="claim-note">A note for the moderators (optional): how they can tell it is you, e.g. your institutional page</label>
<textarea id="claim-note" name="note" rows="3" maxlength="${MAX_CLAIM_NOTE_CHARS}"></textarea>
<button type="submit">Claim authorship</button>
</form>`;
  }
  return layout(
    { title: `Claim authorship: ${plainTex(paper.title)} · Paperboy` },
    html`<section class="claim-page">
<h1>Claim authorship</h1>
<p class="title">Of <a href="${path}">${renderTex(paper.title)}</a> <span class="id">arXiv:${paper.id}</span></p>
<p>Moderators review each claim. Once approved, your comments on this paper carry a "paper author" mark, and the paper's page and your profile list you as its author.</p>
${body}
</section>`,
  );
}
