// The flag page (/flag?comment=…|paper=…, per reader, with the form and CSRF token) and the
// moderators' page (/moderation: open flags with hide/restore forms, and the audit log).
import type { Session } from '../../commands/accounts/sessions.js';
import type { ModerationQueue, Target } from '../../commands/moderation.js';
import { html, type SafeHtml } from '../html.js';
import { paperPath, shortDate, userPath } from './format.js';
import { layout } from './layout.js';

function targetPath(kind: string, id: string, action: string): string {
  return kind === 'comment' ? `/comments/${id}/${action}` : `${paperPath(id)}/${action}`;
}

function targetLink(kind: string, id: string, paperId?: string): SafeHtml {
  return kind === 'paper' ? html`<a href="${paperPath(id)}">paper ${id}</a>` : paperId ? html`<a href="${paperPath(paperId)}#comment-${id}">comment ${id}</a>` : html`comment ${id}`;
}

export function flagPage(target: Target, session: Session | null): SafeHtml {
  const what = target.kind === 'comment' ? `comment ${target.id}` : `paper ${target.id}`;
  const body = session
    ? html`<form class="flag-form" method="post" action="${targetPath(target.kind, target.id, 'flag')}">
<input type="hidden" name="_csrf" value="${session.csrfToken}">
<label for="flag-reason">What is wrong with it? (optional)</label>
<input id="flag-reason" name="reason" maxlength="500">
<button type="submit">Flag for moderators</button>
</form>`
    : html`<p><a href="/login">Log in</a> or <a href="/signup">sign up</a> to flag.</p>`;
  return layout({ title: 'Flag · Paperboy' }, html`<section class="flag"><h1>Flag ${what}</h1><p>Moderators review flagged comments and papers.</p>${body}</section>`);
}

function moderateForms(kind: string, id: string, session: Session): SafeHtml {
  const base = kind === 'comment' ? `/moderation/comments/${id}` : `/moderation${paperPath(id)}`;
  return html`${(['hide', 'restore'] as const).map(
    (action) => html`<form class="moderate" method="post" action="${base}/${action}">
<input type="hidden" name="_csrf" value="${session.csrfToken}">
<input name="reason" required maxlength="500" placeholder="reason" aria-label="Reason to ${action}">
<button type="submit">${action === 'hide' ? 'Hide' : 'Restore'}</button>
</form>`,
  )}`;
}

function claimForms(id: number, session: Session): SafeHtml {
  return html`${(['approve', 'reject'] as const).map(
    (action) => html`<form class="moderate" method="post" action="/moderation/claims/${id}/${action}">
<input type="hidden" name="_csrf" value="${session.csrfToken}">
<input name="reason" required maxlength="500" placeholder="reason" aria-label="Reason to ${action}">
<button type="submit">${action === 'approve' ? 'Approve' : 'Reject'}</button>
</form>`,
  )}`;
}

export function moderationPage(queue: ModerationQueue, session: Session, paperOfComment: ReadonlyMap<string, string>): SafeHtml {
  return layout(
    { title: 'Moderation · Paperboy' },
    html`<section class="moderation">
<h1>Moderation</h1>
<h2>Open flags</h2>
${queue.flags.length === 0 ? html`<p>Nothing flagged.</p>` : html`<ol class="flags">${queue.flags.map(
      (f) => html`<li>${targetLink(f.kind, f.targetId, paperOfComment.get(f.targetId))}: ${f.count} ${f.count === 1 ? 'flag' : 'flags'} since ${shortDate(f.firstAt)}${f.reasons.length > 0 ? html` (${f.reasons.join('; ')})` : null}
${moderateForms(f.kind, f.targetId, session)}</li>`,
    )}</ol>`}
<h2>Authorship claims</h2>
${queue.claims.length === 0 ? html`<p>No claims waiting.</p>` : html`<ol class="claims">${queue.claims.map(
      (c) => html`<li id="claim-${c.id}"><a href="${userPath(c.userId)}">${c.claimantName}</a> claims <a href="${paperPath(c.paperId)}">${c.paperTitle}</a> (${c.paperId}), ${shortDate(c.createdAt)}${c.note !== '' ? html`: “${c.note}”` : null}
${claimForms(c.id, session)}</li>`,
    )}</ol>`}
<h2>Audit log</h2>
${queue.log.length === 0 ? html`<p>No actions yet.</p>` : html`<ol class="audit-log">${queue.log.map(
      (e) => html`<li><time datetime="${e.at}">${e.at.slice(0, 16).replace('T', ' ')}</time> ${e.actorId === null ? 'CLI' : `user ${e.actorId}`} ${e.action} ${e.targetKind} ${e.targetId}: ${e.reason}</li>`,
    )}</ol>`}
</section>`,
  );
}
