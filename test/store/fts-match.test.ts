import { describe, expect, it } from 'vitest';
import { matchExpression } from '../../src/store/fts-match.js';
import { parseMarked } from '../../src/store/keyword-sql.js';

const m = { required: [], optional: [], authors: [], excluded: [] };

describe('FTS5 match expressions', () => {
  it('quotes every term, so operators and column filters in input stay text', () => {
    expect(matchExpression({ ...m, required: ['a', 'NOT', 'title:x', 'say "hi"'] })).toBe('("a" AND "NOT" AND "title:x" AND "say ""hi""")');
    expect(matchExpression({ ...m, required: ['gpt 4'], optional: ['x', 'y'], authors: ['Yann LeCun'], excluded: ['z'] })).toBe(
      '("gpt 4" AND authors : "Yann LeCun" AND ("x" OR "y")) NOT "z"',
    );
  });

  it('drops terms that cannot match and needs something positive', () => {
    expect(matchExpression({ ...m, required: ['...', 'a'] })).toBe('"a"');
    expect(matchExpression({ ...m, excluded: ['a'] })).toBeNull();
  });

  it('splits marked snippets into runs', () => {
    expect(parseMarked('a \u0002b\u0003 c\u0002d')).toEqual([
      { text: 'a ', match: false },
      { text: 'b', match: true },
      { text: ' c', match: false },
      { text: 'd', match: true },
    ]);
  });
});
