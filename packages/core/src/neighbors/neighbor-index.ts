// The neighbour-index contract shared by the KD-tree and brute force: exact k-nearest and radius
// queries over a fixed training matrix, with results in flat typed arrays.
import type { Float64Matrix } from '../data/index.js';
import { InvalidParameterError, ShapeError } from '../errors/index.js';
import { NeighborHeaps } from './heap.js';
import { type DistanceMetric, distanceToReduced, reducedToDistance } from './metric.js';

/** k nearest neighbours of each query row, row-major (`rows` × `k`), nearest first. */
export interface KNeighborsResult {
  rows: number;
  k: number;
  /** True distances. */
  distances: Float64Array;
  /** Training-row indices. */
  indices: Int32Array;
}

/** Neighbours within a radius, in compressed-row form: row i is `[offsets[i], offsets[i + 1])`. */
export interface RadiusNeighborsResult {
  offsets: Int32Array;
  /** Training-row indices, nearest first within each row (ties by index). */
  indices: Int32Array;
  /** True distances, aligned with `indices`. */
  distances: Float64Array;
}

/** A growable (index, reduced distance) list, reused across queries to avoid allocation. */
export class NeighborBuffer {
  indices = new Int32Array(64);
  distances = new Float64Array(64);
  length = 0;

  push(i: number, d: number): void {
    if (this.length === this.indices.length) {
      const idx = new Int32Array(this.length * 2);
      idx.set(this.indices);
      const dist = new Float64Array(this.length * 2);
      dist.set(this.distances);
      this.indices = idx;
      this.distances = dist;
    }
    this.indices[this.length] = i;
    this.distances[this.length++] = d;
  }
}

/** An exact neighbour index over the rows of a training matrix. */
export abstract class NeighborIndex {
  abstract readonly algorithm: 'kdTree' | 'brute';
  readonly data: Float64Array;
  readonly rows: number;
  readonly cols: number;

  constructor(
    x: Float64Matrix,
    readonly metric: DistanceMetric,
  ) {
    this.data = x.data;
    this.rows = x.rows;
    this.cols = x.cols;
  }

  /** Offers every candidate that may be among the k nearest of point `q` (offset `qo`) to heap `h`. */
  protected abstract searchK(q: Float64Array, qo: number, heaps: NeighborHeaps, h: number): void;

  /** Appends to `out` every training row within reduced distance `rr` of `q` (in no set order). */
  abstract queryRadius(q: Float64Array, qo: number, rr: number, out: NeighborBuffer): void;

  /** Number of training rows within reduced distance `rr` of `q`. */
  abstract countRadius(q: Float64Array, qo: number, rr: number): number;

  protected checkQuery(x: Float64Matrix, what: string): void {
    if (x.cols !== this.cols) {
      throw new ShapeError(`${what}: the index has ${this.cols} features but the query has ${x.cols}`);
    }
  }

  /** The `k` nearest training rows of every row of `x`, nearest first, ties by smaller index. */
  kneighbors(x: Float64Matrix, k: number): KNeighborsResult {
    this.checkQuery(x, 'kneighbors');
    if (!Number.isInteger(k) || k < 1 || k > this.rows) {
      throw new InvalidParameterError(
        `kneighbors: k must be an integer in [1, ${this.rows}] (the number of indexed rows), got ${k}`,
      );
    }
    const distances = new Float64Array(x.rows * k);
    const indices = new Int32Array(x.rows * k);
    this.fillKNeighbors(x, k, distances, indices);
    return { rows: x.rows, k, distances, indices };
  }

  /** Writes the k nearest neighbours of each query row; brute force overrides it with a blocked scan. */
  protected fillKNeighbors(x: Float64Matrix, k: number, distances: Float64Array, indices: Int32Array): void {
    const heaps = new NeighborHeaps(1, k);
    const p = this.metric.p;
    const convert = (r: number) => reducedToDistance(r, p);
    for (let i = 0; i < x.rows; i++) {
      this.searchK(x.data, i * x.cols, heaps, 0);
      heaps.drainSorted(0, distances, indices, i * k, convert);
    }
  }

  /** Every training row within `radius` (inclusive) of each row of `x`, nearest first. */
  radiusNeighbors(x: Float64Matrix, radius: number): RadiusNeighborsResult {
    this.checkQuery(x, 'radiusNeighbors');
    if (typeof radius !== 'number' || !(radius >= 0) || !Number.isFinite(radius)) {
      throw new InvalidParameterError(`radiusNeighbors: radius must be a finite number >= 0, got ${radius}`);
    }
    const p = this.metric.p;
    const rr = distanceToReduced(radius, p);
    const offsets = new Int32Array(x.rows + 1);
    const all = new NeighborBuffer();
    const row = new NeighborBuffer();
    for (let i = 0; i < x.rows; i++) {
      row.length = 0;
      this.queryRadius(x.data, i * x.cols, rr, row);
      const order = Array.from({ length: row.length }, (_, t) => t);
      const { indices: ri, distances: rd } = row;
      order.sort((a, b) => rd[a]! - rd[b]! || ri[a]! - ri[b]!);
      for (const t of order) all.push(ri[t]!, reducedToDistance(rd[t]!, p));
      offsets[i + 1] = all.length;
    }
    return {
      offsets,
      indices: all.indices.slice(0, all.length),
      distances: all.distances.slice(0, all.length),
    };
  }
}
