// Growable node arrays for the tree builder, finished into a FlatTree plus impurity importances.
import type { FlatTree } from './flat-tree.js';

/** Node storage with a fixed capacity (a binary tree over m rows has at most 2m − 1 nodes). */
export class NodeStore {
  count = 0;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly weight: Float64Array;
  readonly impurity: Float64Array;
  private readonly stats: Float64Array;

  constructor(
    capacity: number,
    private readonly nOutputs: number,
    private readonly statWidth: number,
  ) {
    this.left = new Int32Array(capacity).fill(-1);
    this.right = new Int32Array(capacity).fill(-1);
    this.feature = new Int32Array(capacity).fill(-1);
    this.threshold = new Float64Array(capacity);
    this.weight = new Float64Array(capacity);
    this.impurity = new Float64Array(capacity);
    this.stats = new Float64Array(capacity * statWidth);
  }

  /** Adds a leaf, linked from `parent` (−1 for the root). */
  add(parent: number, isLeft: boolean): number {
    const node = this.count++;
    if (parent >= 0) (isLeft ? this.left : this.right)[parent] = node;
    return node;
  }

  /** The node's statistics row (class weights, or [sumW, sumWY, sumWY²]). */
  statsOf(node: number): Float64Array {
    return this.stats.subarray(node * this.statWidth, (node + 1) * this.statWidth);
  }

  setSplit(node: number, feature: number, threshold: number): void {
    this.feature[node] = feature;
    this.threshold[node] = threshold;
  }

  /** The finished tree (arrays trimmed to the node count) and raw importances. */
  finish(
    nFeatures: number,
    nClasses: number,
    regression: boolean,
  ): { tree: FlatTree; importances: Float64Array } {
    const m = this.count;
    const k = this.nOutputs;
    const value = new Float64Array(m * k);
    const importances = new Float64Array(nFeatures);
    for (let i = 0; i < m; i++) {
      const st = this.statsOf(i);
      const wi = this.weight[i]!;
      if (regression) value[i] = wi > 0 ? st[1]! / wi : 0;
      else for (let c = 0; c < nClasses; c++) value[i * k + c] = wi > 0 ? st[c]! / wi : 0;
      const l = this.left[i]!;
      if (l >= 0) {
        const r = this.right[i]!;
        importances[this.feature[i]!]! +=
          wi * this.impurity[i]! - this.weight[l]! * this.impurity[l]! - this.weight[r]! * this.impurity[r]!;
      }
    }
    const tree: FlatTree = {
      nodeCount: m,
      left: this.left.slice(0, m),
      right: this.right.slice(0, m),
      feature: this.feature.slice(0, m),
      threshold: this.threshold.slice(0, m),
      missingLeft: new Uint8Array(m).fill(1),
      catOffset: new Int32Array(m).fill(-1),
      catBitsets: new Uint32Array(0),
      catWords: 0,
      value,
      nOutputs: k,
      weight: this.weight.slice(0, m),
    };
    return { tree, importances };
  }
}
