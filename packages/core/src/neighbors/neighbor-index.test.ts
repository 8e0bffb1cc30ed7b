// The KD-tree and brute force return exactly the neighbours of a naive full sort, ties included.
import { describe, expect, it } from 'vitest';
import { Float64Matrix } from '../data/index.js';
import { InvalidParameterError, ShapeError } from '../errors/index.js';
import { Rng } from '../utils/random.js';
import { BruteForceIndex } from './brute.js';
import { buildNeighborIndex, resolveAlgorithm } from './build-index.js';
import { KDTree } from './kd-tree.js';
import {
  type DistanceMetric,
  distanceToReduced,
  reducedDistance,
  reducedToDistance,
  resolveMetric,
} from './metric.js';
import type { NeighborIndex } from './neighbor-index.js';

/** Random data; with `grid`, integer coordinates in [0, grid) so distance ties abound. */
function randomMatrix(rows: number, cols: number, seed: number, grid?: number): Float64Matrix {
  const rng = new Rng(seed);
  const x = Float64Matrix.zeros(rows, cols);
  for (let i = 0; i < x.data.length; i++) x.data[i] = grid ? rng.int(grid) : rng.normal() * 3;
  return x;
}

/** Every training row sorted by (reduced distance, index), by a full scan and sort. */
function naive(train: Float64Matrix, q: Float64Matrix, i: number, p: number): { r: number; i: number }[] {
  const all: { r: number; i: number }[] = [];
  for (let t = 0; t < train.rows; t++)
    all.push({ r: reducedDistance(q.data, i * q.cols, train.data, t * train.cols, q.cols, p), i: t });
  return all.sort((a, b) => a.r - b.r || a.i - b.i);
}

const metrics: [string, DistanceMetric][] = [
  ['euclidean', { p: 2 }],
  ['manhattan', { p: 1 }],
  ['minkowski p=3', { p: 3 }],
];

describe.each(metrics)('neighbour indices, %s', (_name, metric) => {
  const cases: [string, number, number, number | undefined][] = [
    ['continuous 3-d', 700, 3, undefined],
    ['integer grid 4-d (ties)', 600, 4, 4],
    ['continuous 20-d', 300, 20, undefined],
  ];
  for (const [label, rows, cols, grid] of cases) {
    const train = randomMatrix(rows, cols, 7, grid);
    const query = randomMatrix(40, cols, 8, grid);
    const refs = Array.from({ length: query.rows }, (_, i) => naive(train, query, i, metric.p));
    const indices: NeighborIndex[] = [
      new KDTree(train, metric, 5),
      new KDTree(train, metric, 30),
      new BruteForceIndex(train, metric),
    ];
    it(`kneighbors equals a naive sort (${label})`, () => {
      for (const index of indices) {
        for (const k of [1, 7, 40]) {
          const res = index.kneighbors(query, k);
          expect(res.rows).toBe(query.rows);
          for (let i = 0; i < query.rows; i++) {
            const ref = refs[i]!.slice(0, k);
            expect(Array.from(res.indices.subarray(i * k, (i + 1) * k))).toEqual(ref.map((r) => r.i));
            for (const [j, r] of ref.entries())
              expect(res.distances[i * k + j]).toBe(reducedToDistance(r.r, metric.p));
          }
        }
      }
    });
    it(`radiusNeighbors and counts equal a naive scan (${label})`, () => {
      const rr = refs[0]![25]!.r;
      const radius = reducedToDistance(rr, metric.p);
      for (const index of indices) {
        const res = index.radiusNeighbors(query, radius);
        const reduced = distanceToReduced(radius, metric.p);
        for (let i = 0; i < query.rows; i++) {
          const ref = refs[i]!.filter((r) => r.r <= reduced);
          const got = Array.from(res.indices.subarray(res.offsets[i]!, res.offsets[i + 1]!));
          expect(got).toEqual(ref.map((r) => r.i));
          expect(index.countRadius(query.data, i * cols, reduced)).toBe(got.length);
        }
      }
    });
  }
});

describe('neighbour index edge cases', () => {
  it('finds every row of a tiny set and handles a single-row set', () => {
    const one = Float64Matrix.fromRows([[1, 2]]);
    for (const index of [new KDTree(one, { p: 2 }), new BruteForceIndex(one, { p: 2 })]) {
      const res = index.kneighbors(Float64Matrix.fromRows([[4, 6]]), 1);
      expect(Array.from(res.indices)).toEqual([0]);
      expect(res.distances[0]).toBe(5);
    }
  });

  it('splits heavily duplicated columns in linear time and keeps ties by index', () => {
    const x = Float64Matrix.zeros(20000, 2);
    for (let i = 0; i < x.rows; i++) x.data[i * 2] = i % 2;
    const tree = new KDTree(x, { p: 2 }, 10);
    const res = tree.kneighbors(Float64Matrix.fromRows([[0, 0]]), 3);
    expect(Array.from(res.indices)).toEqual([0, 2, 4]);
    expect(tree.countRadius(new Float64Array([0, 0]), 0, 0)).toBe(10000);
  });

  it('rejects bad k, radius, query width and leaf size with typed errors', () => {
    const x = randomMatrix(10, 2, 1);
    const tree = new KDTree(x, { p: 2 });
    expect(() => tree.kneighbors(x, 0)).toThrow(InvalidParameterError);
    expect(() => tree.kneighbors(x, 11)).toThrow(/\[1, 10\]/);
    expect(() => tree.kneighbors(x, 1.5)).toThrow(InvalidParameterError);
    expect(() => tree.kneighbors(randomMatrix(2, 3, 1), 1)).toThrow(ShapeError);
    expect(() => tree.radiusNeighbors(x, -1)).toThrow(InvalidParameterError);
    expect(() => tree.radiusNeighbors(x, Number.NaN)).toThrow(InvalidParameterError);
    expect(() => tree.radiusNeighbors(randomMatrix(2, 3, 1), 1)).toThrow(ShapeError);
    expect(() => new KDTree(x, { p: 2 }, 0)).toThrow(InvalidParameterError);
  });

  it("chooses like scikit-learn's algorithm='auto'", () => {
    expect(resolveAlgorithm('auto', 1000, 15, 5)).toBe('kdTree');
    expect(resolveAlgorithm('auto', 1000, 16, 5)).toBe('brute');
    expect(resolveAlgorithm('auto', 10, 2, 5)).toBe('brute');
    expect(resolveAlgorithm('auto', 11, 2, 5)).toBe('brute');
    expect(resolveAlgorithm('auto', 12, 2, 5)).toBe('kdTree');
    expect(resolveAlgorithm('brute', 1000, 2)).toBe('brute');
    expect(resolveAlgorithm('kdTree', 1000, 64)).toBe('kdTree');
    expect(
      buildNeighborIndex(randomMatrix(100, 3, 1), { algorithm: 'auto', metric: { p: 2 }, leafSize: 30 })
        .algorithm,
    ).toBe('kdTree');
    expect(
      buildNeighborIndex(randomMatrix(100, 30, 1), { algorithm: 'auto', metric: { p: 2 }, leafSize: 30 })
        .algorithm,
    ).toBe('brute');
  });

  it('resolves metric names and checks p', () => {
    expect(resolveMetric('T', 'euclidean', 7)).toEqual({ p: 2 });
    expect(resolveMetric('T', 'manhattan', 7)).toEqual({ p: 1 });
    expect(resolveMetric('T', 'minkowski', 3)).toEqual({ p: 3 });
    expect(() => resolveMetric('T', 'cosine', 2)).toThrow(InvalidParameterError);
    expect(() => resolveMetric('T', 'minkowski', 0.5)).toThrow(/p must be a number >= 1/);
    expect(reducedToDistance(distanceToReduced(2.5, 3), 3)).toBeCloseTo(2.5, 12);
  });
});
