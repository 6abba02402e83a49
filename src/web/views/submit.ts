// The submit page (/submit): a form to put an arXiv paper on today's daily page. Rendered per
// reader (it holds the CSRF token), never cached. After a refused submission it shows the reason
// and keeps what was typed; a duplicate links to the entry already on a daily page.
import type { Session } from '../../commands/accounts/sessions.js';
import { MAX_REFERENCE_CHARS } from '../../commands/submit-paper.js';
import type { Day } from '../../domain/period.js';
import { html, type SafeHtml } from '../html.js';
import { longDay, paperPath } from './format.js';
import { layout } from './layout.js';

/** Where a paper's entry on a daily page is: the day's page, at the paper's card. */
export function entryPath(day: Day, paperId: string): string {
  return `/papers?date=${day}#p-${paperId.replace('/', '-')}`;
}

export interface SubmitPageState {
  /** What the reader typed (kept after a refusal). */
  readonly value: string;
  /** Why the last submission was refused. */
  readonly error: string | null;
  /** The entry a duplicate already has. */
  readonly existing: { readonly paperId: string; readonly day: Day } | null;
}

const EMPTY: SubmitPageState = { value: '', error: null, existing: null };

export function submitPage(session: Session | null, fetchesFromArxiv: boolean, state: SubmitPageState = EMPTY): SafeHtml {
  let body: SafeHtml;
  if (!session) body = html`<p><a href="/login">Log in</a> or <a href="/signup">sign up</a> to submit papers.</p>`;
  else if (!session.emailVerified) body = html`<p>Confirm your e-mail address to submit papers: the link is in the mail we sent. <a href="/account">Your account</a> can send a new one.</p>`;
  else {
    body = html`<form class="submit-form" method="post" action="/submit">
<input type="hidden" name="_csrf" value="${session.csrfToken}">
<label for="submit-paper">arXiv id or link</label>
<input id="submit-paper" name="paper" required maxlength="${MAX_REFERENCE_CHARS}" value="${state.value}" placeholder="2608.19880 or https://arxiv.org/abs/2608.19880" autocomplete="off">
<button type="submit">Submit</button>
</form>`;
  }
  const existing = state.existing;
  return layout(
    { title: 'Submit a paper · Paperboy' },
    html`<section class="submit">
<h1>Submit a paper</h1>
<p>Put an arXiv paper on today's daily page, credited to you. Ids (2608.19880, 2608.19880v2, hep-th/9901001) and arXiv abs, pdf and html links all work.
${fetchesFromArxiv ? 'Papers not yet in the catalog are fetched from arXiv.' : html`<strong>This site does not contact arXiv, so only papers already in its catalog can be submitted.</strong>`}</p>
${state.error ? html`<p class="error" role="alert">${state.error}</p>` : null}
${existing ? html`<p class="notice">It is on <a href="${entryPath(existing.day, existing.paperId)}">the daily page of ${longDay(existing.day)}</a> (<a href="${paperPath(existing.paperId)}">the paper's page</a>).</p>` : null}
${body}
</section>`,
  );
}
