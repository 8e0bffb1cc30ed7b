// One loaded model version as serving sees it: its schema parser, micro-batchers for predict and
// predict_proba, its drift monitor, and the conversion of predictions to JSON values.
import {
  DataError,
  type FeatureSchema,
  type Float64Matrix,
  InvalidParameterError,
  type Label,
  type Predictor,
} from '@mlpy/core';
import { type BatcherOptions, MicroBatcher } from '../batching/index.js';
import { DriftMonitor, type DriftOptions } from '../drift/index.js';
import { type RowParser, rowParser } from '../validation/index.js';
import type { LoadedPredictor } from './source.js';

/** A prediction as it appears in a response (NaN becomes null). */
export type OutputValue = number | string | null;

export interface HandleOptions {
  batching?: BatcherOptions;
  /** Drift monitor settings; false turns drift detection off. */
  drift?: DriftOptions | false;
  /** Called for every predict call the batcher makes. */
  onBatch?: (model: string, requests: number, rows: number) => void;
}

/** Public description of a served model version. */
export interface ModelInfo {
  name: string;
  version: string;
  estimator: string;
  features: FeatureSchema['features'];
  classes?: Label[];
  predictProba: boolean;
  drift: boolean;
  loadedAt: string;
}

function toOutput(p: ArrayLike<number | string>): OutputValue[] {
  const out = new Array<OutputValue>(p.length);
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    out[i] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
  }
  return out;
}

function toRows(m: Float64Matrix): number[][] {
  const out: number[][] = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  return out;
}

/** The most probable class of each probability row (the class index when labels are unknown). */
export function argmaxLabels(
  rows: readonly number[][],
  classes: readonly Label[] | undefined,
): OutputValue[] {
  return rows.map((r) => {
    let best = 0;
    for (let k = 1; k < r.length; k++) if (r[k]! > r[best]!) best = k;
    return classes?.[best] ?? best;
  });
}

/** A loaded, servable model version. */
export class ModelHandle {
  readonly predictor: Predictor;
  readonly schema: FeatureSchema;
  readonly parser: RowParser;
  readonly drift: DriftMonitor | undefined;
  readonly loadedAt = new Date();
  private readonly predictBatcher: MicroBatcher<OutputValue>;
  private readonly probaBatcher: MicroBatcher<number[]> | undefined;

  constructor(
    readonly name: string,
    readonly version: string,
    loaded: LoadedPredictor,
    options: HandleOptions = {},
  ) {
    const p = loaded.predictor;
    if (!p.inputSchema) {
      throw new InvalidParameterError(
        `Model '${name}' version ${version} (${p.estimatorName}) has no input schema: is it fitted?`,
      );
    }
    this.predictor = p;
    this.schema = p.inputSchema;
    this.parser = rowParser(p.inputSchema);
    const onBatch = options.onBatch ? (r: number, n: number) => options.onBatch!(name, r, n) : undefined;
    this.predictBatcher = new MicroBatcher<OutputValue>(
      (x) => {
        const out = p.predict(x);
        return out instanceof Promise ? out.then(toOutput) : toOutput(out);
      },
      options.batching,
      onBatch,
    );
    if (p.predictProba) {
      const proba = p.predictProba.bind(p);
      this.probaBatcher = new MicroBatcher<number[]>(
        (x) => {
          const out = proba(x);
          return out instanceof Promise ? out.then(toRows) : toRows(out);
        },
        options.batching,
        onBatch,
      );
    }
    if (options.drift !== false && loaded.profile) {
      this.drift = new DriftMonitor(
        name,
        version,
        this.schema,
        loaded.profile,
        options.drift ?? {},
        p.classes !== undefined,
      );
    }
  }

  get classes(): Label[] | undefined {
    return this.predictor.classes;
  }

  /** Predictions for validated rows (micro-batched with concurrent requests). */
  async predict(x: Float64Matrix): Promise<OutputValue[]> {
    const out = await this.predictBatcher.submit(x);
    this.drift?.record(x, out);
    return out;
  }

  /** Class probabilities for validated rows; a DataError for models without predictProba. */
  async predictProba(x: Float64Matrix): Promise<number[][]> {
    if (!this.probaBatcher) {
      throw new DataError(
        `Model '${this.name}' (${this.predictor.estimatorName}) does not predict probabilities; use /predict.`,
      );
    }
    const rows = await this.probaBatcher.submit(x);
    this.drift?.record(x, argmaxLabels(rows, this.classes));
    return rows;
  }

  info(): ModelInfo {
    const info: ModelInfo = {
      name: this.name,
      version: this.version,
      estimator: this.predictor.estimatorName,
      features: this.schema.features,
      predictProba: this.probaBatcher !== undefined,
      drift: this.drift !== undefined,
      loadedAt: this.loadedAt.toISOString(),
    };
    if (this.classes) info.classes = this.classes;
    return info;
  }
}
