// A fitted boosted ensemble as both estimators hold it: FlatTrees, base score, training history,
// the compiled predictor, and its persisted form (validated on load).
import type { State, StateValue } from '../../base/index.js';
import type { Float64Matrix } from '../../data/index.js';
import { FormatError } from '../../errors/index.js';
import { CompiledForest } from '../../tree/compiled-forest.js';
import type { FlatTree } from '../../tree/flat-tree.js';

/** The learned part of a histogram gradient boosting estimator. */
export class BoostedModel {
  private readonly compiled: CompiledForest;

  constructor(
    readonly trees: FlatTree[],
    readonly baseScore: Float64Array,
    readonly nFeatures: number,
    readonly nIter: number,
    readonly trainScore: Float64Array,
    readonly validationScore: Float64Array,
  ) {
    this.compiled = CompiledForest.compile(trees, nFeatures, baseScore.length);
  }

  /** Raw scores, rows × outputs: the base score plus every tree's leaf value, in tree order. */
  predictRaw(x: Float64Matrix): Float64Array {
    const k = this.baseScore.length;
    const out = new Float64Array(x.rows * k);
    if (k === 1) out.fill(this.baseScore[0]!);
    else for (let i = 0; i < x.rows; i++) out.set(this.baseScore, i * k);
    this.compiled.accumulate(x.data, x.rows, x.cols, out);
    return out;
  }

  /** The persisted form: trees concatenated into typed arrays. */
  toState(): State {
    const t = this.trees;
    const cat = <K extends 'left' | 'right' | 'feature' | 'catOffset'>(k: K) =>
      Int32Array.from(t.flatMap((tr) => Array.from(tr[k])));
    return {
      nFeatures: this.nFeatures,
      nIter: this.nIter,
      baseScore: this.baseScore,
      trainScore: this.trainScore,
      validationScore: this.validationScore,
      catWords: t[0]?.catWords ?? 1,
      nodeCounts: Int32Array.from(t, (tr) => tr.nodeCount),
      bitsetLengths: Int32Array.from(t, (tr) => tr.catBitsets.length),
      left: cat('left'),
      right: cat('right'),
      feature: cat('feature'),
      catOffset: cat('catOffset'),
      threshold: Float64Array.from(t.flatMap((tr) => Array.from(tr.threshold))),
      missingLeft: Uint8Array.from(t.flatMap((tr) => Array.from(tr.missingLeft))),
      catBitsets: Uint32Array.from(t.flatMap((tr) => Array.from(tr.catBitsets))),
      value: Float64Array.from(t.flatMap((tr) => Array.from(tr.value))),
      weight: Float64Array.from(t.flatMap((tr) => Array.from(tr.weight))),
    };
  }

  /** Rebuilds a model from `toState` output, refusing anything inconsistent with a FormatError. */
  static fromState(owner: string, state: State, nOutputs: number): BoostedModel {
    const bad = (what: string): never => {
      throw new FormatError(
        `${owner}: saved state is invalid (${what}); the file is corrupt or was not written by MLPY`,
      );
    };
    const int = (k: string, min: number): number => {
      const v = state[k];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < min) bad(`${k} must be an integer >= ${min}`);
      return v as number;
    };
    const arr = <T>(k: string, type: new (n: number) => T, length?: number): T => {
      const v: StateValue | undefined = state[k];
      if (
        !(v instanceof type) ||
        (length !== undefined && (v as unknown as ArrayLike<number>).length !== length)
      ) {
        bad(`${k} must be a ${type.name}${length !== undefined ? ` of length ${length}` : ''}`);
      }
      return v as T;
    };
    const nFeatures = int('nFeatures', 1);
    const nIter = int('nIter', 0);
    const catWords = int('catWords', 1);
    const baseScore = arr('baseScore', Float64Array, nOutputs);
    const trainScore = arr('trainScore', Float64Array);
    const validationScore = arr('validationScore', Float64Array);
    const nodeCounts = arr('nodeCounts', Int32Array, nIter * nOutputs);
    const bitsetLengths = arr('bitsetLengths', Int32Array, nodeCounts.length);
    let total = 0;
    let totalBits = 0;
    for (let t = 0; t < nodeCounts.length; t++) {
      if (nodeCounts[t]! < 1) bad('a tree has no nodes');
      if (bitsetLengths[t]! < 0 || bitsetLengths[t]! % catWords !== 0) bad('bitset length');
      total += nodeCounts[t]!;
      totalBits += bitsetLengths[t]!;
    }
    const left = arr('left', Int32Array, total);
    const right = arr('right', Int32Array, total);
    const feature = arr('feature', Int32Array, total);
    const catOffset = arr('catOffset', Int32Array, total);
    const threshold = arr('threshold', Float64Array, total);
    const missingLeft = arr('missingLeft', Uint8Array, total);
    const value = arr('value', Float64Array, total);
    const weight = arr('weight', Float64Array, total);
    const catBitsets = arr('catBitsets', Uint32Array, totalBits);
    if (!baseScore.every(Number.isFinite) || !value.every(Number.isFinite)) bad('non-finite values');
    const trees: FlatTree[] = [];
    let o = 0;
    let b = 0;
    for (let t = 0; t < nodeCounts.length; t++) {
      const m = nodeCounts[t]!;
      const bl = bitsetLengths[t]!;
      for (let i = 0; i < m; i++) {
        const l = left[o + i]!;
        const r = right[o + i]!;
        const f = feature[o + i]!;
        const co = catOffset[o + i]!;
        const leaf = l === -1 && r === -1 && f === -1 && co === -1;
        const internal =
          l > i &&
          l < m &&
          r > i &&
          r < m &&
          f >= 0 &&
          f < nFeatures &&
          (co === -1 || (co >= 0 && co + catWords <= bl));
        if (!leaf && !internal) bad(`tree ${t} node ${i} has invalid children, feature or bitset offset`);
        if (internal && co === -1 && Number.isNaN(threshold[o + i]!))
          bad(`tree ${t} node ${i} has a NaN threshold`);
        if (missingLeft[o + i]! > 1) bad('missingLeft must be 0 or 1');
      }
      trees.push({
        nodeCount: m,
        left: left.slice(o, o + m),
        right: right.slice(o, o + m),
        feature: feature.slice(o, o + m),
        threshold: threshold.slice(o, o + m),
        missingLeft: missingLeft.slice(o, o + m),
        catOffset: catOffset.slice(o, o + m),
        catBitsets: catBitsets.slice(b, b + bl),
        catWords,
        value: value.slice(o, o + m),
        nOutputs: 1,
        weight: weight.slice(o, o + m),
      });
      o += m;
      b += bl;
    }
    return new BoostedModel(trees, baseScore, nFeatures, nIter, trainScore, validationScore);
  }
}
