import { describe, expect, it } from 'vitest';
import type { GrowNode } from './grower.js';
import { addSpans, leafSpans } from './leaf-values.js';

const node = (start: number, end: number, value: number, left = -1): GrowNode => ({
  start,
  end,
  depth: 0,
  sumG: 0,
  sumH: 0,
  count: end - start,
  value,
  lower: Number.NEGATIVE_INFINITY,
  upper: Number.POSITIVE_INFINITY,
  hist: null,
  split: null,
  left,
  right: left < 0 ? -1 : left + 1,
});

describe('leaf values', () => {
  // A root over positions 0..6 split into [0, 2) and [2, 6), the second split again: the leaves
  // come in node order, not position order.
  const nodes = [node(0, 6, 0, 1), node(0, 2, 0.5), node(2, 6, 0, 3), node(2, 5, -1), node(5, 6, 2)];
  const rows = Int32Array.of(4, 0, 5, 1, 3, 2);

  it('lists the leaves as (start, end, value), in node order, reusing a buffer with room', () => {
    expect(Array.from(leafSpans(nodes))).toEqual([0, 2, 0.5, 2, 5, -1, 5, 6, 2]);
    const buffer = new Float64Array(12);
    const spans = leafSpans(nodes, buffer);
    expect(spans.buffer).toBe(buffer.buffer);
    expect(leafSpans(nodes, new Float64Array(6)).length).toBe(9);
  });

  it('adds each leaf value once to the raw score of every row it owns, whichever leaves a call takes', () => {
    const spans = leafSpans(nodes);
    const all = new Float64Array(6).fill(10);
    addSpans(rows, all, spans, 0, 3, 1, 0);
    // Rows 4, 0 in the first leaf; 5, 1, 3 in the second; 2 in the third.
    expect(Array.from(all)).toEqual([10.5, 9, 12, 9, 10.5, 9]);
    const parts = new Float64Array(6).fill(10);
    addSpans(rows, parts, spans, 1, 3, 1, 0);
    addSpans(rows, parts, spans, 0, 1, 1, 0);
    expect(parts).toEqual(all);
    // Output 1 of two per row.
    const two = new Float64Array(12);
    addSpans(rows, two, spans, 0, 3, 2, 1);
    expect(Array.from(two.filter((_, i) => i % 2 === 0))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(two.filter((_, i) => i % 2 === 1))).toEqual([0.5, -1, 2, -1, 0.5, -1]);
  });
});
