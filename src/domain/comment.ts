// Comment threads: the nesting limit and how a flat list of comments becomes a tree. Pure.

/**
 * Deepest reply allowed: a top-level comment has depth 0, so threads are at most
 * MAX_COMMENT_DEPTH + 1 comments deep. Past this a narrow screen has no room left to indent, and a
 * longer back-and-forth reads better as replies to the same comment.
 */
export const MAX_COMMENT_DEPTH = 5;

export interface ThreadNode<T> {
  readonly comment: T;
  readonly replies: ThreadNode<T>[];
}

/**
 * The comments as a forest, each list in the order given (posting order). A comment whose parent
 * is not in the list is shown at the top level rather than lost.
 */
export function buildThread<T extends { readonly id: number; readonly parentId: number | null }>(comments: readonly T[]): ThreadNode<T>[] {
  const nodes = new Map<number, ThreadNode<T>>();
  for (const c of comments) nodes.set(c.id, { comment: c, replies: [] });
  const roots: ThreadNode<T>[] = [];
  for (const c of comments) {
    const node = nodes.get(c.id);
    if (!node) continue;
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    if (parent && parent !== node) parent.replies.push(node);
    else roots.push(node);
  }
  return roots;
}
