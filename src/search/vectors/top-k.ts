// The k best (id, score) pairs of a stream, in a binary min-heap: the root is the current k-th best,
// so most candidates are rejected with one comparison against `floor`. Equal scores rank by id,
// smaller first, when choosing which pairs to keep as well as in `sorted`: the result is the first k
// of sort-then-slice whatever the order of the stream, not an accident of the heap's shape.
export class TopK {
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  /**
   * The k-th best score (−∞ until k are held; +∞ when k ≤ 0, as nothing enters): a candidate below
   * it never enters, one equal to it only with a smaller id.
   */
  get floor(): number {
    if (this.k <= 0) return Infinity;
    return this.ids.length < this.k ? -Infinity : this.scores[0]!;
  }

  push(id: number, score: number): void {
    if (this.k <= 0) return;
    if (this.ids.length < this.k) {
      this.ids.push(id);
      this.scores.push(score);
      this.up(this.ids.length - 1);
    } else if (this.below(0, score, id)) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.down(0);
    }
  }

  sorted(): { id: number; score: number }[] {
    return this.ids.map((id, i) => ({ id, score: this.scores[i]! })).sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /** Whether the pair held at `i` ranks below (score, id): a lower score, or the same and a larger id. */
  private below(i: number, score: number, id: number): boolean {
    const s = this.scores[i]!;
    return s < score || (s === score && this.ids[i]! > id);
  }

  private swap(a: number, b: number): void {
    [this.ids[a], this.ids[b]] = [this.ids[b]!, this.ids[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.below(i, this.scores[parent]!, this.ids[parent]!)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private down(i: number): void {
    const n = this.ids.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.below(l, this.scores[m]!, this.ids[m]!)) m = l;
      if (r < n && this.below(r, this.scores[m]!, this.ids[m]!)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
