// Density-based clustering (after sklearn.cluster.DBSCAN), on the neighbour index's radius
// queries one row at a time: memory O(n) plus one neighbourhood, never an n × n matrix.
import {
  BaseClusterer,
  checkNumber,
  checkOneOf,
  type FitContext,
  makeTags,
  type State,
} from '../base/index.js';
import type { Float64Matrix } from '../data/index.js';
import { FormatError } from '../errors/index.js';
import {
  buildNeighborIndex,
  distanceToReduced,
  type MetricName,
  NEIGHBOR_ALGORITHMS,
  type NeighborAlgorithm,
  NeighborBuffer,
  resolveMetric,
} from '../neighbors/index.js';

export interface DBSCANParams {
  /** Neighbourhood radius, inclusive (default 0.5). */
  eps: number;
  /** Weight (row count by default) a neighbourhood, the row included, needs to make a core row (default 5). */
  minSamples: number;
  /** 'euclidean' (default), 'manhattan', or 'minkowski' with `p`. */
  metric: MetricName;
  /** Minkowski power for metric 'minkowski' (default 2). */
  p: number;
  /** Neighbour index: 'auto' (default), 'kdTree' or 'brute'. */
  algorithm: NeighborAlgorithm;
  /** KD-tree leaf size (default 30). */
  leafSize: number;
}

/**
 * Clusters are maximal sets of core rows (at least `minSamples` within `eps`) connected through
 * each other's neighbourhoods, plus the non-core rows they reach; other rows are noise (-1).
 * Clusters are numbered in order of their lowest-index core row, and a border row reachable
 * from two clusters joins the first one, so labels equal scikit-learn's exactly.
 */
export class DBSCAN extends BaseClusterer<DBSCANParams> {
  static override readonly estimatorName = 'DBSCAN';
  static override readonly tags = makeTags('clustering', { supportsSampleWeight: true });
  static readonly defaults: DBSCANParams = {
    eps: 0.5,
    minSamples: 5,
    metric: 'euclidean',
    p: 2,
    algorithm: 'auto',
    leafSize: 30,
  };
  /** Indices of the core rows, ascending. */
  coreSampleIndices: Int32Array | undefined;

  constructor(params: Partial<DBSCANParams> = {}) {
    super(DBSCAN.defaults, params);
  }

  protected override validateParams(): void {
    const name = this.estimatorName;
    checkNumber(name, 'eps', this.params.eps, { min: 0, exclusiveMin: true });
    checkNumber(name, 'minSamples', this.params.minSamples, { integer: true, min: 1 });
    checkOneOf(name, 'algorithm', this.params.algorithm, NEIGHBOR_ALGORITHMS);
    checkNumber(name, 'leafSize', this.params.leafSize, { integer: true, min: 1 });
    resolveMetric(name, this.params.metric, this.params.p);
  }

  protected fitClusters(x: Float64Matrix, ctx: FitContext): Int32Array {
    const { eps, minSamples, algorithm, leafSize } = this.params;
    const metric = resolveMetric(this.estimatorName, this.params.metric, this.params.p);
    // scikit-learn's NearestNeighbors keeps its default n_neighbors=5, which enters the 'auto' rule.
    const index = buildNeighborIndex(x, { algorithm, metric, leafSize, nNeighbors: 5 });
    const rr = distanceToReduced(eps, metric.p);
    const n = x.rows;
    const d = x.cols;
    const w = ctx.sampleWeight;
    const buf = new NeighborBuffer();
    const core = new Uint8Array(n);
    let nCore = 0;
    for (let i = 0; i < n; i++) {
      if ((i & 1023) === 0) ctx.step('neighborhoods', i, n);
      let mass: number;
      if (w) {
        buf.length = 0;
        index.queryRadius(x.data, i * d, rr, buf);
        mass = 0;
        for (let t = 0; t < buf.length; t++) mass += w[buf.indices[t]!]!;
      } else mass = index.countRadius(x.data, i * d, rr);
      if (mass >= minSamples) {
        core[i] = 1;
        nCore++;
      }
    }
    const labels = new Int32Array(n).fill(-1);
    // Only core rows go on the stack, each once: they are labelled when first reached.
    const stack = new Int32Array(nCore);
    let label = 0;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== -1 || !core[i]) continue;
      ctx.step('clusters', i, n);
      labels[i] = label;
      let top = 0;
      stack[top++] = i;
      while (top > 0) {
        const cur = stack[--top]!;
        buf.length = 0;
        index.queryRadius(x.data, cur * d, rr, buf);
        for (let t = 0; t < buf.length; t++) {
          const v = buf.indices[t]!;
          if (labels[v] !== -1) continue;
          labels[v] = label;
          if (core[v]) stack[top++] = v;
        }
      }
      label++;
    }
    const coreIdx = new Int32Array(nCore);
    for (let i = 0, t = 0; i < n; i++) if (core[i]) coreIdx[t++] = i;
    this.coreSampleIndices = coreIdx;
    return labels;
  }

  protected getState(): State {
    return { labels: this.labels!, coreSampleIndices: this.coreSampleIndices! };
  }

  protected setState(state: State): void {
    const name = this.estimatorName;
    const { labels, coreSampleIndices: core } = state;
    if (!(labels instanceof Int32Array) || labels.some((l) => l < -1)) {
      throw new FormatError(`${name}: saved labels must be cluster indices >= 0 or -1 for noise`);
    }
    if (!(core instanceof Int32Array)) throw new FormatError(`${name}: saved state lacks coreSampleIndices`);
    for (let t = 0; t < core.length; t++) {
      const i = core[t]!;
      if (i < 0 || i >= labels.length || (t > 0 && i <= core[t - 1]!) || labels[i] === -1) {
        throw new FormatError(
          `${name}: saved core index ${i} is out of order, out of range or labelled noise`,
        );
      }
    }
    this.labels = labels;
    this.coreSampleIndices = core;
  }
}
