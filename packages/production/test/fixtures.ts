// Shared test fixtures: real fitted core models, a small async predictor wrapping one, and a
// hand-written predictor with a categorical feature and its training profile.
import {
  type DataProfile,
  type FeatureSchema,
  type Float64Matrix,
  Frame,
  LinearRegression,
  LogisticRegression,
  type MatrixLike,
  makeClassification,
  makeRegression,
  type Predictor,
  validateAgainstSchema,
} from '@mlpy/core';

export const FEATURES = ['a', 'b', 'c', 'd'] as const;

/** A frame with named columns from makeClassification. */
export function classificationData(seed = 0, n = 400) {
  const { X, y } = makeClassification({ nSamples: n, nFeatures: 4, nInformative: 3, seed });
  const cols: Record<string, Float64Array> = {};
  FEATURES.forEach((f, j) => {
    cols[f] = Float64Array.from({ length: n }, (_, i) => X.data[i * 4 + j]!);
  });
  return { frame: new Frame(cols), X, y: Array.from(y, (v) => (v === 1 ? 'yes' : 'no')) };
}

/** A LogisticRegression fitted on named features a..d with labels 'no'/'yes'. */
export async function fittedClassifier(seed = 0, C = 1): Promise<LogisticRegression> {
  const { frame, y } = classificationData(seed);
  return new LogisticRegression({ C }).fit(frame, y);
}

/** A LinearRegression fitted on unnamed features (x0..x2). */
export async function fittedRegressor(seed = 0): Promise<LinearRegression> {
  const { X, y } = makeRegression({ nSamples: 200, nFeatures: 3, noise: 0.1, seed });
  return new LinearRegression().fit(X, y);
}

/** A real async predictor: wraps a fitted model and answers after `delayMs` (next tick at 0). */
export class AsyncPredictor implements Predictor {
  readonly estimatorName: string;
  calls = 0;
  rowsSeen: number[] = [];

  constructor(
    readonly inner: LogisticRegression,
    readonly delayMs = 0,
  ) {
    this.estimatorName = `Async${inner.estimatorName}`;
  }

  get inputSchema() {
    return this.inner.inputSchema;
  }

  get classes() {
    return this.inner.classes;
  }

  get trainingProfile() {
    return this.inner.trainingProfile;
  }

  private later<T>(fn: () => T): Promise<T> {
    return new Promise((resolve, reject) => {
      const run = () => {
        try {
          resolve(fn());
        } catch (err) {
          reject(err);
        }
      };
      if (this.delayMs > 0) setTimeout(run, this.delayMs);
      else setImmediate(run);
    });
  }

  predict(X: MatrixLike) {
    this.calls++;
    this.rowsSeen.push((X as Float64Matrix).rows);
    return this.later(() => this.inner.predict(X));
  }

  predictProba(X: MatrixLike) {
    return this.later(() => this.inner.predictProba(X));
  }
}

/** A tiny rule model with a categorical feature: 'big' when size > 1 or color is red. */
export class ColorSizeModel implements Predictor {
  readonly estimatorName = 'ColorSizeRule';
  readonly classes = ['big', 'small'];
  readonly inputSchema: FeatureSchema = {
    features: [
      { name: 'color', kind: 'categorical', categories: ['blue', 'green', 'red'] },
      { name: 'size', kind: 'numeric' },
    ],
    generatedNames: false,
  };
  readonly trainingProfile: DataProfile = {
    rows: 300,
    features: [
      {
        name: 'color',
        kind: 'categorical',
        count: 300,
        missing: 0,
        categories: ['blue', 'green', 'red'],
        shares: [1 / 3, 1 / 3, 1 / 3],
      },
      {
        name: 'size',
        kind: 'numeric',
        count: 300,
        missing: 0,
        mean: 0,
        std: 1,
        min: -3,
        max: 3,
        binEdges: [-1.28, -0.84, -0.52, -0.25, 0, 0.25, 0.52, 0.84, 1.28],
        binShares: new Array(10).fill(0.1),
        // Standard-normal quantiles as the reference sample.
        sample: Array.from({ length: 99 }, (_, k) => normalQuantile((k + 1) / 100)),
      },
    ],
  };

  predict(X: MatrixLike): string[] {
    const x = validateAgainstSchema(X, this.inputSchema, {
      allowNaN: false,
      context: 'ColorSizeRule.predict',
    });
    return Array.from({ length: x.rows }, (_, i) =>
      x.data[i * 2]! === 2 || x.data[i * 2 + 1]! > 1 ? 'big' : 'small',
    );
  }
}

/** Inverse standard normal CDF (Acklam's rational approximation; ample for fixtures). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.min(p, 1 - p);
  let x: number;
  if (q < 0.02425) {
    const r = Math.sqrt(-2 * Math.log(q));
    x =
      (((((c[0]! * r + c[1]!) * r + c[2]!) * r + c[3]!) * r + c[4]!) * r + c[5]!) /
      ((((d[0]! * r + d[1]!) * r + d[2]!) * r + d[3]!) * r + 1);
    return p < 0.5 ? x : -x;
  }
  const s = p - 0.5;
  const r = s * s;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * s) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

/** POST JSON through app.request. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}
