// A fixed-size sliding window of live inputs (one ring per feature) and predictions.
import type { Float64Matrix } from '@mlpy/core';

/** The last `size` rows seen, column by column. */
export class SlidingWindow {
  readonly columns: Float64Array[];
  readonly predictions: (number | string | null)[];
  private next = 0;
  private filled = 0;
  /** Rows recorded since creation (the window holds the last `size`). */
  total = 0;

  constructor(
    readonly size: number,
    cols: number,
  ) {
    this.columns = Array.from({ length: cols }, () => new Float64Array(size));
    this.predictions = new Array(size).fill(null);
  }

  get count(): number {
    return this.filled;
  }

  /** Appends rows and their predictions. */
  record(x: Float64Matrix, predictions: ArrayLike<number | string | null>): void {
    const { rows, cols, data } = x;
    for (let i = 0; i < rows; i++) {
      const at = this.next;
      for (let j = 0; j < cols; j++) this.columns[j]![at] = data[i * cols + j]!;
      this.predictions[at] = predictions[i] ?? null;
      this.next = (at + 1) % this.size;
      if (this.filled < this.size) this.filled++;
    }
    this.total += rows;
  }

  /** The values of feature `j` currently in the window (order not preserved). */
  column(j: number): Float64Array {
    return this.columns[j]!.subarray(0, this.filled);
  }

  /** The predictions currently in the window. */
  livePredictions(): (number | string | null)[] {
    return this.predictions.slice(0, this.filled);
  }
}
