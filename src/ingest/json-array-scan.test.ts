import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonScanError, scanJsonArray } from './json-array-scan.js';

describe('scanJsonArray', () => {
  it('splits elements and reports their lines', () => {
    const text = '[\n  {"a": "x,]}"},\n  {"b": [1, 2]},\n  {bad json}\n]\n';
    const parts = scanJsonArray(text);
    expect(parts.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(JSON.parse(parts[0]!.text)).toEqual({ a: 'x,]}' });
    expect(() => JSON.parse(parts[2]!.text) as unknown).toThrow();
  });
  it('accepts the empty array and rejects non-arrays and truncation', () => {
    expect(scanJsonArray(' [ ] ')).toEqual([]);
    expect(() => scanJsonArray('{"a":1}')).toThrow(JsonScanError);
    expect(() => scanJsonArray('[{"a":1},')).toThrow(/line 1/);
    expect(() => scanJsonArray('[1] x')).toThrow(JsonScanError);
  });
  it('agrees with JSON.parse on arbitrary arrays', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.boolean(), (values, pretty) => {
        const text = JSON.stringify(values, null, pretty ? 2 : undefined);
        expect(scanJsonArray(text).map((e) => JSON.parse(e.text) as unknown)).toEqual(JSON.parse(text));
      }),
    );
  });
});
