// /about/ranking: how the feeds and /trending order papers, in words, with the constants of
// domain/ranking.ts and domain/new-account.ts printed from the code (so the page cannot drift).
import { NEW_ACCOUNT_VOTES_PER_WINDOW, VOTE_LIMIT_WINDOW_HOURS } from '../../domain/new-account.js';
import {
  HF_BASELINE_WEIGHT,
  TRENDING_AGE_OFFSET_HOURS,
  TRENDING_GRAVITY,
  TRENDING_WINDOW_DAYS,
  TRENDING_WINDOW_OFFSET_HOURS,
  TRENDING_WINDOWS,
} from '../../domain/ranking.js';
import { html } from '../html.js';
import { layout } from './layout.js';

/** How much more votes a paper at a window's oldest edge needs than a brand-new one. */
const EDGE_FACTOR = (2 ** TRENDING_GRAVITY).toFixed(1);

export function aboutRankingPage(newAccountHours: number) {
  const rows = TRENDING_WINDOWS.map((w) => {
    const days = TRENDING_WINDOW_DAYS[w];
    return html`<tr><th scope="row"><a href="/trending?window=${w}">${w}</a></th><td>${days === null ? 'every paper' : days === 1 ? 'the last day' : `the last ${days} days`}</td><td>${TRENDING_WINDOW_OFFSET_HOURS[w]} hours</td></tr>`;
  });
  return layout(
    { title: 'How papers are ranked · Paperboy', description: 'How Paperboy orders its daily feeds and trending papers: votes, the Hugging Face baseline and time decay.' },
    html`<article class="about">
<h1>How papers are ranked</h1>

<h2>Votes: here and on Hugging Face</h2>
<p>Every paper shows two counts side by side, never merged into one without saying so: votes cast
<em>here</em> by readers with an account (one per reader and paper; a second vote changes nothing and
a vote can be taken back), and the upvotes it had on <a href="https://huggingface.co/papers">Hugging Face Daily Papers</a>
when it was imported (the "baseline", dated). The big number on a card is their sum.</p>

<h2>Daily, weekly and monthly pages</h2>
<p>Papers featured in the period, most votes (here plus on Hugging Face) first.</p>

<h2>Trending</h2>
<p><a href="/trending">Trending</a> ranks the papers featured in a window (papers that were never on the daily
feed but got votes here take part from the day they were published) by</p>
<p class="formula"><code>score = votes / (age + offset)<sup>${TRENDING_GRAVITY}</sup></code></p>
<ul>
<li><strong>votes</strong> = votes here that count + ${HF_BASELINE_WEIGHT} × the Hugging Face baseline. The baseline
counts because those upvotes are readers' votes too, and because an install with only the bundled papers then
has a useful trending page before anyone votes; a vote here adds to it as much as one there did.</li>
<li><strong>age</strong> = hours since the start of the day the paper was featured.</li>
<li><strong>offset</strong> = the window's length, so at the oldest edge of a window a paper needs about
${EDGE_FACTOR} times the votes of a brand-new one to rank level with it: new papers can rise, well-liked older ones stay.</li>
</ul>
<table class="windows"><thead><tr><th scope="col">window</th><th scope="col">papers</th><th scope="col">offset</th></tr></thead><tbody>${rows}</tbody></table>
<p>Papers with no votes at all are left out. When the catalog has nothing from the window ending today (an
install that has only its bundled papers), the window ends at the newest featured day instead, the
page says so, and ages are counted from the end of that day.</p>

<h2>New accounts</h2>
<p>${newAccountHours > 0
      ? html`Votes from accounts younger than ${newAccountHours} hours when they voted are kept and shown on the paper, but
do not count toward trending. New accounts can also cast at most ${NEW_ACCOUNT_VOTES_PER_WINDOW} votes in any
${VOTE_LIMIT_WINDOW_HOURS} hours.`
      : html`On this site every account's votes count toward trending at once (no waiting period is set).`}
Voting needs a confirmed e-mail address.</p>

<h2>The daily pages' "trending" sort</h2>
<p>The same formula with an offset of ${TRENDING_AGE_OFFSET_HOURS} hours (<code>/api/daily_papers?sort=trending</code>),
the form <a href="https://news.ycombinator.com">Hacker News</a> and <a href="https://lobste.rs/about">Lobsters</a> use.</p>
</article>`,
  );
}
