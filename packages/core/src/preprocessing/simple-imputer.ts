// SimpleImputer (after sklearn.impute.SimpleImputer): fills missing values per column with its
// mean, median, most frequent value or a constant; categorical Frame columns stay categorical.
import { BaseTransformer, checkOneOf, type FitContext, makeTags, type State } from '../base/index.js';
import {
  type FeatureSchema,
  type FeatureSpec,
  Float64Matrix,
  type MatrixLike,
  validateAgainstSchema,
} from '../data/index.js';
import { DataError, FormatError, InvalidParameterError } from '../errors/index.js';
import { nanMeanVar, percentileSorted, sortedColumn } from './column-stats.js';
import { stateFloat64, stateInt } from './state-checks.js';

export interface SimpleImputerParams {
  /** 'mean' (default) and 'median' need numeric columns; 'mostFrequent' and 'constant' also fill categorical ones. */
  strategy: 'mean' | 'median' | 'mostFrequent' | 'constant';
  /** For 'constant': the fill value; null (default) means 0 for numeric columns and 'missing_value' for categorical ones. */
  fillValue: number | string | null;
  /** Append one 0/1 column per feature that had missing values at fit (named missingindicator_<col>). Default false. */
  addIndicator: boolean;
  /** Keep features with no observed value at fit (filled with 0) instead of dropping them. Default false. */
  keepEmptyFeatures: boolean;
}

/** Replaces missing values (NaN, missing categories) column by column. */
export class SimpleImputer extends BaseTransformer<SimpleImputerParams> {
  static override readonly estimatorName = 'SimpleImputer';
  static override readonly tags = makeTags('transform', { allowNaN: true, allowCategorical: true });
  static readonly defaults: SimpleImputerParams = {
    strategy: 'mean',
    fillValue: null,
    addIndicator: false,
    keepEmptyFeatures: false,
  };
  /** The fill value of each input column (a category code for categorical ones; NaN for dropped columns). */
  statistics: Float64Array | undefined;
  /** Input columns kept in the output (all but empty ones, unless keepEmptyFeatures). */
  private kept: Int32Array | undefined;
  /** Input columns that get a missing-value indicator. */
  private indicated: Int32Array | undefined;
  /** Output levels of each input column: its fit levels plus the fill value if new; null for numeric columns. */
  private levels: (string[] | null)[] | undefined;

  constructor(params: Partial<SimpleImputerParams> = {}) {
    super(SimpleImputer.defaults, params);
  }

  protected override validateParams(): void {
    const name = this.estimatorName;
    checkOneOf(name, 'strategy', this.params.strategy, [
      'mean',
      'median',
      'mostFrequent',
      'constant',
    ] as const);
    const f = this.params.fillValue;
    if (f !== null && typeof f !== 'string' && !(typeof f === 'number' && Number.isFinite(f))) {
      throw new InvalidParameterError(
        `${name}: fillValue must be null, a finite number or a string, got ${String(f)}`,
        {
          details: { parameter: 'fillValue' },
        },
      );
    }
    checkOneOf(name, 'addIndicator', this.params.addIndicator, [true, false]);
    checkOneOf(name, 'keepEmptyFeatures', this.params.keepEmptyFeatures, [true, false]);
  }

  protected fitMatrix(x: Float64Matrix, ctx: FitContext): void {
    const { strategy, keepEmptyFeatures, addIndicator } = this.params;
    const stats = new Float64Array(x.cols);
    const kept: number[] = [];
    const indicated: number[] = [];
    const levels: (string[] | null)[] = [];
    const means = strategy === 'mean' ? nanMeanVar(x).mean : undefined;
    ctx.schema.features.forEach((spec, j) => {
      const sorted = sortedColumn(x, j);
      if (sorted.length < x.rows && addIndicator) indicated.push(j);
      levels.push(spec.kind === 'categorical' ? [...spec.categories] : null);
      if (strategy === 'constant') {
        stats[j] = this.constantFor(spec, levels[j]!);
        kept.push(j);
        return;
      }
      if (spec.kind === 'categorical' && strategy !== 'mostFrequent') {
        throw new DataError(
          `${this.estimatorName}.fit: strategy '${strategy}' needs numbers but column '${spec.name}' is categorical; use 'mostFrequent' or 'constant' for it (ColumnTransformer applies different imputers per column)`,
          { details: { column: spec.name } },
        );
      }
      if (sorted.length === 0) {
        stats[j] = keepEmptyFeatures && spec.kind === 'numeric' ? 0 : Number.NaN;
        if (keepEmptyFeatures) kept.push(j);
        return;
      }
      kept.push(j);
      if (strategy === 'mean') stats[j] = means![j]!;
      else if (strategy === 'median') stats[j] = percentileSorted(sorted, 50);
      else stats[j] = mostFrequent(sorted, spec);
    });
    this.statistics = stats;
    this.kept = Int32Array.from(kept);
    this.indicated = Int32Array.from(indicated);
    this.levels = levels;
  }

  /** The constant fill of one column; appends it to `levels` of a categorical column when new. */
  private constantFor(spec: FeatureSpec, levels: string[] | null): number {
    const f = this.params.fillValue;
    if (levels === null) {
      if (typeof f === 'string') {
        throw new InvalidParameterError(
          `${this.estimatorName}: fillValue "${f}" is a string but column '${spec.name}' is numeric; use a number, or apply the imputer to categorical columns only`,
          { details: { parameter: 'fillValue', column: spec.name } },
        );
      }
      return f ?? 0;
    }
    const name = f === null ? 'missing_value' : String(f);
    let code = levels.indexOf(name);
    if (code < 0) code = levels.push(name) - 1;
    return code;
  }

  override featureNamesOut(): string[] {
    this.requireFitted();
    const names = this.inputSchema!.features.map((f) => f.name);
    return [
      ...Array.from(this.kept!, (j) => names[j]!),
      ...Array.from(this.indicated!, (j) => `missingindicator_${names[j]}`),
    ];
  }

  /** Kept columns keep their kind (categorical ones with the fill value among their levels); indicators are numeric. */
  override outputSchema(): FeatureSchema {
    const names = this.featureNamesOut();
    const features: FeatureSpec[] = names.map((name, k) => {
      const lv = k < this.kept!.length ? this.levels![this.kept![k]!] : null;
      return lv ? { name, kind: 'categorical', categories: lv } : { name, kind: 'numeric' };
    });
    return { features, generatedNames: false };
  }

  /** Unseen categorical levels arrive as -1 (not NaN), so they are told apart from missing values. */
  protected override checkInput(X: MatrixLike, method = 'transform'): Float64Matrix {
    this.requireFitted();
    return validateAgainstSchema(X, this.inputSchema!, {
      allowNaN: true,
      allowCategorical: true,
      context: `${this.estimatorName}.${method}`,
      unknownCategories: 'flag',
    });
  }

  protected transformMatrix(x: Float64Matrix): Float64Matrix {
    const kept = this.kept!;
    const ind = this.indicated!;
    const stats = this.statistics!;
    const categorical = this.levels!.map((l) => l !== null);
    const nOut = kept.length + ind.length;
    const out = new Float64Array(x.rows * nOut);
    for (let i = 0; i < x.rows; i++) {
      const r = i * x.cols;
      const o = i * nOut;
      for (let k = 0; k < kept.length; k++) {
        const j = kept[k]!;
        const v = x.data[r + j]!;
        // -1 is a categorical level unseen at fit: not missing, so it is not imputed; it leaves
        // as missing (NaN), which a downstream encoder treats as unknown.
        out[o + k] = Number.isNaN(v) ? stats[j]! : v < 0 && categorical[j] ? Number.NaN : v;
      }
      for (let k = 0; k < ind.length; k++)
        out[o + kept.length + k] = Number.isNaN(x.data[r + ind[k]!]!) ? 1 : 0;
    }
    return new Float64Matrix(out, x.rows, nOut);
  }

  protected getState(): State {
    return {
      nFeatures: this.statistics!.length,
      statistics: this.statistics!,
      kept: this.kept!,
      indicated: this.indicated!,
      levels: this.levels!,
    };
  }

  protected setState(state: State): void {
    const owner = this.estimatorName;
    const d = stateInt(owner, state, 'nFeatures', 1);
    const indices = (key: string): Int32Array => {
      const v = state[key];
      if (!(v instanceof Int32Array) || v.some((j) => j < 0 || j >= d))
        throw new FormatError(`${owner}: saved state '${key}' is invalid`);
      return v;
    };
    const levels = state['levels'];
    if (
      !Array.isArray(levels) ||
      levels.length !== d ||
      !levels.every((l) => l === null || (Array.isArray(l) && l.every((s) => typeof s === 'string')))
    ) {
      throw new FormatError(`${owner}: saved state 'levels' is invalid`);
    }
    const stats = stateFloat64(owner, state, 'statistics', d);
    levels.forEach((l, j) => {
      const code = stats[j]!;
      if (
        Array.isArray(l) &&
        !Number.isNaN(code) &&
        !(Number.isInteger(code) && code >= 0 && code < l.length)
      ) {
        throw new FormatError(
          `${owner}: saved fill code of column ${j} is not one of its ${l.length} levels`,
        );
      }
    });
    this.statistics = stats;
    this.kept = indices('kept');
    this.indicated = indices('indicated');
    this.levels = levels as (string[] | null)[];
  }
}

/** Most frequent value of sorted non-missing values; ties go to the smallest value (categories: the first name in sort order). */
function mostFrequent(sorted: Float64Array, spec: FeatureSpec): number {
  let best = sorted[0]!;
  let bestCount = 0;
  for (let s = 0; s < sorted.length; ) {
    let e = s;
    while (e < sorted.length && sorted[e] === sorted[s]) e++;
    const v = sorted[s]!;
    const better =
      e - s > bestCount ||
      (e - s === bestCount && spec.kind === 'categorical' && spec.categories[v]! < spec.categories[best]!);
    if (better) [best, bestCount] = [v, e - s];
    s = e;
  }
  return best;
}
