// Serving-time prediction for many trees: all trees concatenated into flat arrays with sibling
// children adjacent, traversed branch-free (child + (x > threshold)) over blocks of rows.
import type { FlatTree } from './flat-tree.js';

const BLOCK = 64;
/** Trees deeper than this are walked row by row instead of in lockstep. */
const LOCKSTEP_MAX_DEPTH = 12;

/**
 * A forest compiled for prediction. Node u's children are child[u] and child[u] + 1; a leaf points
 * to itself with threshold +∞, so extra steps keep a row in place. NaN goes left (as the trees'
 * `missingLeft` = 1 says): `compile` refuses trees with other missing directions or categories.
 */
export class CompiledForest {
  private readonly pos = new Int32Array(BLOCK);

  private constructor(
    readonly nOutputs: number,
    private readonly roots: Int32Array,
    private readonly depths: Int32Array,
    private readonly child: Int32Array,
    private readonly feature: Int32Array,
    private readonly threshold: Float64Array,
    private readonly value: Float64Array,
  ) {}

  /** Compiles trees with numeric splits and missing values going left; null otherwise. */
  static compile(trees: readonly FlatTree[]): CompiledForest | null {
    let total = 0;
    for (const t of trees) {
      for (let i = 0; i < t.nodeCount; i++)
        if (t.left[i]! >= 0 && (t.catOffset[i]! >= 0 || t.missingLeft[i] !== 1)) return null;
      total += t.nodeCount;
    }
    const k = trees[0]?.nOutputs ?? 1;
    const child = new Int32Array(total);
    const feature = new Int32Array(total);
    const threshold = new Float64Array(total);
    const value = new Float64Array(total * k);
    const roots = new Int32Array(trees.length);
    const depths = new Int32Array(trees.length);
    const queue = new Int32Array(Math.max(1, ...trees.map((t) => t.nodeCount)));
    const depth = new Int32Array(queue.length);
    let base = 0;
    trees.forEach((t, ti) => {
      roots[ti] = base;
      // breadth-first renumbering: queue[q] is the original node given new id base + q
      queue[0] = 0;
      depth[0] = 0;
      let next = 1;
      let maxDepth = 0;
      for (let q = 0; q < next; q++) {
        const old = queue[q]!;
        const u = base + q;
        for (let o = 0; o < k; o++) value[u * k + o] = t.value[old * k + o]!;
        maxDepth = Math.max(maxDepth, depth[q]!);
        const l = t.left[old]!;
        if (l < 0) {
          child[u] = u;
          threshold[u] = Number.POSITIVE_INFINITY;
          continue;
        }
        child[u] = base + next;
        feature[u] = t.feature[old]!;
        threshold[u] = t.threshold[old]!;
        queue[next] = l;
        depth[next++] = depth[q]! + 1;
        queue[next] = t.right[old]!;
        depth[next++] = depth[q]! + 1;
      }
      depths[ti] = maxDepth;
      base += t.nodeCount;
    });
    return new CompiledForest(k, roots, depths, child, feature, threshold, value);
  }

  /** Adds `scale` × Σ_trees leaf value for each row of x (rows × cols, row-major) into out (rows × nOutputs). */
  accumulate(x: Float64Array, rows: number, cols: number, out: Float64Array, scale = 1): void {
    const { child, feature, threshold, value, roots, depths, pos, nOutputs: k } = this;
    for (let start = 0; start < rows; start += BLOCK) {
      const end = Math.min(rows, start + BLOCK);
      const m = end - start;
      for (let t = 0; t < roots.length; t++) {
        const root = roots[t]!;
        const d = depths[t]!;
        if (d <= LOCKSTEP_MAX_DEPTH) {
          pos.fill(root, 0, m);
          for (let step = 0; step < d; step++) {
            for (let r = 0, o = start * cols; r < m; r++, o += cols) {
              const u = pos[r]!;
              // Number(bool) compiles branch-free; a ternary here costs a mispredicted branch per step
              pos[r] = child[u]! + Number(x[o + feature[u]!]! > threshold[u]!);
            }
          }
        } else {
          for (let r = 0, o = start * cols; r < m; r++, o += cols) {
            let u = root;
            let c = child[u]!;
            while (c !== u) {
              u = c + Number(x[o + feature[u]!]! > threshold[u]!);
              c = child[u]!;
            }
            pos[r] = u;
          }
        }
        if (k === 1) for (let r = 0; r < m; r++) out[start + r]! += scale * value[pos[r]!]!;
        else {
          for (let r = 0; r < m; r++) {
            const vo = pos[r]! * k;
            const oo = (start + r) * k;
            for (let o = 0; o < k; o++) out[oo + o]! += scale * value[vo + o]!;
          }
        }
      }
    }
  }
}
