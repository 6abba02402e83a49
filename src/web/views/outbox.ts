// /outbox: the mails this site wrote to its outbox folder instead of sending them (no SMTP relay
// configured), newest first, each linking to the raw message.
import type { OutboxListing } from '../../commands/outbox.js';
import { html } from '../html.js';
import { shortDate } from './format.js';
import { layout } from './layout.js';

export function outboxPage(o: OutboxListing) {
  return layout(
    { title: 'Outbox · Paperboy' },
    html`<section class="outbox">
  <h1>Outbox</h1>
  <p class="count">${o.total} ${o.total === 1 ? 'mail' : 'mails'} in <code>${o.dir}</code>${o.total > o.entries.length ? ` (the newest ${o.entries.length} shown)` : ''}.
  ${o.smtpConfigured ? 'Mail now goes to the SMTP relay; these were written before it was set up.' : 'No SMTP relay is configured (PAPERBOY_SMTP_URL), so every mail is written here instead of sent.'}</p>
  ${o.entries.length === 0 ? html`<p class="empty">No mail yet.</p>` : null}
  <ol class="listing">
    ${o.entries.map(
      (e) => html`<li><a class="title" href="/outbox/${e.name}">${e.subject === '' ? '(no subject)' : e.subject}</a>
      <span class="note">to ${e.to} · ${shortDate(e.date)} ${e.date.slice(11, 16)} UTC · ${Math.ceil(e.bytes / 1024)} KB</span></li>`,
    )}
  </ol>
</section>`,
  );
}
