// OneHotEncoder (after sklearn.preprocessing.OneHotEncoder): one 0/1 column per category of each
// feature, with sklearn's unknown-category policies, drop rules and infrequent-category grouping.
import { BaseTransformer, checkOneOf, type FitContext, makeTags, type State } from '../base/index.js';
import { type ColumnInput, Float64Matrix, Frame, type MatrixLike, validateInput } from '../data/index.js';
import { ShapeError } from '../errors/index.js';
import {
  type ColumnCategories,
  categoriesFromState,
  categoriesState,
  categoryIndex,
  checkInfrequentOptions,
  decodeGrouped,
  encoderInput,
  INFREQUENT_NAME,
  type InfrequentOptions,
  learnCategories,
  learnedCategories,
  unknownCategoryError,
} from './categories.js';

/** Also takes minFrequency and maxCategories (infrequent-category grouping; both default null). */
export interface OneHotEncoderParams extends InfrequentOptions {
  /**
   * Unseen categories at transform: 'error' (default) throws a DataError naming the column and
   * value; 'ignore' encodes them as all zeros; 'infrequentIfExist' maps them to the infrequent
   * column when the feature has one, else all zeros.
   */
  handleUnknown: 'error' | 'ignore' | 'infrequentIfExist';
  /** Drop one column per feature: 'first', 'ifBinary' (only for two-category features) or null (default). */
  drop: 'first' | 'ifBinary' | null;
}

/** Encodes categorical features (Frame categorical columns or numeric codes) as one-hot columns. */
export class OneHotEncoder extends BaseTransformer<OneHotEncoderParams> {
  static override readonly estimatorName = 'OneHotEncoder';
  static override readonly tags = makeTags('transform', { allowNaN: true, allowCategorical: true });
  static readonly defaults: OneHotEncoderParams = {
    handleUnknown: 'error',
    drop: null,
    minFrequency: null,
    maxCategories: null,
  };
  private cats: ColumnCategories[] | undefined;
  private lookups: Map<number, number>[] | undefined;
  /** Per feature, the grouped index of the dropped column, or -1. */
  private dropIdx: Int32Array | undefined;

  constructor(params: Partial<OneHotEncoderParams> = {}) {
    super(OneHotEncoder.defaults, params);
  }

  protected override validateParams(): void {
    const name = this.estimatorName;
    checkOneOf(name, 'handleUnknown', this.params.handleUnknown, [
      'error',
      'ignore',
      'infrequentIfExist',
    ] as const);
    checkOneOf(name, 'drop', this.params.drop, ['first', 'ifBinary', null] as const);
    checkInfrequentOptions(name, this.params);
  }

  /** The categories of each feature, in output order (NaN is the missing category). */
  get categories(): (string | number)[][] {
    this.requireFitted();
    return learnedCategories(this.cats!, this.inputSchema!);
  }

  /** Per feature, the categories grouped as infrequent (empty when none). */
  get infrequentCategories(): (string | number)[][] {
    this.requireFitted();
    return this.categories.map((vals, j) => {
      const c = this.cats![j]!;
      return c.hasInfrequent ? vals.filter((_, k) => c.grouped[k] === c.nGrouped - 1) : [];
    });
  }

  protected fitMatrix(x: Float64Matrix, ctx: FitContext): void {
    const cats = ctx.schema.features.map((spec, j) => learnCategories(x, j, spec, 'category', this.params));
    this.setLearned(cats);
  }

  private setLearned(cats: ColumnCategories[]): void {
    const { drop } = this.params;
    this.cats = cats;
    this.lookups = cats.map(categoryIndex);
    this.dropIdx = Int32Array.from(cats, (c) =>
      (drop === 'first' && c.nGrouped > 0) || (drop === 'ifBinary' && c.nGrouped === 2) ? 0 : -1,
    );
  }

  /** Output width of feature j. */
  private width(j: number): number {
    return this.cats![j]!.nGrouped - (this.dropIdx![j]! >= 0 ? 1 : 0);
  }

  override featureNamesOut(): string[] {
    this.requireFitted();
    const out: string[] = [];
    this.inputSchema!.features.forEach((spec, j) => {
      const c = this.cats![j]!;
      const grouped: string[] = c.names.filter((_, k) => !c.hasInfrequent || c.grouped[k]! < c.nGrouped - 1);
      if (c.hasInfrequent) grouped.push(INFREQUENT_NAME);
      grouped.forEach((n, g) => {
        if (g !== this.dropIdx![j]) out.push(`${spec.name}_${n}`);
      });
    });
    return out;
  }

  protected override checkInput(X: MatrixLike, method = 'transform'): Float64Matrix {
    this.requireFitted();
    return encoderInput(
      X,
      this.inputSchema!,
      `${this.estimatorName}.${method}`,
      this.params.handleUnknown === 'error',
    );
  }

  protected transformMatrix(x: Float64Matrix): Float64Matrix {
    const cats = this.cats!;
    const features = this.inputSchema!.features;
    const widths = cats.map((_, j) => this.width(j));
    const nOut = widths.reduce((a, b) => a + b, 0);
    const out = new Float64Array(x.rows * nOut);
    const { handleUnknown } = this.params;
    let offset = 0;
    for (let j = 0; j < x.cols; j++) {
      const c = cats[j]!;
      const lookup = this.lookups![j]!;
      const drop = this.dropIdx![j]!;
      for (let i = 0; i < x.rows; i++) {
        const v = x.data[i * x.cols + j]!;
        const k = lookup.get(v);
        let g: number;
        if (k !== undefined) g = c.grouped[k]!;
        else if (handleUnknown === 'error')
          throw unknownCategoryError(`${this.estimatorName}.transform`, features[j]!, v, i, c);
        else if (handleUnknown === 'infrequentIfExist' && c.hasInfrequent) g = c.nGrouped - 1;
        else continue;
        if (g === drop) continue;
        out[i * nOut + offset + (drop >= 0 && g > drop ? g - 1 : g)] = 1;
      }
      offset += widths[j]!;
    }
    return new Float64Matrix(out, x.rows, nOut);
  }

  /**
   * Maps one-hot rows back to categories, as a Frame with the input's column names: categorical
   * columns get their level names (an all-zero block is missing, or the dropped category),
   * numeric ones their values; the infrequent column decodes to 'infrequent_sklearn' (NaN for
   * numeric columns).
   */
  inverseTransform(X: MatrixLike): Frame {
    this.requireFitted();
    const { x } = validateInput(X, { context: `${this.estimatorName}.inverseTransform` });
    const widths = this.cats!.map((_, j) => this.width(j));
    const nOut = widths.reduce((a, b) => a + b, 0);
    if (x.cols !== nOut) {
      throw new ShapeError(
        `${this.estimatorName}.inverseTransform: expected ${nOut} one-hot columns, got ${x.cols}`,
      );
    }
    const columns = new Map<string, ColumnInput>();
    let offset = 0;
    this.inputSchema!.features.forEach((spec, j) => {
      const c = this.cats![j]!;
      const drop = this.dropIdx![j]!;
      const picked = new Int32Array(x.rows);
      for (let i = 0; i < x.rows; i++) {
        let best = -1;
        let bestV = 0;
        for (let t = 0; t < widths[j]!; t++) {
          const v = x.data[i * nOut + offset + t]!;
          if (v > bestV) [best, bestV] = [t, v];
        }
        // Back to a grouped index; all zeros means the dropped category, else unknown (-2).
        picked[i] = best < 0 ? (drop >= 0 ? drop : -2) : drop >= 0 && best >= drop ? best + 1 : best;
      }
      offset += widths[j]!;
      columns.set(spec.name, decodeGrouped(c, spec.kind === 'categorical', picked));
    });
    return new Frame(columns);
  }

  protected getState(): State {
    return { categories: categoriesState(this.cats!) };
  }

  protected setState(state: State): void {
    this.setLearned(categoriesFromState(this.estimatorName, state, 'categories'));
  }
}
