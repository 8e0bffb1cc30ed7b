// The serving path: every tree of a boosted model packed into one set of flat arrays, raw scores
// accumulated in a tight loop with no per-row allocation.
import type { Float64Matrix } from '../../data/index.js';
import { FormatError } from '../../errors/index.js';
import type { FlatTree } from '../../tree/flat-tree.js';

/** All trees of an ensemble in flat arrays; children < 0 are leaves (~child indexes `leafValue`). */
export class PackedEnsemble {
  readonly roots: Int32Array;
  readonly treeOutput: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly missingLeft: Uint8Array;
  readonly catOffset: Int32Array;
  readonly catBitsets: Uint32Array;
  readonly catWords: number;
  readonly leafValue: Float64Array;

  /** Packs trees; tree t adds to output t mod nOutputs. Categorical nodes get a NaN threshold (slow path). */
  constructor(
    trees: readonly FlatTree[],
    readonly nOutputs: number,
  ) {
    let internal = 0;
    let leaves = 0;
    let bitWords = 0;
    let catWords = 0;
    for (const t of trees) {
      const inner = countInternal(t);
      internal += inner;
      leaves += t.nodeCount - inner;
      bitWords += t.catBitsets.length;
      if (t.catBitsets.length > 0) {
        if (catWords !== 0 && t.catWords !== catWords)
          throw new FormatError('Trees of one ensemble must share catWords');
        catWords = t.catWords;
      }
    }
    this.roots = new Int32Array(trees.length);
    this.treeOutput = new Int32Array(trees.length);
    this.feature = new Int32Array(internal);
    this.threshold = new Float64Array(internal);
    this.left = new Int32Array(internal);
    this.right = new Int32Array(internal);
    this.missingLeft = new Uint8Array(internal);
    this.catOffset = new Int32Array(internal);
    this.catBitsets = new Uint32Array(bitWords);
    this.catWords = catWords;
    this.leafValue = new Float64Array(leaves);
    let ni = 0;
    let li = 0;
    let bi = 0;
    const map = new Int32Array(Math.max(0, ...trees.map((t) => t.nodeCount)));
    trees.forEach((t, ti) => {
      for (let i = 0; i < t.nodeCount; i++) {
        if (t.left[i]! >= 0) map[i] = ni++;
        else {
          this.leafValue[li] = t.value[i * t.nOutputs]!;
          map[i] = ~li++;
        }
      }
      for (let i = 0; i < t.nodeCount; i++) {
        if (t.left[i]! < 0) continue;
        const p = map[i]!;
        this.feature[p] = t.feature[i]!;
        this.left[p] = map[t.left[i]!]!;
        this.right[p] = map[t.right[i]!]!;
        this.missingLeft[p] = t.missingLeft[i]!;
        const co = t.catOffset[i]!;
        this.catOffset[p] = co < 0 ? -1 : co + bi;
        this.threshold[p] = co < 0 ? t.threshold[i]! : Number.NaN;
      }
      this.catBitsets.set(t.catBitsets, bi);
      bi += t.catBitsets.length;
      this.roots[ti] = map[0]!;
      this.treeOutput[ti] = ti % nOutputs;
    });
  }

  /** Raw scores (rows × nOutputs) = base + the sum of every tree's leaf value. */
  predictRaw(x: Float64Matrix, base: Float64Array): Float64Array {
    const { rows, cols, data } = x;
    const k = this.nOutputs;
    const out = new Float64Array(rows * k);
    const { roots, treeOutput, feature, threshold, left, right, leafValue } = this;
    const nTrees = roots.length;
    for (let i = 0; i < rows; i++) {
      const off = i * cols;
      const o = i * k;
      for (let c = 0; c < k; c++) out[o + c] = base[c]!;
      for (let t = 0; t < nTrees; t++) {
        let node = roots[t]!;
        while (node >= 0) {
          const v = data[off + feature[node]!]!;
          const thr = threshold[node]!;
          if (v <= thr) node = left[node]!;
          else if (v > thr) node = right[node]!;
          else node = this.slowStep(node, v);
        }
        const j = o + treeOutput[t]!;
        out[j] = out[j]! + leafValue[~node]!;
      }
    }
    return out;
  }

  /** A missing value, or a categorical split. */
  private slowStep(node: number, v: number): number {
    const co = this.catOffset[node]!;
    let goLeft: boolean;
    if (Number.isNaN(v)) goLeft = this.missingLeft[node] === 1;
    else if (co < 0) goLeft = v <= this.threshold[node]!;
    else {
      const word = v >>> 5;
      goLeft =
        v >= 0 && word < this.catWords
          ? ((this.catBitsets[co + word]! >>> (v & 31)) & 1) === 1
          : this.missingLeft[node] === 1;
    }
    return goLeft ? this.left[node]! : this.right[node]!;
  }
}

function countInternal(t: FlatTree): number {
  let c = 0;
  for (let i = 0; i < t.nodeCount; i++) if (t.left[i]! >= 0) c++;
  return c;
}
