// Subscription pages: the subscribe form, the manage page a mail's link opens (authenticated by the
// token in its path, so it is never cached), and the unsubscribe confirmation.
// All work without JavaScript.
import type { Subscription } from '../../store/subscriptions.js';
import { html, type SafeHtml } from '../html.js';
import type { FormState } from './account.js';
import { layout } from './layout.js';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** Time zones offered in the manage form's suggestion list (any IANA name Intl knows is accepted). */
const TIME_ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

function page(title: string, body: SafeHtml): SafeHtml {
  return layout({ title: `${title} · Paperboy` }, html`<section class="account"><h1>${title}</h1>${body}</section>`);
}

function messages(state: FormState): SafeHtml {
  return html`${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : null}${state.error ? html`<p class="form-error" role="alert">${state.error}</p>` : null}`;
}

export function subscribePage(state: FormState = {}): SafeHtml {
  return page(
    'Subscribe to the digest',
    html`${messages(state)}<p>New papers of the day (or week) by e-mail. We send a confirmation link first; nothing else goes to an address that has not confirmed.</p>
<form class="account-form" method="post" action="/subscribe">
<label>E-mail address<input type="email" name="email" value="${state.email ?? ''}" required autocomplete="email" maxlength="254"></label>
<button type="submit">Subscribe</button>
</form>`,
  );
}

const STATUS_TEXT: Readonly<Record<Subscription['status'], string>> = {
  pending: 'waiting for you to confirm the link we mailed',
  active: 'active',
  unsubscribed: 'unsubscribed: nothing is sent',
  suspended: 'suspended: mail to this address bounced too often; subscribe again to resume',
};

export function managePage(sub: Subscription, state: FormState = {}): SafeHtml {
  const p = sub.preferences;
  const token = encodeURIComponent(sub.unsubscribeToken);
  const hours = Array.from({ length: 24 }, (_, h) => html`<option value="${h}"${h === p.sendHour ? html` selected` : null}>${String(h).padStart(2, '0')}:00</option>`);
  const days = WEEKDAYS.map((d, i) => html`<option value="${i + 1}"${i + 1 === p.sendWeekday ? html` selected` : null}>${d}</option>`);
  const freq = (f: 'daily' | 'weekly', label: string) => html`<option value="${f}"${p.frequency === f ? html` selected` : null}>${label}</option>`;
  return page(
    'Your digest',
    html`${messages(state)}
<p>Digest for <strong>${sub.email}</strong>: ${STATUS_TEXT[sub.status]}.</p>
<form class="account-form" method="post" action="/subscription/${token}">
<label>How often<select name="frequency">${freq('daily', 'Daily')}${freq('weekly', 'Weekly')}</select></label>
<label>Time zone<input type="text" name="time_zone" value="${p.timeZone}" list="time-zones" required maxlength="64"></label>
<datalist id="time-zones">${TIME_ZONES.map((z) => html`<option value="${z}">`)}</datalist>
<label>Hour (your time)<select name="send_hour">${hours}</select></label>
<label>Day of weekly digests<select name="send_weekday">${days}</select></label>
<label>arXiv categories, comma-separated (empty: all)<input type="text" name="categories" value="${p.categories.join(', ')}" maxlength="2000" placeholder="cs.LG, stat.ML"></label>
<label>Keywords, comma-separated (empty: no filter)<input type="text" name="keywords" value="${p.keywords.join(', ')}" maxlength="2000" placeholder="diffusion, graph neural network"></label>
<button type="submit">Save</button>
</form>
${sub.status === 'unsubscribed' ? null : html`<p><a href="/unsubscribe/${token}">Unsubscribe</a></p>`}`,
  );
}

export function unsubscribePage(sub: Subscription): SafeHtml {
  const token = encodeURIComponent(sub.unsubscribeToken);
  if (sub.status === 'unsubscribed') return unsubscribedPage(sub);
  return page(
    'Unsubscribe',
    html`<p>Stop the digest to <strong>${sub.email}</strong>?</p>
<form class="account-form" method="post" action="/unsubscribe/${token}">
<input type="hidden" name="List-Unsubscribe" value="One-Click">
<button type="submit">Unsubscribe</button>
</form>
<p><a href="/subscription/${token}">Change what you receive instead</a></p>`,
  );
}

export function unsubscribedPage(sub: Subscription): SafeHtml {
  return page(
    'Unsubscribed',
    html`<p>No more digests go to <strong>${sub.email}</strong>.</p><p>Changed your mind? <a href="/subscribe">Subscribe again</a> (we mail a new confirmation link).</p>`,
  );
}

export function subscribedPage(sub: Subscription): SafeHtml {
  return page(
    'You are subscribed',
    html`<p>The digest goes to <strong>${sub.email}</strong>: daily at 07:00 UTC until you change it.</p><p><a href="/subscription/${encodeURIComponent(sub.unsubscribeToken)}">Choose frequency, time, categories and keywords</a></p>`,
  );
}

/** The account settings' digest section when the account has no subscription yet. */
export function accountSubscribePage(email: string, csrfToken: string): SafeHtml {
  return page(
    'Digest e-mails',
    html`<p>You do not receive the digest yet.</p>
<form class="account-form" method="post" action="/account/subscription">
<input type="hidden" name="_csrf" value="${csrfToken}">
<button type="submit">Subscribe ${email} (we mail a confirmation link)</button>
</form>`,
  );
}
