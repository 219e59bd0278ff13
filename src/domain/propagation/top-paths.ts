import type { PathOrder } from './path-order';
import { PathTable } from './path-table';
import type { NumericPath } from './propagation.model';

/**
 * The K first paths in path order seen so far, as a binary heap whose root is the last of
 * them. Once K are kept, `floor` is the weakest kept strength: a walk skips the call for
 * any path below it, which is most of them.
 */
export class TopPaths {
  /** The strength of the weakest kept path once K are kept; no path weaker than it can enter. */
  floor = -Infinity;
  private size = 0;
  private readonly entries: PathTable;
  /** heap[i] is the entry at heap position i. */
  private readonly heap: Int32Array;

  constructor(
    private readonly capacity: number,
    maxHops: number,
    private readonly order: PathOrder,
  ) {
    this.entries = new PathTable(capacity, maxHops);
    this.heap = new Int32Array(capacity);
  }

  /** Offers path `at` of `paths` (usually a walk's current path), copying it when it is kept. */
  offer(paths: PathTable, at: number): void {
    const { entries } = this;
    if (this.size === this.capacity) {
      const worst = this.heap[0];
      if (paths.strength[at] < entries.strength[worst]) return;
      if (this.order.compare(paths, at, entries, worst) >= 0) return;
      entries.copy(worst, paths, at);
      this.siftDown(0);
      this.floor = entries.strength[this.heap[0]];
      return;
    }
    const entry = this.size++;
    entries.copy(entry, paths, at);
    this.heap[entry] = entry;
    this.siftUp(entry);
    if (this.size === this.capacity) this.floor = entries.strength[this.heap[0]];
  }

  /** The kept paths in path order, with edge numbers. */
  toPaths(outEdge: Int32Array): NumericPath[] {
    const kept = Array.from(this.heap.subarray(0, this.size));
    kept.sort((a, b) => this.order.compare(this.entries, a, this.entries, b));
    return kept.map((entry) => this.entries.toPath(entry, outEdge));
  }

  /** True when heap position i holds a path that comes after the one at position j. */
  private later(i: number, j: number): boolean {
    return this.order.compare(this.entries, this.heap[i], this.entries, this.heap[j]) > 0;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.later(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.size) return;
      const right = left + 1;
      const child = right < this.size && this.later(right, left) ? right : left;
      if (!this.later(child, i)) return;
      this.swap(i, child);
      i = child;
    }
  }

  private swap(i: number, j: number): void {
    const t = this.heap[i];
    this.heap[i] = this.heap[j];
    this.heap[j] = t;
  }
}
