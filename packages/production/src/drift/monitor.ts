// Drift detection for one served model: live inputs in a sliding window are compared with the
// training-data profile saved with the model — PSI and Kolmogorov–Smirnov for numeric features,
// chi-square for categorical ones — per feature and as the share of drifted features.
import type { DataProfile, FeatureSchema, Float64Matrix } from '@mlpy/core';
import { binShares, chiSquareGoodnessOfFit, ksTwoSample, psi } from '../stats/index.js';
import { SlidingWindow } from './window.js';

/** Thresholds and sizes of a drift monitor. */
export interface DriftOptions {
  /** Live rows kept (default 1000). */
  windowSize?: number;
  /** Rows needed before any test is run (default 100). */
  minSamples?: number;
  /** A numeric feature drifts when PSI exceeds this (default 0.2). */
  psiThreshold?: number;
  /** …or when the KS / chi-square p-value falls below this (default 0.01). */
  pValueThreshold?: number;
  /** The dataset drifts when at least this share of features drift (default 0.5). */
  datasetShareThreshold?: number;
}

export interface FeatureDrift {
  feature: string;
  kind: 'numeric' | 'categorical';
  /** Non-missing live values tested. */
  samples: number;
  missingShare: number;
  referenceMissingShare: number;
  psi?: number;
  ks?: { statistic: number; pValue: number };
  chiSquare?: { statistic: number; degreesOfFreedom: number; pValue: number };
  drifted: boolean;
}

export interface PredictionSummary {
  count: number;
  /** Share of each predicted label (classifiers). */
  shares?: Record<string, number>;
  /** Mean and standard deviation (regressors). */
  mean?: number;
  std?: number;
}

export interface DriftReport {
  model: string;
  version: string;
  status: 'insufficient_data' | 'ok' | 'drift';
  windowSize: number;
  samples: number;
  /** Rows seen since the model was loaded. */
  totalRows: number;
  driftedFeatures: string[];
  driftedShare: number;
  datasetDrift: boolean;
  features: FeatureDrift[];
  predictions: PredictionSummary;
  thresholds: Required<Omit<DriftOptions, 'windowSize' | 'minSamples'>>;
}

/** Sliding-window drift detection against a training profile. */
export class DriftMonitor {
  private readonly window: SlidingWindow;
  private readonly opts: Required<DriftOptions>;
  private cached: { total: number; report: DriftReport } | undefined;

  constructor(
    readonly model: string,
    readonly version: string,
    private readonly schema: FeatureSchema,
    private readonly profile: DataProfile,
    options: DriftOptions = {},
    /** True for classifiers: predictions are labels (summarised as shares), not values. */
    private readonly classifier = false,
  ) {
    this.opts = {
      windowSize: options.windowSize ?? 1000,
      minSamples: options.minSamples ?? 100,
      psiThreshold: options.psiThreshold ?? 0.2,
      pValueThreshold: options.pValueThreshold ?? 0.01,
      datasetShareThreshold: options.datasetShareThreshold ?? 0.5,
    };
    this.window = new SlidingWindow(this.opts.windowSize, schema.features.length);
  }

  /** Records scored rows and their predictions. */
  record(x: Float64Matrix, predictions: ArrayLike<number | string | null>): void {
    this.window.record(x, predictions);
  }

  /** The current report; recomputed only when new rows arrived since the last one. */
  report(): DriftReport {
    if (this.cached && this.cached.total === this.window.total) return this.cached.report;
    const report = this.compute();
    this.cached = { total: this.window.total, report };
    return report;
  }

  private compute(): DriftReport {
    const { minSamples, windowSize: _w, ...thresholds } = this.opts;
    const samples = this.window.count;
    const enough = samples >= minSamples;
    const features: FeatureDrift[] = [];
    if (enough) {
      this.schema.features.forEach((spec, j) => {
        const ref = this.profile.features[j];
        if (!ref || ref.name !== spec.name) return;
        features.push(this.testFeature(j, ref));
      });
    }
    const drifted = features.filter((f) => f.drifted).map((f) => f.feature);
    const share = features.length ? drifted.length / features.length : 0;
    const datasetDrift = enough && share >= thresholds.datasetShareThreshold && drifted.length > 0;
    return {
      model: this.model,
      version: this.version,
      status: !enough ? 'insufficient_data' : datasetDrift ? 'drift' : 'ok',
      windowSize: this.opts.windowSize,
      samples,
      totalRows: this.window.total,
      driftedFeatures: drifted,
      driftedShare: share,
      datasetDrift,
      features,
      predictions: this.summarisePredictions(),
      thresholds,
    };
  }

  private testFeature(j: number, ref: DataProfile['features'][number]): FeatureDrift {
    const all = this.window.column(j);
    let missing = 0;
    for (const v of all) if (Number.isNaN(v)) missing++;
    const base = {
      feature: ref.name,
      samples: all.length - missing,
      missingShare: all.length ? missing / all.length : 0,
      referenceMissingShare: ref.count + ref.missing ? ref.missing / (ref.count + ref.missing) : 0,
    };
    if (ref.kind === 'numeric') {
      const p = psi(ref.binShares, binShares(ref.binEdges, all));
      const ks = ksTwoSample(ref.sample, all);
      const drifted = p > this.opts.psiThreshold || ks.pValue < this.opts.pValueThreshold;
      return { ...base, kind: 'numeric', psi: p, ks, drifted };
    }
    // Categorical: observed codes against reference shares, smoothed with half a pseudo-count so
    // a level absent at fit does not make the statistic infinite.
    const k = ref.categories.length;
    const observed = new Array<number>(k).fill(0);
    for (const v of all) if (!Number.isNaN(v) && v >= 0 && v < k) observed[v]!++;
    const n = Math.max(ref.count, 1);
    const expected = ref.shares.map((s) => (s * n + 0.5) / (n + 0.5 * k));
    const chi = chiSquareGoodnessOfFit(observed, expected);
    const referenceShares = ref.shares;
    const liveShares = observed.map((o) => (base.samples ? o / base.samples : 0));
    const p = psi(referenceShares, liveShares);
    return {
      ...base,
      kind: 'categorical',
      psi: p,
      chiSquare: chi,
      drifted: chi.pValue < this.opts.pValueThreshold,
    };
  }

  private summarisePredictions(): PredictionSummary {
    const preds = this.window.livePredictions();
    const numeric = preds.every((p) => typeof p === 'number' || p === null);
    if (numeric && preds.length && !this.classifier) {
      let n = 0;
      let sum = 0;
      let ss = 0;
      for (const p of preds) {
        if (typeof p !== 'number' || !Number.isFinite(p)) continue;
        n++;
        sum += p;
      }
      const mean = n ? sum / n : Number.NaN;
      for (const p of preds) if (typeof p === 'number' && Number.isFinite(p)) ss += (p - mean) ** 2;
      return { count: preds.length, mean, std: n ? Math.sqrt(ss / n) : Number.NaN };
    }
    const counts: Record<string, number> = {};
    for (const p of preds) counts[String(p)] = (counts[String(p)] ?? 0) + 1;
    const shares: Record<string, number> = {};
    for (const [label, c] of Object.entries(counts)) shares[label] = c / preds.length;
    return { count: preds.length, shares };
  }
}
