// The radix argsort against a stable comparison sort, with ±0, infinities, subnormals, many
// ties, and columns shorter than the sorter's capacity.
import { describe, expect, it } from 'vitest';
import { RadixSorter } from './radix-sort.js';
import { Rng } from './random.js';

const special = [
  0,
  -0,
  Infinity,
  -Infinity,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  Number.MAX_VALUE,
  -1e-310,
  3,
];

function column(rng: Rng, n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) =>
    i % 3 === 0
      ? special[rng.int(special.length)]!
      : i % 3 === 1
        ? Math.round(rng.normal() * 8) / 4
        : rng.normal() * 1e9,
  );
}

describe('RadixSorter', () => {
  const rng = new Rng(3);
  const sorter = new RadixSorter(5000);

  it('argsorts stably: equal values keep their index order', () => {
    const v = column(rng, 3000);
    const out = new Int32Array(3000);
    sorter.argsort(v, out);
    const expected = Array.from(v.keys()).sort((a, b) => (v[a]! || 0) - (v[b]! || 0) || a - b);
    expect(Array.from(out)).toEqual(expected);
  });

  it('argsorts columns of any length up to its capacity', () => {
    for (const n of [0, 1, 2, 17, 5000]) {
      const v = column(rng, n);
      const out = new Int32Array(n);
      sorter.argsort(v, out);
      const expected = Array.from(v.keys()).sort((a, b) => (v[a]! || 0) - (v[b]! || 0) || a - b);
      expect(Array.from(out)).toEqual(expected);
    }
    expect(() => new RadixSorter(2).argsort(new Float64Array(3), new Int32Array(3))).toThrow(RangeError);
  });
});
