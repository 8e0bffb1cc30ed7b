// k-means clustering (after sklearn.cluster.KMeans with algorithm='lloyd').
import {
  BaseClusterer,
  checkNumber,
  checkOneOf,
  type FitContext,
  type FitOptions,
  makeTags,
  type State,
} from '../base/index.js';
import { Float64Matrix, type MatrixLike } from '../data/index.js';
import { FormatError, InvalidParameterError } from '../errors/index.js';
import { Rng } from '../utils/random.js';
import { kmeansPlusPlus, randomCenters } from './kmeans-init.js';
import { type LloydResult, lloyd, nearestCenters, squaredDistance } from './kmeans-math.js';

export interface KMeansParams {
  /** Number of clusters (default 8). */
  nClusters: number;
  /** 'k-means++' (default; scikit-learn's greedy variant) or 'random' rows. */
  init: 'k-means++' | 'random';
  /** Independent runs, the best (lowest inertia) kept; 'auto' (default) = 1 for k-means++, 10 for random. */
  nInit: number | 'auto';
  /** Maximum Lloyd iterations per run (default 300). */
  maxIter: number;
  /** Convergence tolerance on the squared center shift, relative to the mean feature variance (default 1e-4). */
  tol: number;
  /** Seed of the initialisation (default 0). */
  seed: number;
}

/**
 * Partitions rows into `nClusters` groups minimising the within-cluster sum of squares, with
 * Lloyd iterations from k-means++ (or random) starts. Supports sample weights.
 */
export class KMeans extends BaseClusterer<KMeansParams> {
  static override readonly estimatorName = 'KMeans';
  static override readonly tags = makeTags('clustering', { supportsSampleWeight: true });
  static readonly defaults: KMeansParams = {
    nClusters: 8,
    init: 'k-means++',
    nInit: 'auto',
    maxIter: 300,
    tol: 1e-4,
    seed: 0,
  };
  /** Cluster centers, `nClusters × features`. */
  clusterCenters: Float64Matrix | undefined;
  /** Weighted sum of squared distances of training rows to their center. */
  inertia: number | undefined;
  /** Lloyd iterations of the best run. */
  nIter: number | undefined;

  constructor(params: Partial<KMeansParams> = {}) {
    super(KMeans.defaults, params);
  }

  protected override validateParams(): void {
    const name = this.estimatorName;
    checkNumber(name, 'nClusters', this.params.nClusters, { integer: true, min: 1 });
    checkOneOf(name, 'init', this.params.init, ['k-means++', 'random'] as const);
    if (this.params.nInit !== 'auto')
      checkNumber(name, 'nInit', this.params.nInit, { integer: true, min: 1 });
    checkNumber(name, 'maxIter', this.params.maxIter, { integer: true, min: 1 });
    checkNumber(name, 'tol', this.params.tol, { min: 0 });
    checkNumber(name, 'seed', this.params.seed, { integer: true });
  }

  protected fitClusters(x: Float64Matrix, ctx: FitContext): Int32Array {
    const { nClusters: k, init, maxIter, tol, seed } = this.params;
    const { rows: n, cols: d } = x;
    if (k > n) {
      throw new InvalidParameterError(
        `${this.estimatorName}: nClusters (${k}) must not exceed the number of rows (${n})`,
        {
          details: { parameter: 'nClusters' },
        },
      );
    }
    const nInit = this.params.nInit === 'auto' ? (init === 'random' ? 10 : 1) : this.params.nInit;
    // Centered copy, as scikit-learn does, for precision of the ‖c‖² − 2x·c trick.
    const mean = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += x.data[i * d + j]!;
    for (let j = 0; j < d; j++) mean[j]! /= n;
    const xc = new Float64Array(n * d);
    let variance = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) {
        const v = x.data[i * d + j]! - mean[j]!;
        xc[i * d + j] = v;
        variance += v * v;
      }
    }
    const tolAbs = (variance / (n * d)) * tol;
    const weight = ctx.sampleWeight ?? new Float64Array(n).fill(1);
    const rng = new Rng(seed);
    let best: LloydResult | undefined;
    for (let run = 0; run < nInit; run++) {
      const start =
        init === 'random' ? randomCenters(xc, n, d, k, rng) : kmeansPlusPlus(xc, n, d, k, weight, rng);
      const result = lloyd(xc, n, d, weight, start, maxIter, tolAbs, (it) =>
        ctx.step('iteration', run * maxIter + it, nInit * maxIter),
      );
      if (!best || result.inertia < best.inertia) best = result;
    }
    const centers = best!.centers;
    for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) centers[c * d + j]! += mean[j]!;
    this.clusterCenters = new Float64Matrix(centers, k, d);
    this.inertia = best!.inertia;
    this.nIter = best!.nIter;
    return best!.labels;
  }

  /** Index of the nearest cluster center for each row. */
  predict(X: MatrixLike): Int32Array {
    const x = this.checkInput(X);
    const labels = new Int32Array(x.rows);
    nearestCenters(x.data, x.rows, x.cols, this.clusterCenters!.data, labels);
    return labels;
  }

  /** Euclidean distance of each row to every cluster center (`rows × nClusters`). */
  transform(X: MatrixLike): Float64Matrix {
    const x = this.checkInput(X, 'transform');
    const c = this.clusterCenters!;
    const out = Float64Matrix.zeros(x.rows, c.rows);
    for (let i = 0; i < x.rows; i++) {
      for (let k = 0; k < c.rows; k++)
        out.data[i * c.rows + k] = Math.sqrt(squaredDistance(x.data, i * x.cols, c.data, k * c.cols, c.cols));
    }
    return out;
  }

  /** Fits, then returns the distances of the training rows to the centers. */
  async fitTransform(X: MatrixLike, options: FitOptions = {}): Promise<Float64Matrix> {
    await this.fit(X, undefined, options);
    return this.transform(X);
  }

  /** Opposite of the inertia of X against the fitted centers (higher is better), as in scikit-learn. */
  score(X: MatrixLike): number {
    const x = this.checkInput(X, 'score');
    return -nearestCenters(x.data, x.rows, x.cols, this.clusterCenters!.data, new Int32Array(x.rows));
  }

  protected getState(): State {
    const c = this.clusterCenters!;
    return {
      clusterCenters: c.data,
      nFeatures: c.cols,
      inertia: this.inertia!,
      nIter: this.nIter!,
      labels: this.labels!,
    };
  }

  protected setState(state: State): void {
    const name = this.estimatorName;
    const { clusterCenters: centers, nFeatures: d, inertia, nIter, labels } = state;
    if (!(centers instanceof Float64Array) || typeof d !== 'number' || !Number.isInteger(d) || d < 1) {
      throw new FormatError(`${name}: saved state lacks valid cluster centers (clusterCenters, nFeatures)`);
    }
    const k = centers.length / d;
    if (!Number.isInteger(k) || k < 1 || !centers.every(Number.isFinite)) {
      throw new FormatError(
        `${name}: saved cluster centers must be ${d} finite values per cluster, got ${centers.length} values`,
      );
    }
    if (
      typeof inertia !== 'number' ||
      !(inertia >= 0) ||
      typeof nIter !== 'number' ||
      !Number.isInteger(nIter) ||
      nIter < 1
    ) {
      throw new FormatError(`${name}: saved inertia and nIter must be a number >= 0 and an integer >= 1`);
    }
    if (!(labels instanceof Int32Array) || labels.some((l) => l < 0 || l >= k)) {
      throw new FormatError(`${name}: saved training labels must be cluster indices in [0, ${k})`);
    }
    this.clusterCenters = new Float64Matrix(centers, k, d);
    this.inertia = inertia;
    this.nIter = nIter;
    this.labels = labels;
  }
}
