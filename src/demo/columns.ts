/**
 * Growable integer columns: the simulation writes millions of rows, and typed arrays keep that
 * fast and compact (an object per row would cost ~10× the memory and the time). Columns are
 * re-allocated as they grow, so read `cols.x` after `add()`, never keep it across calls.
 */
export class IntColumns<K extends string> {
  length = 0;
  cols: Record<K, Int32Array>;
  private capacity: number;

  constructor(
    readonly names: readonly K[],
    initialCapacity = 1024,
  ) {
    this.capacity = Math.max(16, initialCapacity);
    this.cols = {} as Record<K, Int32Array>;
    for (const n of names) this.cols[n] = new Int32Array(this.capacity);
  }

  /** Reserve the next row; returns its index. */
  add(): number {
    if (this.length === this.capacity) {
      this.capacity *= 2;
      for (const n of this.names) {
        const next = new Int32Array(this.capacity);
        next.set(this.cols[n]);
        this.cols[n] = next;
      }
    }
    return this.length++;
  }

  /** The filled part of a column. */
  column(name: K): Int32Array {
    return this.cols[name].subarray(0, this.length);
  }
}
