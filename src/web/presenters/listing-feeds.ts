// Each listing page as a Feed (presenters/feed.ts renders it as RSS or Atom). A paper's item date is
// when it entered the listing: its featured day on the daily and trending pages, its publication
// elsewhere. The feed's date is its newest item's, so an unchanged listing renders the same bytes.
import type { AuthorPapers } from '../../commands/author-papers.js';
import type { CategoryPapers } from '../../commands/category-papers.js';
import type { DailyFeed } from '../../commands/daily-feed.js';
import type { PaperSearch } from '../../commands/search-papers.js';
import type { Trending } from '../../commands/trending.js';
import type { DailyEntry } from '../../domain/paper.js';
import { periodTitle } from '../views/daily.js';
import { newestDate, paperItem, type Feed, type FeedItem } from './feed.js';

export interface FeedUrls {
  readonly selfUrl: string;
  readonly pageUrl: string;
}

const featuredAt = (day: string) => `${day}T00:00:00.000Z`;

function feedOf(title: string, description: string, urls: FeedUrls, items: readonly FeedItem[], fallback: string | null = null): Feed {
  return { title: `Paperboy: ${title}`, description, ...urls, updated: newestDate(items, fallback), items };
}

function featuredItems(entries: readonly DailyEntry[], baseUrl: URL): FeedItem[] {
  return entries.map((e) => paperItem(e.paper, baseUrl, featuredAt(e.day)));
}

export function dailyFeed(feed: DailyFeed, baseUrl: URL, urls: FeedUrls): Feed {
  const period = feed.period;
  const title = period ? `papers of ${periodTitle(period)}` : 'daily papers';
  const what = period ? `${period.kind === 'day' ? 'on' : 'in'} ${periodTitle(period)}` : 'so far (the catalog is empty)';
  return feedOf(title, `Research papers featured ${what}, ranked by upvotes.`, urls, featuredItems(feed.entries, baseUrl), period ? featuredAt(period.first) : null);
}

export function trendingFeed(t: Trending, baseUrl: URL, urls: FeedUrls): Feed {
  return feedOf(`trending (${t.window})`, `Research papers trending over the ${t.window === 'all' ? 'whole catalog' : t.window}, ranked by readers' votes with time decay.`, urls, featuredItems(t.entries, baseUrl));
}

export function searchFeed(s: PaperSearch, baseUrl: URL, urls: FeedUrls): Feed {
  const items = s.hits.map((h) => paperItem(h.paper, baseUrl, null));
  return feedOf(`search ${s.understood || '(empty)'}`, `Papers matching ${s.understood || 'nothing yet'} (${s.query.mode}, by ${s.query.sort}).`, urls, items);
}

export function authorFeed(view: AuthorPapers, baseUrl: URL, urls: FeedUrls): Feed {
  const items = view.papers.map((p) => paperItem(p, baseUrl, null));
  return feedOf(`papers by ${view.name}`, `Papers by ${view.name}, newest first.`, urls, items);
}

export function categoryFeed(view: CategoryPapers, baseUrl: URL, urls: FeedUrls): Feed {
  const cat = view.filter.value;
  const items = view.papers.map((p) => paperItem(p, baseUrl, null));
  return feedOf(`papers in ${cat}`, `Papers in ${cat}${view.filter.archive ? ' and its categories' : ''}, newest first.`, urls, items);
}
