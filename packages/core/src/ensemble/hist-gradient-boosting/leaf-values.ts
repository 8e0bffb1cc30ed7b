// A tree's leaf values added to the raw scores of the rows each leaf owns (after growth, each
// leaf owns a contiguous range of the grower's row order). A plain kernel, so worker threads run
// it on their share of the leaves.
import type { GrowNode } from './grower.js';

/** The leaves of `nodes` as (start, end, value) triples, in node order, written to `out` when it has room. */
export function leafSpans(nodes: GrowNode[], out?: Float64Array): Float64Array {
  let leaves = 0;
  for (const n of nodes) if (n.left < 0) leaves++;
  const spans = out && out.length >= 3 * leaves ? out.subarray(0, 3 * leaves) : new Float64Array(3 * leaves);
  let k = 0;
  for (const n of nodes) {
    if (n.left >= 0) continue;
    spans[k] = n.start;
    spans[k + 1] = n.end;
    spans[k + 2] = n.value;
    k += 3;
  }
  return spans;
}

/**
 * Adds leaves `from..to` of `spans` (leafSpans's triples) to the raw scores of their rows. Each
 * row gets one addition, so any split of the leaves between threads gives the same scores.
 */
export function addSpans(
  rows: Int32Array,
  raw: Float64Array,
  spans: Float64Array,
  from: number,
  to: number,
  stride: number,
  offset: number,
): void {
  for (let l = from; l < to; l++) {
    const end = spans[3 * l + 1]!;
    const v = spans[3 * l + 2]!;
    for (let k = spans[3 * l]!; k < end; k++) {
      const i = rows[k]! * stride + offset;
      raw[i] = raw[i]! + v;
    }
  }
}
