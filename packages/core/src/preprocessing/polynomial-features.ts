// PolynomialFeatures (after sklearn.preprocessing.PolynomialFeatures): all products of features
// up to a degree, in scikit-learn's column order and with its names (x0, x0^2, x0 x1, …).
import { BaseTransformer, checkNumber, checkOneOf, makeTags, type State } from '../base/index.js';
import { Float64Matrix } from '../data/index.js';
import { InvalidParameterError } from '../errors/index.js';
import { stateInt } from './state-checks.js';

export interface PolynomialFeaturesParams {
  /** Maximum degree, or [minDegree, maxDegree]. Default 2. */
  degree: number | [number, number];
  /** Only products of distinct features (no x0^2). Default false. */
  interactionOnly: boolean;
  /** Start with a column of ones (degree 0). Default true. */
  includeBias: boolean;
}

/** Generates polynomial and interaction features. */
export class PolynomialFeatures extends BaseTransformer<PolynomialFeaturesParams> {
  static override readonly estimatorName = 'PolynomialFeatures';
  static override readonly tags = makeTags('transform');
  static readonly defaults: PolynomialFeaturesParams = {
    degree: 2,
    interactionOnly: false,
    includeBias: true,
  };
  /** Flattened feature indices of every output term; term t uses combos[offsets[t]..offsets[t+1]). */
  private combos: Int32Array | undefined;
  private offsets: Int32Array | undefined;

  constructor(params: Partial<PolynomialFeaturesParams> = {}) {
    super(PolynomialFeatures.defaults, params);
  }

  private degrees(): [number, number] {
    const d = this.params.degree;
    return Array.isArray(d) ? [d[0], d[1]] : [0, d];
  }

  protected override validateParams(): void {
    const name = this.estimatorName;
    const d = this.params.degree;
    if (Array.isArray(d)) {
      if (d.length !== 2)
        throw new InvalidParameterError(
          `${name}: degree must be an integer or [minDegree, maxDegree], got ${JSON.stringify(d)}`,
        );
      const lo = checkNumber(name, 'degree[0]', d[0], { integer: true, min: 0 });
      checkNumber(name, 'degree[1]', d[1], { integer: true, min: lo });
    } else checkNumber(name, 'degree', d, { integer: true, min: 0 });
    checkOneOf(name, 'interactionOnly', this.params.interactionOnly, [true, false]);
    checkOneOf(name, 'includeBias', this.params.includeBias, [true, false]);
    if (this.degrees()[1] === 0 && !this.params.includeBias) {
      throw new InvalidParameterError(`${name}: degree 0 with includeBias false would produce no columns`, {
        details: { parameter: 'degree' },
      });
    }
  }

  protected fitMatrix(x: Float64Matrix): void {
    this.build(x.cols);
  }

  /** Enumerates the terms as itertools' combinations(_with_replacement) do, degree by degree. */
  private build(nFeatures: number): void {
    const [lo, hi] = this.degrees();
    const flat: number[] = [];
    const offsets = [0];
    const emit = (combo: number[]) => {
      flat.push(...combo);
      offsets.push(flat.length);
    };
    if (this.params.includeBias) emit([]);
    const step = this.params.interactionOnly ? 1 : 0;
    const rec = (combo: number[], start: number, left: number) => {
      if (left === 0) return emit(combo);
      for (let f = start; f < nFeatures; f++) rec([...combo, f], f + step, left - 1);
    };
    for (let deg = Math.max(1, lo); deg <= hi; deg++) rec([], 0, deg);
    this.combos = Int32Array.from(flat);
    this.offsets = Int32Array.from(offsets);
  }

  /** Number of output columns. */
  get nOutputFeatures(): number {
    this.requireFitted();
    return this.offsets!.length - 1;
  }

  override featureNamesOut(): string[] {
    this.requireFitted();
    const names = this.inputSchema!.features.map((f) => f.name);
    const out: string[] = [];
    for (let t = 0; t + 1 < this.offsets!.length; t++) {
      const parts: string[] = [];
      let s = this.offsets![t]!;
      const e = this.offsets![t + 1]!;
      while (s < e) {
        let r = s;
        while (r < e && this.combos![r] === this.combos![s]) r++;
        const n = names[this.combos![s]!]!;
        parts.push(r - s === 1 ? n : `${n}^${r - s}`);
        s = r;
      }
      out.push(parts.length ? parts.join(' ') : '1');
    }
    return out;
  }

  protected transformMatrix(x: Float64Matrix): Float64Matrix {
    const combos = this.combos!;
    const offsets = this.offsets!;
    const nOut = offsets.length - 1;
    const out = new Float64Array(x.rows * nOut);
    for (let i = 0; i < x.rows; i++) {
      const r = i * x.cols;
      for (let t = 0; t < nOut; t++) {
        const s = offsets[t]!;
        const e = offsets[t + 1]!;
        // Left-to-right products, as scikit-learn builds each degree from the previous one.
        let p = s < e ? x.data[r + combos[s]!]! : 1;
        for (let k = s + 1; k < e; k++) p *= x.data[r + combos[k]!]!;
        out[i * nOut + t] = p;
      }
    }
    return new Float64Matrix(out, x.rows, nOut);
  }

  protected getState(): State {
    return { nFeatures: this.inputSchema!.features.length };
  }

  protected setState(state: State): void {
    this.validateParams();
    this.build(stateInt(this.estimatorName, state, 'nFeatures', 1, 100_000));
  }
}
