// The catalog's vocabulary: what an importer hands to the store, and what the store hands back.
// An importer leaves a field undefined when its source does not know it; the store then keeps
// whatever another source said (the HF daily-papers JSON has no categories, arXiv has no upvotes).
import { z } from 'zod';
import type { ArxivId } from './arxiv-id.js';
import type { Day } from './period.js';

export const LINK_KINDS = ['code', 'project'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Where an imported daily entry came from; shown as its submitter. */
export const SOURCES = { 'hf-daily': 'Hugging Face Daily Papers' } as const;
export type SourceId = keyof typeof SOURCES;

export interface PaperLink {
  readonly kind: LinkKind;
  readonly url: string;
  readonly stars: number | null;
  /** ISO timestamp the star count was read at. */
  readonly starsReadAt: string | null;
}

export interface PaperVersion {
  readonly version: number;
  readonly submittedAt: string;
}

export interface PaperRecord {
  readonly id: ArxivId;
  readonly title: string;
  readonly abstract: string;
  readonly authors?: readonly string[];
  /** Primary category first. */
  readonly categories?: readonly string[];
  readonly publishedAt?: string;
  readonly updatedAt?: string | null;
  readonly comments?: string | null;
  readonly journalRef?: string | null;
  readonly doi?: string | null;
  readonly license?: string | null;
  readonly withdrawn?: boolean;
  readonly aiSummary?: string | null;
  readonly aiKeywords?: readonly string[] | null;
  readonly versions?: readonly PaperVersion[];
  readonly links?: readonly PaperLink[];
}

export interface UpvoteBaseline {
  readonly source: SourceId;
  readonly upvotes: number;
  readonly comments: number;
  /** The day the counts were read. */
  readonly asOf: Day;
}

export interface DailyEntryRecord {
  readonly day: Day;
  readonly paperId: ArxivId;
  readonly source: SourceId;
  readonly baseline: UpvoteBaseline | null;
}

/** A paper as pages and APIs see it. */
export interface Paper {
  readonly id: ArxivId;
  readonly title: string;
  readonly abstract: string;
  readonly authors: readonly string[];
  readonly categories: readonly string[];
  readonly primaryCategory: string | null;
  readonly publishedAt: string | null;
  readonly updatedAt: string | null;
  readonly comments: string | null;
  readonly journalRef: string | null;
  readonly doi: string | null;
  readonly license: string | null;
  readonly withdrawn: boolean;
  readonly aiSummary: string | null;
  readonly aiKeywords: readonly string[];
  readonly versions: readonly PaperVersion[];
  readonly links: readonly PaperLink[];
  readonly baseline: UpvoteBaseline | null;
  /** Votes cast on this site (the baseline is separate). */
  readonly localVotes: number;
  readonly localComments: number;
}

export interface DailyEntry {
  readonly day: Day;
  readonly submitter: { readonly kind: 'source'; readonly name: string } | { readonly kind: 'user'; readonly name: string; readonly userId: number };
  readonly paper: Paper;
}

export function codeLink(paper: Pick<Paper, 'links'>): PaperLink | undefined {
  return paper.links.find((l) => l.kind === 'code');
}

export function projectLink(paper: Pick<Paper, 'links'>): PaperLink | undefined {
  return paper.links.find((l) => l.kind === 'project');
}

/** Votes used for ranking: the imported baseline plus this site's own votes. */
export function totalVotes(paper: Pick<Paper, 'baseline' | 'localVotes'>): number {
  return (paper.baseline?.upvotes ?? 0) + paper.localVotes;
}

export const HttpUrl = z.url({ protocol: /^https?$/ });
