// Use-case: what a digest contains. An edition is one period's papers in the trending order
// (commands/trending.ts, as the ranking stood at the period's end), loaded once per run and
// shared by every subscriber; each subscriber's digest is that list narrowed by their filters
// (domain/digest-filter.ts) and cut to DIGEST_MAX_PAPERS. Sending never falls back to other
// days: a period without papers is "nothing new". Only the preview, like /trending, may show the
// latest papers instead, and says so.
import { codeLink, totalVotes, type Paper } from '../domain/paper.js';
import { digestPeriodOf, lastCompletePeriod, type DigestFrequency, type DigestPeriod } from '../domain/digest-period.js';
import { filterIndex, isUnfiltered, matchesFilter, type DigestFilter, type FilterIndex, type PreparedFilter } from '../domain/digest-filter.js';
import type { Day } from '../domain/period.js';
import type { TrendingWindow } from '../domain/ranking.js';
import { oneLineSummary, truncateAuthors } from '../domain/summary.js';
import { texToUnicode } from '../domain/tex-text.js';
import type { DigestMail, DigestPaper, DigestSection } from '../email/digest-model.js';
import type { Store } from '../store/db.js';
import { loadPapers } from '../store/papers-read.js';
import { latestCandidateDay, rankedBetween } from './trending.js';

/** Papers per digest: a daily mail reads in two minutes; a weekly one covers five times the days. */
export const DIGEST_MAX_PAPERS: Readonly<Record<DigestFrequency, number>> = { daily: 10, weekly: 20 };
/** Authors named before "and N more". */
const DIGEST_AUTHORS_SHOWN = 4;

const WINDOW: Readonly<Record<DigestFrequency, TrendingWindow>> = { daily: 'day', weekly: 'week' };

export interface EditionPaper {
  readonly paper: DigestPaper;
  readonly index: FilterIndex;
}

export interface DigestEdition {
  readonly period: DigestPeriod;
  /** Best first. */
  readonly papers: readonly EditionPaper[];
  /** Set when the period was empty and the preview shows this earlier period instead. */
  readonly fellBackTo: DigestPeriod | null;
}

export interface EditionOptions {
  /** config.newAccountHours: votes of newer accounts do not count toward the rank. */
  readonly newAccountHours: number;
  readonly baseUrl: URL;
}

function paperPath(id: string): string {
  return `/papers/${id.split('/').map(encodeURIComponent).join('/')}`;
}

function shortAuthors(authors: readonly string[]): string {
  const { shown, more } = truncateAuthors(authors.map(texToUnicode), DIGEST_AUTHORS_SHOWN);
  if (shown.length === 0) return 'Unknown authors';
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

export function digestPaper(p: Paper, baseUrl: URL): DigestPaper {
  return {
    id: p.id,
    title: texToUnicode(p.title.replace(/\s+/g, ' ').trim()),
    authors: shortAuthors(p.authors),
    summary: texToUnicode(oneLineSummary(p)),
    votes: totalVotes(p),
    codeUrl: codeLink(p)?.url ?? null,
    paperUrl: new URL(paperPath(p.id), baseUrl).toString(),
  };
}

/** The period's papers, best first; empty when nothing was featured (no fallback). */
export async function loadEdition(store: Store, period: DigestPeriod, options: EditionOptions): Promise<DigestEdition> {
  const ranked = await rankedBetween(store, WINDOW[period.frequency], period.first, period.last, options.newAccountHours);
  const papers = await loadPapers(store.db, ranked.map((r) => r.paperId));
  const out: EditionPaper[] = [];
  for (const r of ranked) {
    const p = papers.get(r.paperId);
    if (p === undefined || p.withdrawn) continue;
    out.push({ paper: digestPaper(p, options.baseUrl), index: filterIndex(p) });
  }
  return { period, papers: out, fellBackTo: null };
}

/**
 * The edition a preview shows: the period containing `date` (default: the last one over in UTC at
 * `now`); when it has no papers, the period of the latest day that has some, marked as a fallback.
 */
export async function previewEdition(store: Store, frequency: DigestFrequency, date: Day | null, now: Date, options: EditionOptions): Promise<DigestEdition> {
  const period = date === null ? lastCompletePeriod(frequency, now, 'UTC') : digestPeriodOf(frequency, date);
  const edition = await loadEdition(store, period, options);
  if (edition.papers.length > 0) return edition;
  const latest = await latestCandidateDay(store, period.last);
  if (latest === null || latest >= period.first) return edition;
  const earlier = await loadEdition(store, digestPeriodOf(frequency, latest), options);
  return { ...earlier, period, fellBackTo: earlier.period };
}

/** A subscriber's papers: the edition narrowed by the filter, best first, at most `max`. */
export function selectPapers(edition: DigestEdition, filter: PreparedFilter, max = DIGEST_MAX_PAPERS[edition.period.frequency]): DigestPaper[] {
  const out: DigestPaper[] = [];
  const all = isUnfiltered(filter);
  for (const e of edition.papers) {
    if (out.length >= max) break;
    if (all || matchesFilter(e.index, filter)) out.push(e.paper);
  }
  return out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function dateParts(day: Day) {
  const d = new Date(`${day}T00:00:00Z`);
  return { weekday: WEEKDAYS[d.getUTCDay()] ?? '', date: d.getUTCDate(), month: MONTHS[d.getUTCMonth()] ?? '', year: d.getUTCFullYear() };
}

/** "Sunday, 29 Nov 2026" or "week 48 of 2026 (23 Nov – 29 Nov)". */
export function periodLabel(period: DigestPeriod): string {
  const f = dateParts(period.first);
  if (period.frequency === 'daily') return `${f.weekday}, ${f.date} ${f.month} ${f.year}`;
  const l = dateParts(period.last);
  const [year, week] = period.key.replace('weekly:', '').split('-W');
  return `week ${Number(week)} of ${year} (${f.date} ${f.month} – ${l.date} ${l.month})`;
}

/** "categories cs.CL, stat · keywords diffusion"; null without filters. */
export function filterLine(filter: DigestFilter): string | null {
  const parts = [
    ...(filter.categories.length > 0 ? [`categories ${filter.categories.join(', ')}`] : []),
    ...(filter.keywords.length > 0 ? [`keywords ${filter.keywords.join(', ')}`] : []),
  ];
  return parts.length > 0 ? parts.join(' · ') : null;
}

export interface DigestLinks {
  readonly manageUrl: string;
  readonly unsubscribeUrl: string;
}

export function topSection(papers: readonly DigestPaper[], frequency: DigestFrequency): DigestSection {
  return { id: 'top', heading: 'Top papers', intro: papers.length === 0 ? `Nothing new this ${frequency === 'daily' ? 'day' : 'week'}.` : null, papers };
}

export function digestMail(edition: DigestEdition, sections: readonly DigestSection[], filter: DigestFilter, links: DigestLinks, siteName: string, baseUrl: URL): DigestMail {
  const shown = edition.fellBackTo;
  return {
    frequency: edition.period.frequency,
    periodLabel: periodLabel(edition.period),
    siteName,
    siteUrl: new URL('/', baseUrl).toString(),
    notice: shown === null ? null : `Nothing new was featured in this ${edition.period.frequency === 'daily' ? 'day' : 'week'}; this preview shows the latest papers instead (${periodLabel(shown)}). A real digest for it would not be sent.`,
    filterLine: filterLine(filter),
    sections,
    ...links,
  };
}

