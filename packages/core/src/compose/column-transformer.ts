// ColumnTransformer (after sklearn.compose.ColumnTransformer): applies a transformer to a
// selection of columns (by name or index), concatenates the outputs side by side and prefixes
// each output name with its transformer's name (`num__age`, `cat__color_red`).
import {
  BaseEstimator,
  BaseTransformer,
  checkOneOf,
  type FitContext,
  makeTags,
  type State,
} from '../base/index.js';
import {
  type DataProfile,
  type FeatureSchema,
  type FeatureSpec,
  Float64Matrix,
  Frame,
  hstack,
  type MatrixLike,
  type TargetLike,
  validateAgainstSchema,
} from '../data/index.js';
import { FormatError, InvalidParameterError } from '../errors/index.js';
import { asTransformer, checkChildList, matrixToFrame, type TransformerLike } from './children.js';
import { applyToChildren, childNames, nestedParams, partitionParams } from './composite-params.js';

/** Columns by name or position: one, or a list. */
export type ColumnSelector = string | number | readonly (string | number)[];

/** [name, transformer (or 'drop' / 'passthrough'), columns]. */
export type ColumnTransformerEntry = [
  name: string,
  transformer: BaseEstimator | 'drop' | 'passthrough',
  columns: ColumnSelector,
];

export interface ColumnTransformerParams {
  transformers: ColumnTransformerEntry[];
  /** Columns no entry names: 'drop' them (default) or 'passthrough' them unchanged, after the transformed ones. */
  remainder: 'drop' | 'passthrough';
  /** Prefix output names with the transformer's name (`num__age`). Default true. */
  verboseFeatureNamesOut: boolean;
  /** `<name>__<param>` sets a transformer's parameter; `<name>` replaces the transformer. */
  [nested: string]: unknown;
}

/** Applies different transformers to different columns and concatenates the results. */
export class ColumnTransformer extends BaseTransformer<ColumnTransformerParams> {
  static override readonly estimatorName = 'ColumnTransformer';
  /** Each child validates its own columns, so the composite accepts missing values and categories. */
  static override readonly tags = makeTags('transform', { allowNaN: true, allowCategorical: true });
  static readonly defaults: ColumnTransformerParams = {
    transformers: [],
    remainder: 'drop',
    verboseFeatureNamesOut: true,
  };
  /** Input column indices of each entry, then of the remainder. */
  private columns: Int32Array[] | undefined;
  private remainderColumns: Int32Array | undefined;

  /** Builds a column transformer from its entries, or from a params object. */
  constructor(params: ColumnTransformerEntry[] | Partial<ColumnTransformerParams> = {}) {
    super(ColumnTransformer.defaults, {});
    this.setParams(Array.isArray(params) ? { transformers: params } : params);
  }

  /** Own parameters plus every transformer's as `<name>__<param>`. */
  override getParams(): ColumnTransformerParams {
    return { ...super.getParams(), ...nestedParams(this.params.transformers) };
  }

  override setParams(params: Partial<ColumnTransformerParams>): this {
    const names = childNames(params.transformers ?? this.params.transformers);
    const own = ['transformers', 'remainder', 'verboseFeatureNamesOut'];
    const parts = partitionParams(this.estimatorName, params, own, names);
    super.setParams(parts.own as Partial<ColumnTransformerParams>);
    if (parts.replace.size || parts.nested.size) {
      this.params.transformers = applyToChildren(this.estimatorName, this.params.transformers, parts);
    }
    return this;
  }

  /** Transformers by name (fitted after fit). */
  get namedTransformers(): Record<string, BaseEstimator | 'drop' | 'passthrough'> {
    return Object.fromEntries(this.params.transformers.map((e) => [e[0], e[1]]));
  }

  protected override validateParams(): void {
    const owner = this.estimatorName;
    const entries: unknown = this.params.transformers;
    checkChildList(owner, 'transformers', entries, 1);
    entries.forEach((e, i) => {
      const t = e[1];
      const ok =
        e.length === 3 &&
        (t === 'drop' || t === 'passthrough' || (t instanceof BaseEstimator && asTransformer(t)));
      if (!ok) {
        throw new InvalidParameterError(
          `${owner}: transformers[${i}] must be [name, transformer | 'drop' | 'passthrough', columns]`,
          {
            details: { parameter: 'transformers' },
          },
        );
      }
    });
    checkOneOf(owner, 'remainder', this.params.remainder, ['drop', 'passthrough'] as const);
    checkOneOf(owner, 'verboseFeatureNamesOut', this.params.verboseFeatureNamesOut, [true, false]);
  }

  /** Resolves an entry's columns against the fit schema. */
  private resolve(sel: ColumnSelector, schema: FeatureSchema, entry: string): Int32Array {
    const list: readonly (string | number)[] =
      typeof sel === 'string' || typeof sel === 'number' ? [sel] : sel;
    const names = schema.features.map((f) => f.name);
    if (!Array.isArray(list))
      throw new InvalidParameterError(
        `${this.estimatorName}: columns of '${entry}' must be names, indices or a list of them`,
      );
    return Int32Array.from(list, (c) => {
      const j =
        typeof c === 'number'
          ? Number.isInteger(c) && c >= 0 && c < names.length
            ? c
            : -1
          : names.indexOf(c);
      if (j < 0) {
        throw new InvalidParameterError(
          `${this.estimatorName}: '${entry}' selects column ${JSON.stringify(c)}, which the input does not have. Columns: ${names.join(', ')}`,
          { details: { parameter: 'transformers', column: c } },
        );
      }
      return j;
    });
  }

  protected async fitMatrix(x: Float64Matrix, ctx: FitContext, y?: TargetLike): Promise<void> {
    const entries = this.params.transformers;
    const columns = entries.map((e) => this.resolve(e[2], ctx.schema, e[0]));
    const used = new Set(columns.flatMap((c) => Array.from(c)));
    this.remainderColumns = Int32Array.from(ctx.schema.features.keys()).filter((j) => !used.has(j));
    this.columns = columns;
    const frame = matrixToFrame(x, ctx.schema, `${this.estimatorName}.fit`);
    for (let k = 0; k < entries.length; k++) {
      ctx.step('transformer', k, entries.length);
      const t = entries[k]![1];
      if (t instanceof BaseEstimator && columns[k]!.length > 0)
        await t.fit(this.select(frame, columns[k]!), y, { signal: ctx.signal });
    }
    this.checkUniqueNames(this.outputSpecs(ctx.schema));
  }

  private select(frame: Frame, cols: Int32Array): Frame {
    return frame.select(Array.from(cols, (j) => frame.names[j]!));
  }

  /** The fitted transformer of entry k, or undefined for 'drop', 'passthrough' and empty selections. */
  private fitted(k: number): (BaseEstimator & TransformerLike) | undefined {
    const t = this.params.transformers[k]![1];
    return t instanceof BaseEstimator && this.columns![k]!.length > 0 ? asTransformer(t) : undefined;
  }

  /** The output columns, in order, with their kinds. */
  private outputSpecs(schema: FeatureSchema): FeatureSpec[] {
    const verbose = this.params.verboseFeatureNamesOut;
    const out: FeatureSpec[] = [];
    const push = (prefix: string, specs: readonly FeatureSpec[]) => {
      for (const f of specs) out.push({ ...f, name: verbose ? `${prefix}__${f.name}` : f.name });
    };
    this.params.transformers.forEach(([name, t], k) => {
      const fitted = this.fitted(k);
      if (fitted) push(name, fitted.outputSchema().features);
      else if (t === 'passthrough')
        push(
          name,
          Array.from(this.columns![k]!, (j) => schema.features[j]!),
        );
    });
    if (this.params.remainder === 'passthrough')
      push(
        'remainder',
        Array.from(this.remainderColumns!, (j) => schema.features[j]!),
      );
    return out;
  }

  private checkUniqueNames(specs: FeatureSpec[]): void {
    const names = specs.map((f) => f.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup !== undefined) {
      throw new InvalidParameterError(
        `${this.estimatorName}: output name '${dup}' is not unique; set verboseFeatureNamesOut to true`,
        {
          details: { parameter: 'verboseFeatureNamesOut' },
        },
      );
    }
  }

  override featureNamesOut(): string[] {
    return this.outputSchema().features.map((f) => f.name);
  }

  /** Output schema: transformed columns as their transformers report them; passthrough columns keep their kind. */
  override outputSchema(): FeatureSchema {
    this.requireFitted();
    return { features: this.outputSpecs(this.inputSchema!), generatedNames: false };
  }

  /** Transforms X; a Frame's columns reach each transformer as they are, so encoders see unseen levels by name. */
  override transform(X: MatrixLike): Float64Matrix {
    this.requireFitted();
    if (!(X instanceof Frame) || this.inputSchema!.generatedNames) return super.transform(X);
    const context = `${this.estimatorName}.transform`;
    const x = validateAgainstSchema(X, this.inputSchema!, {
      allowNaN: true,
      allowCategorical: true,
      context,
    });
    const names = this.inputSchema!.features.map((f) => f.name);
    return this.combine(x, (cols) => X.select(Array.from(cols, (j) => names[j]!)));
  }

  protected transformMatrix(x: Float64Matrix): Float64Matrix {
    const frame = matrixToFrame(x, this.inputSchema!, `${this.estimatorName}.transform`);
    return this.combine(x, (cols) => this.select(frame, cols));
  }

  private combine(x: Float64Matrix, part: (cols: Int32Array) => Frame): Float64Matrix {
    const blocks: Float64Matrix[] = [];
    this.params.transformers.forEach(([, t], k) => {
      const fitted = this.fitted(k);
      if (fitted) blocks.push(fitted.transform(part(this.columns![k]!)));
      else if (t === 'passthrough') blocks.push(x.takeColumns(this.columns![k]!));
    });
    if (this.params.remainder === 'passthrough') blocks.push(x.takeColumns(this.remainderColumns!));
    return blocks.length ? hstack(blocks) : Float64Matrix.zeros(x.rows, 0);
  }

  /** @internal Also checks the saved indices against the saved input schema. */
  override importState(state: State, schema: FeatureSchema, profile: DataProfile | undefined): void {
    super.importState(state, schema, profile);
    if (state['nFeatures'] !== schema.features.length) {
      throw new FormatError(
        `${this.estimatorName}: saved state is for ${String(state['nFeatures'])} columns, the saved schema has ${schema.features.length}`,
      );
    }
  }

  protected getState(): State {
    return {
      nFeatures: this.inputSchema!.features.length,
      columns: this.columns!,
      remainder: this.remainderColumns!,
    };
  }

  protected setState(state: State): void {
    const owner = this.estimatorName;
    this.validateParams();
    const d = state['nFeatures'];
    const cols = state['columns'];
    const rem = state['remainder'];
    const valid = (a: unknown): a is Int32Array =>
      a instanceof Int32Array && typeof d === 'number' && a.every((j) => j >= 0 && j < d);
    const entries = this.params.transformers;
    if (!Array.isArray(cols) || cols.length !== entries.length || !cols.every(valid) || !valid(rem)) {
      throw new FormatError(`${owner}: saved column indices are invalid`);
    }
    entries.forEach(([name, t], k) => {
      if (t instanceof BaseEstimator && cols[k]!.length > 0 && !t.isFitted)
        throw new FormatError(`${owner}: saved transformer '${name}' is not fitted`);
    });
    this.columns = cols as Int32Array[];
    this.remainderColumns = rem;
  }
}
