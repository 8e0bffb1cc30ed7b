// An in-place ascending sort of a Float64Array range, much faster than TypedArray#sort in V8
// for the builder's packed (rank, row) keys: insertion sort for short runs, quicksort above.

function insertion(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

/** Sorts a[lo:hi] ascending (finite numbers; equal values allowed). */
export function sortKeys(a: Float64Array, lo: number, hi: number): void {
  while (hi - lo > 24) {
    const mid = (lo + hi) >>> 1;
    // median of three as pivot
    let x = a[lo]!;
    let y = a[mid]!;
    let z = a[hi - 1]!;
    if (x > y) [x, y] = [y, x];
    if (y > z) [y, z] = [z, y];
    if (x > y) [x, y] = [y, x];
    const pivot = y;
    let i = lo;
    let j = hi - 1;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    // recurse into the smaller side, loop on the larger
    if (j - lo < hi - 1 - i) {
      sortKeys(a, lo, j + 1);
      lo = i;
    } else {
      sortKeys(a, i, hi);
      hi = j + 1;
    }
  }
  insertion(a, lo, hi);
}
