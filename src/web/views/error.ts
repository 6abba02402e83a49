import { html } from '../html.js';
import { layout } from './layout.js';

const TITLES: Record<number, string> = { 400: 'Bad request', 404: 'Not found', 413: 'Too large', 500: 'Something went wrong' };

export function errorPage(status: number, message: string) {
  const title = TITLES[status] ?? 'Error';
  return layout(
    { title: `${title} · Paperboy` },
    html`<section class="error"><h1>${title}</h1><p>${message}</p><p><a href="/">Back to today's papers</a></p></section>`,
  );
}
