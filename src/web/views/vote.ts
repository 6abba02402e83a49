// The vote page (/papers/<id>/vote): how a reader without JavaScript votes. Feed and paper pages
// are the same for everyone (cached), so they cannot hold a reader's CSRF token; their ▲ links
// lead here, where a logged-in reader gets a form with the token and an anonymous one a log-in link.
import type { Session } from '../../commands/accounts/sessions.js';
import type { VoteState } from '../../commands/cast-vote.js';
import type { ArxivId } from '../../domain/arxiv-id.js';
import type { Paper } from '../../domain/paper.js';
import { html, type SafeHtml } from '../html.js';
import { paperPath, shortDate } from './format.js';
import { plainTex, renderTex } from './latex.js';
import { layout } from './layout.js';

/** "3 here · 120 on Hugging Face": local votes and the imported baseline, never mixed. */
export function voteCounts(localVotes: number, paper: Pick<Paper, 'baseline'>): SafeHtml {
  const b = paper.baseline;
  return html`<span class="here">${localVotes}</span> here${b ? html` · ${b.upvotes} on Hugging Face (as of ${shortDate(b.asOf)})` : null}`;
}

export function votePage(id: ArxivId, paper: Paper | null, session: Session | null, state: VoteState | null): SafeHtml {
  if (!paper) {
    return layout({ title: 'Not found · Paperboy' }, html`<section class="error"><h1>Not found</h1><p>No paper ${id} in this catalog.</p><p><a href="/">Back to today's papers</a></p></section>`);
  }
  const path = paperPath(paper.id);
  let action: SafeHtml;
  if (!session || !state) {
    action = html`<p><a href="/login">Log in</a> or <a href="/signup">sign up</a> to vote for papers.</p>`;
  } else if (!session.emailVerified) {
    action = html`<p>Confirm your e-mail address to vote: the link is in the mail we sent. <a href="/account">Your account</a> can send a new one.</p>`;
  } else {
    const verb = state.voted ? 'unvote' : 'vote';
    action = html`${state.voted ? html`<p class="notice" role="status">Your vote is on this paper.</p>` : null}
<form class="vote-form" method="post" action="${path}/${verb}">
<input type="hidden" name="_csrf" value="${session.csrfToken}">
<button type="submit">${state.voted ? 'Take my vote back' : '▲ Upvote this paper'}</button>
</form>`;
  }
  const local = state?.votes ?? paper.localVotes;
  return layout(
    { title: `Vote: ${plainTex(paper.title)} · Paperboy` },
    html`<section class="vote">
  <h1>Vote for a paper</h1>
  <p class="title"><a href="${path}">${renderTex(paper.title)}</a> <span class="id">arXiv:${paper.id}</span></p>
  <p class="votes">Upvotes: ${voteCounts(local, paper)}</p>
  ${action}
  <p><a href="${path}">Back to the paper</a> · <a href="/">Today's papers</a> · <a href="/trending">Trending</a></p>
</section>`,
  );
}
