// One-line summaries for cards and digests.

const MAX_SUMMARY_CHARS = 300;
// A sentence ends at . ! or ? followed by whitespace and a capital, digit or quote; abbreviations
// such as "e.g. the" (lower case next) and decimals ("9.8%") are therefore not cut.
const SENTENCE_END = /[.!?](?=\s+["'([]?[A-Z0-9])/;

export function firstSentence(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const m = SENTENCE_END.exec(clean);
  const sentence = m ? clean.slice(0, m.index + 1) : clean;
  if (sentence.length <= MAX_SUMMARY_CHARS) return sentence;
  const cut = sentence.slice(0, MAX_SUMMARY_CHARS);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_SUMMARY_CHARS - 40))}…`;
}

/** The AI summary when there is one, otherwise the abstract's first sentence. */
export function oneLineSummary(paper: { aiSummary: string | null; abstract: string }): string {
  const ai = paper.aiSummary?.trim();
  return ai ? ai : firstSentence(paper.abstract);
}

/** "A, B, C and 14 others": author lists on cards stop after `max` names. */
export function truncateAuthors(authors: readonly string[], max = 4): { shown: readonly string[]; more: number } {
  if (authors.length <= max + 1) return { shown: authors, more: 0 };
  return { shown: authors.slice(0, max), more: authors.length - max };
}
