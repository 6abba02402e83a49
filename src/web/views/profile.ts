// A reader's public profile page: their public name and the papers they upvoted, submitted,
// commented on and authored. The same for everyone (cacheable); no address is shown.
import type { ProfileSection, UserProfile } from '../../commands/user-profile.js';
import { html, type SafeHtml } from '../html.js';
import { paperPath, shortDate, userPath } from './format.js';
import { renderTex } from './latex.js';
import { layout } from './layout.js';

function section(title: string, empty: string, s: ProfileSection): SafeHtml {
  return html`<section class="profile-papers"><h2>${title}</h2>
${s.papers.length === 0 ? html`<p class="empty">${empty}</p>` : html`<ol>${s.papers.map(
    (p) => html`<li><a href="${paperPath(p.paper.id)}">${renderTex(p.paper.title)}</a> <span class="meta">${p.paper.id}${p.at !== '' ? html` · ${shortDate(p.at)}` : null}</span></li>`,
  )}</ol>${s.hasMore ? html`<p class="note">Only the newest ${s.papers.length} are listed.</p>` : null}`}
</section>`;
}

export function profilePage(profile: UserProfile, baseUrl: URL): SafeHtml {
  const u = profile.user;
  const path = userPath(u.id);
  return layout(
    {
      title: `${u.displayName} · Paperboy`,
      description: `Papers ${u.displayName} upvoted, submitted, commented on and wrote.`,
      canonical: new URL(path, baseUrl).toString(),
      meta: html`<link rel="alternate" type="application/json" href="/api${path}">`,
    },
    html`<article class="profile">
<h1>${u.displayName}</h1>
<p class="meta">Reader since ${shortDate(u.createdAt)} · <a href="/api${path}">JSON</a></p>
${section('Authored', 'No papers claimed and confirmed as theirs.', profile.authored)}
${section('Submitted', 'No papers submitted.', profile.submitted)}
${section('Upvoted', 'No upvotes.', profile.upvoted)}
${section('Commented on', 'No comments.', profile.commented)}
</article>`,
  );
}
