// OrdinalEncoder (after sklearn.preprocessing.OrdinalEncoder): each category becomes its index
// in the sorted categories of its feature; missing values stay missing (encodedMissingValue).
import { BaseTransformer, checkOneOf, type FitContext, makeTags, type State } from '../base/index.js';
import { type ColumnInput, Float64Matrix, Frame, type MatrixLike, validateInput } from '../data/index.js';
import { InvalidParameterError, ShapeError } from '../errors/index.js';
import {
  type ColumnCategories,
  categoriesFromState,
  categoriesState,
  categoryIndex,
  checkEncodedValue,
  checkInfrequentOptions,
  decodeGrouped,
  encoderInput,
  type InfrequentOptions,
  learnCategories,
  learnedCategories,
  unknownCategoryError,
} from './categories.js';

/** Also takes minFrequency and maxCategories (infrequent-category grouping; both default null). */
export interface OrdinalEncoderParams extends InfrequentOptions {
  /** Unseen categories at transform: 'error' (default) throws a DataError; 'useEncodedValue' encodes them as unknownValue. */
  handleUnknown: 'error' | 'useEncodedValue';
  /** Code for unseen categories when handleUnknown is 'useEncodedValue': an integer not used by any category, or NaN. Default null. */
  unknownValue: number | null;
  /** Code for missing values. Default NaN. */
  encodedMissingValue: number;
}

/** Encodes categorical features as integer codes 0..k-1 (in sorted category order). */
export class OrdinalEncoder extends BaseTransformer<OrdinalEncoderParams> {
  static override readonly estimatorName = 'OrdinalEncoder';
  static override readonly tags = makeTags('transform', { allowNaN: true, allowCategorical: true });
  static readonly defaults: OrdinalEncoderParams = {
    handleUnknown: 'error',
    unknownValue: null,
    encodedMissingValue: Number.NaN,
    minFrequency: null,
    maxCategories: null,
  };
  private cats: ColumnCategories[] | undefined;
  private lookups: Map<number, number>[] | undefined;

  constructor(params: Partial<OrdinalEncoderParams> = {}) {
    super(OrdinalEncoder.defaults, params);
  }

  protected override validateParams(): void {
    const name = this.estimatorName;
    const { handleUnknown, unknownValue, encodedMissingValue } = this.params;
    checkOneOf(name, 'handleUnknown', handleUnknown, ['error', 'useEncodedValue'] as const);
    if (handleUnknown === 'useEncodedValue') checkEncodedValue(name, 'unknownValue', unknownValue);
    else if (unknownValue !== null) {
      throw new InvalidParameterError(
        `${name}: unknownValue is only used with handleUnknown 'useEncodedValue'; leave it null`,
        {
          details: { parameter: 'unknownValue' },
        },
      );
    }
    checkEncodedValue(name, 'encodedMissingValue', encodedMissingValue);
    checkInfrequentOptions(name, this.params);
  }

  /** The categories of each feature, in code order (missing values are not a category here). */
  get categories(): (string | number)[][] {
    this.requireFitted();
    return learnedCategories(this.cats!, this.inputSchema!);
  }

  protected fitMatrix(x: Float64Matrix, ctx: FitContext): void {
    const cats = ctx.schema.features.map((spec, j) => learnCategories(x, j, spec, 'skip', this.params));
    const { handleUnknown, unknownValue, encodedMissingValue } = this.params;
    cats.forEach((c, j) => {
      const clash = (v: number) => v >= 0 && v < c.nGrouped;
      if (handleUnknown === 'useEncodedValue' && clash(unknownValue!)) {
        throw new InvalidParameterError(
          `${this.estimatorName}: unknownValue ${unknownValue} is already the code of a category of '${ctx.schema.features[j]!.name}'; use -1 or NaN`,
          { details: { parameter: 'unknownValue' } },
        );
      }
      if (clash(encodedMissingValue) && hasMissing(x, j)) {
        throw new InvalidParameterError(
          `${this.estimatorName}: encodedMissingValue ${encodedMissingValue} is already the code of a category of '${ctx.schema.features[j]!.name}'; use -1 or NaN`,
          { details: { parameter: 'encodedMissingValue' } },
        );
      }
    });
    this.cats = cats;
    this.lookups = cats.map(categoryIndex);
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
    const out = new Float64Array(x.data.length);
    const features = this.inputSchema!.features;
    const { encodedMissingValue, unknownValue } = this.params;
    for (let j = 0; j < x.cols; j++) {
      const c = this.cats![j]!;
      const lookup = this.lookups![j]!;
      for (let i = 0; i < x.rows; i++) {
        const v = x.data[i * x.cols + j]!;
        const k = lookup.get(v);
        let code: number;
        if (k !== undefined) code = c.grouped[k]!;
        else if (Number.isNaN(v)) code = encodedMissingValue;
        else if (this.params.handleUnknown === 'error')
          throw unknownCategoryError(`${this.estimatorName}.transform`, features[j]!, v, i, c);
        else code = unknownValue!;
        out[i * x.cols + j] = code;
      }
    }
    return new Float64Matrix(out, x.rows, x.cols);
  }

  /**
   * Maps codes back to categories, as a Frame with the input's column names. Missing and
   * unknown codes decode to missing; the infrequent code to 'infrequent_sklearn' (categorical
   * columns) or NaN (numeric ones).
   */
  inverseTransform(X: MatrixLike): Frame {
    this.requireFitted();
    const context = `${this.estimatorName}.inverseTransform`;
    const { x } = validateInput(X, { allowNaN: true, context });
    if (x.cols !== this.cats!.length)
      throw new ShapeError(`${context}: expected ${this.cats!.length} columns of codes, got ${x.cols}`);
    const columns = new Map<string, ColumnInput>();
    this.inputSchema!.features.forEach((spec, j) => {
      const c = this.cats![j]!;
      const codes = new Int32Array(x.rows);
      for (let i = 0; i < x.rows; i++) {
        const v = x.data[i * x.cols + j]!;
        codes[i] = Number.isInteger(v) && v >= 0 && v < c.nGrouped ? v : -1;
      }
      columns.set(spec.name, decodeGrouped(c, spec.kind === 'categorical', codes));
    });
    return new Frame(columns);
  }

  protected getState(): State {
    return { categories: categoriesState(this.cats!) };
  }

  protected setState(state: State): void {
    this.cats = categoriesFromState(this.estimatorName, state, 'categories');
    this.lookups = this.cats.map(categoryIndex);
  }
}

function hasMissing(x: Float64Matrix, j: number): boolean {
  for (let i = 0; i < x.rows; i++) if (Number.isNaN(x.data[i * x.cols + j]!)) return true;
  return false;
}
