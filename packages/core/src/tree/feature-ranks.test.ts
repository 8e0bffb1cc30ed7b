// rankFeatures against a definition by comparison sort: ranks into each feature's distinct values,
// and rows in value order with ties by row index; negative numbers, ±0, infinities, subnormals.
import { describe, expect, it } from 'vitest';
import { Float64Matrix } from '../data/index.js';
import { Rng } from '../utils/random.js';
import { rankFeatures } from './feature-ranks.js';

function expected(col: number[]) {
  const uniq = [...new Set(col.map((v) => (v === 0 ? 0 : v)))].sort((a, b) => a - b);
  const ranks = col.map((v) => uniq.indexOf(v === 0 ? 0 : v));
  const order = col.map((_, i) => i).sort((a, b) => ranks[a]! - ranks[b]! || a - b);
  return { uniq, ranks, order };
}

describe('rankFeatures', () => {
  it('ranks each column into its sorted distinct values, rows ordered by value then index', () => {
    const rng = new Rng(5);
    const special = [
      0,
      -0,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MIN_VALUE,
      -Number.MIN_VALUE,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      1e-310,
      -2.5,
    ];
    const n = 3000;
    const d = 3;
    const rows = Array.from({ length: n }, () => [
      special[rng.int(special.length)]!,
      Math.round(rng.normal() * 20) / 4, // many ties
      rng.normal() * 1e6,
    ]);
    const r = rankFeatures(Float64Matrix.fromRows(rows));
    expect(r.n).toBe(n);
    expect(r.d).toBe(d);
    for (let j = 0; j < d; j++) {
      const e = expected(rows.map((row) => row[j]!));
      expect(Array.from(r.uniq.subarray(r.uniqOffset[j]!, r.uniqOffset[j + 1]!))).toEqual(e.uniq);
      expect(Array.from(r.ranks.subarray(j * n, (j + 1) * n))).toEqual(e.ranks);
      expect(Array.from(r.order.subarray(j * n, (j + 1) * n))).toEqual(e.order);
    }
  });

  it('handles one row and a constant column', () => {
    const r = rankFeatures(Float64Matrix.fromRows([[4, -1]]));
    expect(Array.from(r.ranks)).toEqual([0, 0]);
    const c = rankFeatures(Float64Matrix.fromRows([[7], [7], [7]]));
    expect(Array.from(c.ranks)).toEqual([0, 0, 0]);
    expect(Array.from(c.order)).toEqual([0, 1, 2]);
    expect(Array.from(c.uniq)).toEqual([7]);
  });
});
