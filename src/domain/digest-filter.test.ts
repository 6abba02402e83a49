import { describe, expect, it } from 'vitest';
import { filterIndex, matchesFilter, prepareFilter, type DigestFilter } from './digest-filter.js';
import { digestMessageId } from './digest-message-id.js';

const paper = filterIndex({
  title: 'Low-Rank Adaptation for Large-Language-Models',
  abstract: 'We study an explorative setting. Results hold for transformers.',
  categories: ['cs.CL', 'stat.ML'],
  aiKeywords: ['parameter-efficient fine-tuning'],
});
const keeps = (filter: Partial<DigestFilter>) => matchesFilter(paper, prepareFilter({ categories: [], keywords: [], ...filter }));

describe('digest filters', () => {
  it('keeps everything without a filter', () => {
    expect(keeps({})).toBe(true);
  });

  it('matches categories exactly or by archive, ignoring case', () => {
    expect(keeps({ categories: ['cs.cl'] })).toBe(true);
    expect(keeps({ categories: ['cs'] })).toBe(true);
    expect(keeps({ categories: ['stat'] })).toBe(true);
    expect(keeps({ categories: ['cs.LG'] })).toBe(false);
    expect(keeps({ categories: ['math', 'cs.CV'] })).toBe(false);
    expect(keeps({ categories: ['c'] })).toBe(false);
  });

  it('matches keywords as whole words across punctuation', () => {
    expect(keeps({ keywords: ['large language models'] })).toBe(true);
    expect(keeps({ keywords: ['Fine-Tuning'] })).toBe(true);
    expect(keeps({ keywords: ['transformers'] })).toBe(true);
    expect(keeps({ keywords: ['lora'] })).toBe(false);
    expect(keeps({ keywords: ['plora', 'explor'] })).toBe(false);
    expect(keeps({ keywords: ['diffusion', 'explorative'] })).toBe(true);
    expect(keeps({ keywords: ['  ', '!!'] })).toBe(true);
  });

  it('needs both kinds to match when both are given', () => {
    expect(keeps({ categories: ['cs'], keywords: ['adaptation'] })).toBe(true);
    expect(keeps({ categories: ['math'], keywords: ['adaptation'] })).toBe(false);
    expect(keeps({ categories: ['cs'], keywords: ['diffusion'] })).toBe(false);
  });
});

describe('digest Message-ID', () => {
  it('is stable per (subscription, address, period) and differs otherwise', () => {
    const id = digestMessageId(42, 'ann@example.org', 'daily:2026-11-29', 'paperboy.test');
    expect(id).toMatch(/^digest\.daily-2026-11-29\.s42\.[0-9a-f]{10}@paperboy\.test$/);
    expect(digestMessageId(42, 'ann@example.org', 'daily:2026-11-29', 'paperboy.test')).toBe(id);
    expect(digestMessageId(43, 'ann@example.org', 'daily:2026-11-29', 'paperboy.test')).not.toBe(id);
    expect(digestMessageId(42, 'bob@example.org', 'daily:2026-11-29', 'paperboy.test')).not.toBe(id);
    expect(digestMessageId(42, 'ann@example.org', 'daily:2026-11-30', 'paperboy.test')).not.toBe(id);
  });
});
