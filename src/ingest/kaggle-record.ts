// One line of Kaggle's arXiv metadata snapshot (arxiv-metadata-oai-snapshot.json, JSON Lines,
// https://www.kaggle.com/datasets/Cornell-University/arxiv) → a catalog record. Pure and hot: the
// bulk import calls it ~2.7 million times, so it never throws and keeps allocations down (one
// JSON.parse, one zod pass without transforms, precompiled patterns).
//
// Authors come from `authors_parsed` ([last, first, suffix, affiliation?]), which Kaggle has
// already split and mostly converted from TeX; the flat `authors` string carries affiliations
// in parentheses. Versions have dates but no sizes, so a withdrawal is recognised from the
// comment only (see arxiv-fields.ts); `update_date` is a metadata date, not a version, and unused.
import { z } from 'zod';
import { parseArxivId } from '../domain/arxiv-id.js';
import type { PaperRecord, PaperVersion } from '../domain/paper.js';
import { commentSaysWithdrawn, displayText, firstDoi, joinNameParts, optionalLine, optionalToken, rfc2822ToIso, splitCategories } from './arxiv-fields.js';

const KaggleLine = z.object({
  id: z.string(),
  title: z.string(),
  abstract: z.string(),
  categories: z.string(),
  comments: z.string().nullish(),
  'journal-ref': z.string().nullish(),
  doi: z.string().nullish(),
  license: z.string().nullish(),
  versions: z.array(z.object({ version: z.string(), created: z.string() })).min(1),
  authors_parsed: z.array(z.array(z.string())),
});
export type KaggleLine = z.infer<typeof KaggleLine>;

export type KaggleResult = { readonly ok: true; readonly record: PaperRecord } | { readonly ok: false; readonly reason: string };

const VERSION_LABEL = /^v([1-9]\d{0,3})$/;
// Kaggle's name splitter turns "C.-P." into "C. -P.".
const SPLIT_HYPHENATED_INITIAL = /\. -(?=\S)/g;

function fail(reason: string): KaggleResult {
  return { ok: false, reason };
}

function authorName(parts: readonly string[]): string {
  const [last, first, suffix] = parts;
  const name = joinNameParts(first, last, suffix);
  return name.includes('. -') ? name.replace(SPLIT_HYPHENATED_INITIAL, '.-') : name;
}

/** Converts one snapshot line; `{ok: false, reason}` for anything unusable, never a throw. */
export function parseKaggleLine(line: string): KaggleResult {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (err) {
    return fail(`malformed JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return convertKaggleValue(json);
}

/** Like parseKaggleLine, for a line already parsed as JSON. */
export function convertKaggleValue(json: unknown): KaggleResult {
  const parsed = KaggleLine.safeParse(json);
  if (!parsed.success) {
    return fail(
      parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`)
        .join('; '),
    );
  }
  const raw = parsed.data;
  const id = parseArxivId(raw.id);
  if (!id) return fail(`id: not an arXiv id: ${JSON.stringify(raw.id.slice(0, 40))}`);
  const title = displayText(raw.title);
  if (title === '') return fail('title: empty');

  const versions: PaperVersion[] = [];
  for (let k = 0; k < raw.versions.length; k++) {
    const v = raw.versions[k];
    if (v === undefined) continue;
    const number = VERSION_LABEL.exec(v.version)?.[1];
    if (number === undefined) return fail(`versions.${k}.version: not vN: ${JSON.stringify(v.version.slice(0, 20))}`);
    const submittedAt = rfc2822ToIso(v.created);
    if (submittedAt === null) return fail(`versions.${k}.created: not an RFC 2822 date: ${JSON.stringify(v.created.slice(0, 40))}`);
    versions.push({ version: Number(number), submittedAt });
  }
  versions.sort((a, b) => a.version - b.version);
  const first = versions[0];
  const latest = versions[versions.length - 1];
  if (first === undefined || latest === undefined) return fail('versions: none');

  const authors: string[] = [];
  for (const parts of raw.authors_parsed) {
    const name = authorName(parts);
    if (name !== '') authors.push(name);
  }
  const comments = optionalLine(raw.comments);
  const record: PaperRecord = {
    id: id.id,
    title,
    abstract: raw.abstract.trim(),
    authors,
    categories: splitCategories(raw.categories) ?? undefined,
    publishedAt: first.submittedAt,
    updatedAt: versions.length > 1 ? latest.submittedAt : null,
    comments,
    journalRef: optionalLine(raw['journal-ref']),
    doi: firstDoi(raw.doi),
    license: optionalToken(raw.license),
    // true or unknown: without sizes a comment cannot show that a paper is not withdrawn.
    withdrawn: commentSaysWithdrawn(comments) ? true : undefined,
    versions,
  };
  return { ok: true, record };
}
