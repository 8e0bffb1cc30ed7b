// Synthetic datasets with known structure (after sklearn.datasets.make_*), seeded, for tests,
// examples and benchmarks.

import { checkNumber } from '../base/index.js';
import { Float64Matrix } from '../data/index.js';
import { Rng } from '../utils/random.js';

export interface BlobsOptions {
  nSamples?: number;
  nFeatures?: number;
  centers?: number;
  clusterStd?: number;
  /** Centers are drawn uniformly in [-box, box]. */
  box?: number;
  seed?: number;
}

/** Isotropic Gaussian blobs; y is the blob index. */
export function makeBlobs(options: BlobsOptions = {}): {
  X: Float64Matrix;
  y: Int32Array;
  centers: Float64Matrix;
} {
  const { nSamples = 100, nFeatures = 2, centers = 3, clusterStd = 1, box = 10, seed = 0 } = options;
  checkNumber('makeBlobs', 'nSamples', nSamples, { integer: true, min: 1 });
  checkNumber('makeBlobs', 'centers', centers, { integer: true, min: 1 });
  const rng = new Rng(seed);
  const c = Float64Matrix.zeros(centers, nFeatures);
  for (let k = 0; k < c.data.length; k++) c.data[k] = (rng.next() * 2 - 1) * box;
  const X = Float64Matrix.zeros(nSamples, nFeatures);
  const y = new Int32Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    const k = i % centers;
    y[i] = k;
    for (let j = 0; j < nFeatures; j++) X.data[i * nFeatures + j] = c.get(k, j) + rng.normal() * clusterStd;
  }
  return { X, y, centers: c };
}

export interface ClassificationOptions {
  nSamples?: number;
  nFeatures?: number;
  /** Features that carry signal; the rest are noise. */
  nInformative?: number;
  nClasses?: number;
  /** Distance between class centroids, in units of the noise std. */
  classSep?: number;
  /** Share of labels flipped at random. */
  flipY?: number;
  seed?: number;
}

/**
 * A classification problem: each class is a Gaussian around a random vertex of a hypercube in
 * the informative subspace, mixed by a random linear map; noise features are standard normal.
 */
export function makeClassification(options: ClassificationOptions = {}): { X: Float64Matrix; y: Int32Array } {
  const { nSamples = 100, nFeatures = 20, nClasses = 2, classSep = 1, flipY = 0.01, seed = 0 } = options;
  const nInformative = Math.min(options.nInformative ?? Math.min(nFeatures, 5), nFeatures);
  checkNumber('makeClassification', 'nClasses', nClasses, { integer: true, min: 2 });
  const rng = new Rng(seed);
  const centroids: number[][] = [];
  for (let k = 0; k < nClasses; k++) {
    centroids.push(Array.from({ length: nInformative }, () => (rng.next() < 0.5 ? -classSep : classSep)));
  }
  const mix = Array.from({ length: nInformative * nInformative }, () => rng.next() * 2 - 1);
  const X = Float64Matrix.zeros(nSamples, nFeatures);
  const y = new Int32Array(nSamples);
  const z = new Float64Array(nInformative);
  for (let i = 0; i < nSamples; i++) {
    const k = i % nClasses;
    y[i] = k;
    for (let a = 0; a < nInformative; a++) z[a] = centroids[k]![a]! + rng.normal();
    for (let a = 0; a < nInformative; a++) {
      let s = 0;
      for (let b = 0; b < nInformative; b++) s += mix[a * nInformative + b]! * z[b]!;
      X.data[i * nFeatures + a] = s;
    }
    for (let j = nInformative; j < nFeatures; j++) X.data[i * nFeatures + j] = rng.normal();
    if (rng.next() < flipY) y[i] = rng.int(nClasses);
  }
  return { X, y };
}

export interface RegressionOptions {
  nSamples?: number;
  nFeatures?: number;
  nInformative?: number;
  noise?: number;
  bias?: number;
  seed?: number;
}

/** y = X·w + bias + noise, with w non-zero on the first nInformative features. */
export function makeRegression(options: RegressionOptions = {}): {
  X: Float64Matrix;
  y: Float64Array;
  coef: Float64Array;
} {
  const { nSamples = 100, nFeatures = 10, noise = 0, bias = 0, seed = 0 } = options;
  const nInformative = Math.min(options.nInformative ?? nFeatures, nFeatures);
  const rng = new Rng(seed);
  const coef = new Float64Array(nFeatures);
  for (let j = 0; j < nInformative; j++) coef[j] = 100 * rng.next();
  const X = Float64Matrix.zeros(nSamples, nFeatures);
  const y = new Float64Array(nSamples);
  for (let i = 0; i < nSamples; i++) {
    let s = bias;
    for (let j = 0; j < nFeatures; j++) {
      const v = rng.normal();
      X.data[i * nFeatures + j] = v;
      s += v * coef[j]!;
    }
    y[i] = s + noise * rng.normal();
  }
  return { X, y, coef };
}
