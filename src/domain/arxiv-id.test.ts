import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arxivIdMonth, isArxivId, parseArxivId, parseArxivReference } from './arxiv-id.js';

describe('parseArxivId', () => {
  it.each([
    ['2608.19880', '2608.19880', null],
    ['2608.19880v3', '2608.19880', 3],
    ['0704.0001', '0704.0001', null],
    ['1412.9999v1', '1412.9999', 1],
    ['hep-th/9901001', 'hep-th/9901001', null],
    ['hep-th/9901001v2', 'hep-th/9901001', 2],
    ['math.AG/0601001', 'math.AG/0601001', null],
    ['cond-mat/0011001', 'cond-mat/0011001', null],
  ])('accepts %s', (input, id, version) => {
    expect(parseArxivId(input)).toEqual({ id, version });
  });

  it.each([
    '', '2608.1988', '2613.12345', '1501.1234', '1412.12345', '0612.1234', 'hep-th/9913001', 'hep-th/990100',
    'HEP-TH/9901001', '2608.19880v0', '2608.19880v', '../etc/passwd', '2608.19880 x', 'x2608.19880',
  ])('rejects %j', (input) => {
    expect(parseArxivId(input)).toBeNull();
  });

  it('never accepts a string containing characters outside the id alphabet', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const p = parseArxivId(s);
        if (p) expect(p.id).toMatch(/^[a-zA-Z0-9.\-/]+$/);
      }),
    );
  });

  it('round-trips versions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1501, max: 2612 }), fc.integer({ min: 0, max: 99_999 }), fc.integer({ min: 1, max: 20 }), (yymm, n, v) => {
        fc.pre(yymm % 100 >= 1 && yymm % 100 <= 12);
        const id = `${yymm}.${String(n).padStart(5, '0')}`;
        expect(parseArxivId(`${id}v${v}`)).toEqual({ id, version: v });
        expect(isArxivId(id)).toBe(true);
      }),
    );
  });
});

describe('parseArxivReference', () => {
  it.each([
    ['https://arxiv.org/abs/2608.19880', '2608.19880'],
    ['https://arxiv.org/pdf/2608.19880v2.pdf', '2608.19880'],
    ['arxiv.org/abs/hep-th/9901001v1', 'hep-th/9901001'],
    ['https://huggingface.co/papers/2608.19880', '2608.19880'],
    ['arXiv:2608.19880', '2608.19880'],
  ])('finds the id in %s', (input, id) => {
    expect(parseArxivReference(input)?.id).toBe(id);
  });
  it('ignores other URLs', () => {
    expect(parseArxivReference('https://example.org/abs/2608.19880')).toBeNull();
  });
});

describe('arxivIdMonth', () => {
  it('reads the month of both schemes', () => {
    expect(arxivIdMonth(parseArxivId('2608.19880')!.id)).toEqual({ year: 2026, month: 8 });
    expect(arxivIdMonth(parseArxivId('hep-th/9901001')!.id)).toEqual({ year: 1999, month: 1 });
  });
});
