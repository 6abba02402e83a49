import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildThread, type ThreadNode } from './comment.js';

type C = { id: number; parentId: number | null };

function flatten(nodes: readonly ThreadNode<C>[]): number[] {
  return nodes.flatMap((n) => [n.comment.id, ...flatten(n.replies)]);
}

describe('buildThread', () => {
  it('nests replies under their parents in posting order', () => {
    const tree = buildThread<C>([
      { id: 1, parentId: null },
      { id: 2, parentId: 1 },
      { id: 3, parentId: null },
      { id: 4, parentId: 2 },
      { id: 5, parentId: 1 },
    ]);
    expect(tree.map((n) => n.comment.id)).toEqual([1, 3]);
    expect(tree[0]?.replies.map((n) => n.comment.id)).toEqual([2, 5]);
    expect(tree[0]?.replies[0]?.replies.map((n) => n.comment.id)).toEqual([4]);
  });

  it('puts orphans at the top level', () => {
    expect(buildThread<C>([{ id: 7, parentId: 99 }]).map((n) => n.comment.id)).toEqual([7]);
  });

  it('keeps every comment exactly once', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat(30), { nil: null }), { maxLength: 30 }), (parents) => {
        // Parents always come earlier (ids increase), as in the database.
        const list: C[] = parents.map((p, i) => ({ id: i + 1, parentId: p === null || p >= i + 1 ? null : p }));
        expect(flatten(buildThread(list)).sort((a, b) => a - b)).toEqual(list.map((c) => c.id));
      }),
    );
  });
});
