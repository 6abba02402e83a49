// Author names as people type them: the key under which spellings of one name are the same author
// page. arXiv and Hugging Face spell the same person differently ("Aleksander Mądry" and
// "Aleksander Madry", "Chen Chen" and "Chen chen": 169 such pairs among the 41,305 names of the
// bundled catalog), and arXiv's own author search ignores accents and case too.

/** Letters that Unicode does not decompose into a base letter and a mark. */
const UNDECOMPOSED: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th' };

/** The name without accents, case or repeated spaces: "Éric  de la Clergerie" → "eric de la clergerie". */
export function authorKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđðıßæœþ]/g, (c) => UNDECOMPOSED[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}
