import { html } from '../html.js';
import { layout } from './layout.js';

const TITLES: Record<number, string> = { 400: 'Bad request', 401: 'Log in first', 403: 'Not allowed', 404: 'Not found', 413: 'Too large', 429: 'Slow down', 500: 'Something went wrong' };

export function errorPage(status: number, message: string) {
  const title = TITLES[status] ?? 'Error';
  return layout(
    { title: `${title} · Paperboy` },
    html`<section class="error"><h1>${title}</h1><p>${message}</p>${status === 401 ? html`<p><a href="/login">Log in</a> or <a href="/signup">sign up</a>.</p>` : null}<p><a href="/">Back to today's papers</a></p></section>`,
  );
}
