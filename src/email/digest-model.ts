// What a digest mail shows, independent of how it is rendered. A digest is a list of sections so
// that further ones (a personal "for you" section, comments on papers one follows) slot in
// beside "Top papers" without touching the renderer: each section is a heading, an optional line
// of introduction and its papers.

export interface DigestPaper {
  readonly id: string;
  /** Plain text (TeX accents already turned into Unicode). */
  readonly title: string;
  /** Shortened author list: "A, B, C, D and 14 more". */
  readonly authors: string;
  /** One line: the AI summary or the abstract's first sentence. */
  readonly summary: string;
  /** Votes shown on the site (imported baseline plus local votes). */
  readonly votes: number;
  readonly codeUrl: string | null;
  /** Absolute link to the paper's page on this site. */
  readonly paperUrl: string;
}

export interface DigestSection {
  /** Stable, for anchors and tests: "top", later "for-you", … */
  readonly id: string;
  readonly heading: string;
  readonly intro: string | null;
  readonly papers: readonly DigestPaper[];
}

export interface DigestMail {
  readonly frequency: 'daily' | 'weekly';
  /** "Sunday, 29 Nov 2026" or "week 48 of 2026 (23 – 29 Nov)". */
  readonly periodLabel: string;
  readonly siteName: string;
  readonly siteUrl: string;
  /** Shown above the sections (the preview's "nothing new, showing the latest" note); null for none. */
  readonly notice: string | null;
  /** What the subscriber asked for, e.g. "categories cs.CL · keywords: diffusion"; null when unfiltered. */
  readonly filterLine: string | null;
  readonly sections: readonly DigestSection[];
  readonly manageUrl: string;
  readonly unsubscribeUrl: string;
}

export interface RenderedDigest {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}
