// Serving-time prediction for many trees (forests and boosted ensembles). Ensembles of small trees
// are compiled to JavaScript: each tree becomes nested ifs with its features, thresholds and leaf
// values as constants, so a row costs only the comparisons on its path, and V8 compiles them to
// native branches. Where that cannot be done (trees too large, or a runtime that forbids code
// generation), every tree is concatenated into flat arrays with sibling children adjacent, rows are
// taken BLOCK at a time and walked through each tree in lockstep with a branch-free step,
// child + (x > threshold): independent rows give the CPU independent chains of loads to overlap.
import { FormatError } from '../errors/index.js';
import type { FlatTree } from './flat-tree.js';

/** Rows taken per block: each tree is walked for all of them while its nodes are in cache. */
const BLOCK = 64;
/** Rows walked in lockstep; the fast kernel below is unrolled for exactly this many. */
const LANES = 8;
/** Trees deeper than this are walked row by row: lockstep runs every row to the deepest leaf. */
const LOCKSTEP_MAX_DEPTH = 16;
/** Rows per pass when every tree is deep: each tree's (large) node arrays stay cached across them. */
const DEEP_CHUNK = 8192;
/** How each tree is walked: lockstep, row by row (deep numeric trees), or the general walk (categories). */
const LOCKSTEP = 0;
const DEEP = 1;
const GENERAL = 2;
/**
 * Most nodes compiled into one generated function. Each function runs over the whole batch, so
 * only its branches are live at once: more of them thrash the CPU's branch predictor, and much
 * larger functions are not optimized by V8 at all (100 trees of 61 nodes in one function ran 16×
 * slower than in chunks of 20 trees).
 */
const CODE_NODES_PER_FUNCTION = 1280;
/** Largest ensemble compiled to code; beyond it the generated code's size outweighs the gain. */
const CODE_MAX_NODES = 250_000;
/** Deepest tree compiled to code (nested blocks); deeper ones (fully grown forests) are walked. */
const CODE_MAX_DEPTH = 64;

/** A generated kernel: adds its trees' leaf values (scale included) for rows [0, rows) of x into out. */
type Kernel = (x: Float64Array, rows: number, out: Float64Array, bitsets: Uint32Array) => void;

/**
 * In 'auto' mode code is generated only for a forest that has already walked WARM_AFTER_ROWS
 * rows, so one-off predictions never pay for it. Then, while it warms up, generated code takes one
 * row in WARM_SHARE (one call in WARM_SHARE when calls are small): V8 optimizes a function only
 * after it has run for a while, and until then it is 5–10× slower than the walk. Rows are taken
 * WARM_CHUNK at a time, so one large call can switch midway.
 */
const WARM_AFTER_ROWS = 100_000;
const WARM_SHARE = 32;
const WARM_CHUNK = 65_536;
/** Generated code takes over once its time per row is below this share of the walk's. */
const SWITCH_RATIO = 0.8;
/** Rows of generated code after which, if it has not been measured faster, the walk is kept. */
const PROBE_LIMIT_ROWS = 2_000_000;

/**
 * How a compiled forest uses generated code: 'auto' (the default) warms it up on a share of the
 * rows and switches to it once measured faster than the flat-array walk; 'always' uses it from
 * the first row; 'never' always walks.
 */
export type CodegenMode = 'auto' | 'always' | 'never';

/** Options of `CompiledForest.compile`. */
export interface CompileOptions {
  codegen?: CodegenMode;
}

/**
 * A compiled ensemble. Node u's children are child[u] (left) and child[u] + 1 (right); a leaf
 * points to itself with threshold +∞, so extra lockstep steps keep a row in place. `fo[u]` is the
 * split feature's offset in a transposed block (feature × BLOCK), so the row index is a constant
 * per chain. NaN follows each node's learned direction; trees with categorical splits take the
 * general per-row walk; forests of deep trees are walked tree by tree over large chunks of rows.
 */
export class CompiledForest {
  /** Scratch: one block of rows, transposed, and the leaf each tree sends each row of it to. */
  private readonly xb: Float64Array;
  private readonly leaves: Int32Array;
  /** Every tree is deep and numeric: walked by `accumulateDeep`. */
  private readonly allDeep: boolean;
  /**
   * Generated kernels in tree order for one scale, which is folded into the leaf constants (a
   * multiply per tree measured 15–20 % slower); null when code cannot or must not be generated.
   */
  private kernels: { scale: number; fns: Kernel[] | null } | null;
  private usedCode = false;
  /** Warm-up measurements ('auto'): mean time per row of each path, and rows given to the code. */
  private codeNsPerRow = Number.NaN;
  private walkNsPerRow = Number.NaN;
  private probedRows = 0;
  private walkedRows = 0;
  private calls = 0;

  private constructor(
    /** Width of a prediction row: the length of each row of `out`. */
    readonly nOutputs: number,
    /** Values per node: nOutputs for forests, 1 for boosted trees (tree t adds to output t mod nOutputs). */
    private readonly width: number,
    private readonly nFeatures: number,
    private readonly roots: Int32Array,
    private readonly depths: Int32Array,
    private readonly kind: Uint8Array,
    private readonly child: Int32Array,
    private readonly feature: Int32Array,
    private readonly fo: Int32Array,
    private readonly threshold: Float64Array,
    private readonly missRight: Uint8Array,
    private readonly catOffset: Int32Array,
    private readonly catBitsets: Uint32Array,
    private readonly catWords: number,
    private readonly value: Float64Array,
    private mode: CodegenMode,
  ) {
    this.kernels = mode === 'never' ? null : { scale: Number.NaN, fns: null };
    this.xb = new Float64Array(nFeatures * BLOCK);
    this.leaves = new Int32Array(roots.length * BLOCK);
    this.allDeep = kind.length > 0 && kind.every((k) => k === DEEP);
  }

  /**
   * Compiles trees that read `nFeatures` columns. With `nOutputs` equal to the trees' value width
   * every tree adds to every output (forests); with single-valued trees and `nOutputs` > 1, tree t
   * adds to output t mod nOutputs (one boosted tree per class and iteration).
   */
  static compile(
    trees: readonly FlatTree[],
    nFeatures: number,
    nOutputs = trees[0]?.nOutputs ?? 1,
    options: CompileOptions = {},
  ): CompiledForest {
    const width = trees[0]?.nOutputs ?? 1;
    if (trees.some((t) => t.nOutputs !== width) || (width !== nOutputs && width !== 1))
      throw new FormatError(`Trees hold ${width} values per node; they cannot fill ${nOutputs} outputs`);
    let total = 0;
    let bitWords = 0;
    const catWords = trees.find((t) => t.catBitsets.length > 0)?.catWords ?? 1;
    for (const t of trees) {
      total += t.nodeCount;
      bitWords += t.catBitsets.length;
      if (t.catBitsets.length > 0 && t.catWords !== catWords)
        throw new FormatError('Trees of one ensemble must share catWords');
    }
    const child = new Int32Array(total);
    const feature = new Int32Array(total);
    const fo = new Int32Array(total);
    const threshold = new Float64Array(total);
    const missRight = new Uint8Array(total);
    const catOffset = new Int32Array(total).fill(-1);
    const catBitsets = new Uint32Array(bitWords);
    const value = new Float64Array(total * width);
    const roots = new Int32Array(trees.length);
    const depths = new Int32Array(trees.length);
    const kind = new Uint8Array(trees.length);
    const queue = new Int32Array(Math.max(1, ...trees.map((t) => t.nodeCount)));
    const depth = new Int32Array(queue.length);
    let base = 0;
    let bits = 0;
    trees.forEach((t, ti) => {
      roots[ti] = base;
      // breadth-first renumbering: queue[q] is the original node given the new id base + q
      queue[0] = 0;
      depth[0] = 0;
      let next = 1;
      let maxDepth = 0;
      for (let q = 0; q < next; q++) {
        const old = queue[q]!;
        const u = base + q;
        for (let o = 0; o < width; o++) value[u * width + o] = t.value[old * width + o]!;
        maxDepth = Math.max(maxDepth, depth[q]!);
        const l = t.left[old]!;
        if (l < 0) {
          child[u] = u;
          threshold[u] = Number.POSITIVE_INFINITY;
          continue;
        }
        child[u] = base + next;
        feature[u] = t.feature[old]!;
        fo[u] = t.feature[old]! * BLOCK;
        threshold[u] = t.threshold[old]!;
        missRight[u] = t.missingLeft[old] === 1 ? 0 : 1;
        const co = t.catOffset[old]!;
        if (co >= 0) {
          catOffset[u] = bits + co;
          kind[ti] = GENERAL;
        }
        queue[next] = l;
        depth[next++] = depth[q]! + 1;
        queue[next] = t.right[old]!;
        depth[next++] = depth[q]! + 1;
      }
      catBitsets.set(t.catBitsets, bits);
      bits += t.catBitsets.length;
      depths[ti] = maxDepth;
      if (maxDepth > LOCKSTEP_MAX_DEPTH && kind[ti] === LOCKSTEP) kind[ti] = DEEP;
      base += t.nodeCount;
    });
    return new CompiledForest(
      nOutputs,
      width,
      nFeatures,
      roots,
      depths,
      kind,
      child,
      feature,
      fo,
      threshold,
      missRight,
      catOffset,
      catBitsets,
      catWords,
      value,
      options.codegen ?? 'auto',
    );
  }

  /** Whether the last `accumulate` ran rows through generated code. */
  get generated(): boolean {
    return this.usedCode;
  }

  /** Whether generated code has taken over every row (in 'auto' mode, once measured faster). */
  get codeInUse(): boolean {
    return this.mode === 'always' && this.kernels !== null && this.kernels.fns !== null;
  }

  private kernelsFor(scale: number): Kernel[] | null {
    if (this.kernels === null) return null;
    if (!Object.is(this.kernels.scale, scale)) this.kernels = { scale, fns: this.generate(scale) };
    return this.kernels.fns;
  }

  /** Adds `scale` × each tree's leaf value for every row of x (rows × cols, row-major) into out (rows × nOutputs). */
  accumulate(x: Float64Array, rows: number, cols: number, out: Float64Array, scale = 1): void {
    if (cols !== this.nFeatures)
      throw new FormatError(`The compiled trees read ${this.nFeatures} features; got rows of ${cols}`);
    this.usedCode = false;
    const kernels = this.mode === 'auto' && this.walkedRows < WARM_AFTER_ROWS ? null : this.kernelsFor(scale);
    if (kernels === null) {
      this.walkedRows += rows;
      this.walk(x, rows, cols, out, scale);
      return;
    }
    // Each kernel adds its trees in order to every row, so each row's sum is built in tree order
    // and both paths give the same doubles: rows can go to either.
    for (let start = 0; start < rows; start += WARM_CHUNK) {
      const m = Math.min(WARM_CHUNK, rows - start);
      if (this.mode === 'always') {
        this.usedCode = true;
        const xs = x.subarray(start * cols);
        const os = out.subarray(start * this.nOutputs);
        for (const kernel of kernels) kernel(xs, m, os, this.catBitsets);
      } else if (this.mode === 'never') {
        this.walk(x.subarray(start * cols), m, cols, out.subarray(start * this.nOutputs), scale);
      } else {
        this.warmUp(kernels, x.subarray(start * cols), m, cols, out.subarray(start * this.nOutputs), scale);
      }
    }
  }

  /** Rows split between generated code (first) and the walk, both timed; switches when code wins. */
  private warmUp(
    kernels: Kernel[],
    x: Float64Array,
    rows: number,
    cols: number,
    out: Float64Array,
    scale: number,
  ): void {
    const q = rows >= WARM_SHARE ? Math.ceil(rows / WARM_SHARE) : this.calls++ % WARM_SHARE === 0 ? rows : 0;
    const average = (mean: number, ns: number) => (Number.isNaN(mean) ? ns : 0.75 * mean + 0.25 * ns);
    if (q > 0) {
      const t0 = performance.now();
      for (const kernel of kernels) kernel(x, q, out, this.catBitsets);
      this.codeNsPerRow = average(this.codeNsPerRow, ((performance.now() - t0) * 1e6) / q);
      this.probedRows += q;
      this.usedCode = true;
    }
    if (q < rows) {
      const t0 = performance.now();
      this.walk(x.subarray(q * cols), rows - q, cols, out.subarray(q * this.nOutputs), scale);
      this.walkNsPerRow = average(this.walkNsPerRow, ((performance.now() - t0) * 1e6) / (rows - q));
    }
    if (this.codeNsPerRow < SWITCH_RATIO * this.walkNsPerRow) this.mode = 'always';
    else if (this.probedRows > PROBE_LIMIT_ROWS) {
      this.mode = 'never';
      this.kernels = null;
    }
  }

  /** The flat-array paths: lockstep blocks, or tree by tree when every tree is deep. */
  private walk(x: Float64Array, rows: number, cols: number, out: Float64Array, scale: number): void {
    if (this.allDeep) {
      this.accumulateDeep(x, rows, cols, out, scale);
      return;
    }
    const { xb, leaves, roots, value, width, nOutputs: k } = this;
    const spread = width === k;
    for (let start = 0; start < rows; start += BLOCK) {
      const m = Math.min(BLOCK, rows - start);
      // Transpose the block; padding rows up to a multiple of LANES hold 0 and are never written out.
      let nan = false;
      for (let r = 0; r < Math.ceil(m / LANES) * LANES; r++) {
        const o = (start + r) * cols;
        for (let f = 0; f < cols; f++) {
          const v = r < m ? x[o + f]! : 0;
          xb[f * BLOCK + r] = v;
          nan ||= Number.isNaN(v);
        }
      }
      if (nan) this.walkMissing(m);
      else this.lockstep(m);
      for (let t = 0; t < roots.length; t++) {
        const lo = t * BLOCK;
        const to = spread ? 0 : t % k;
        if (width === 1) {
          for (let r = 0, oo = start * k + to; r < m; r++, oo += k)
            out[oo]! += scale * value[leaves[lo + r]!]!;
        } else {
          for (let r = 0; r < m; r++) {
            const vo = leaves[lo + r]! * width;
            const oo = (start + r) * k + to;
            for (let o = 0; o < width; o++) out[oo + o]! += scale * value[vo + o]!;
          }
        }
      }
    }
  }

  /**
   * Forests of deep trees (a random forest's fully grown trees): tree by tree over chunks of
   * rows read in place, so a tree's nodes are fetched once per chunk rather than once per block.
   * Trees are still added in order for each row, so sums match the block path exactly.
   */
  private accumulateDeep(
    x: Float64Array,
    rows: number,
    cols: number,
    out: Float64Array,
    scale: number,
  ): void {
    const { child, feature, threshold: th, missRight, roots, value, width, nOutputs: k } = this;
    const spread = width === k;
    for (let start = 0; start < rows; start += DEEP_CHUNK) {
      const end = Math.min(rows, start + DEEP_CHUNK);
      let nan = false;
      for (let i = start * cols; i < end * cols; i++) nan ||= Number.isNaN(x[i]!);
      for (let t = 0; t < roots.length; t++) {
        const root = roots[t]!;
        const to = spread ? 0 : t % k;
        for (let i = start, o = start * cols; i < end; i++, o += cols) {
          let u = root;
          let c = child[u]!;
          while (c !== u) {
            const v = x[o + feature[u]!]!;
            u =
              c + (nan ? Number(v > th[u]!) | (Number(Number.isNaN(v)) & missRight[u]!) : Number(v > th[u]!));
            c = child[u]!;
          }
          const oo = i * k + to;
          for (let q = 0; q < width; q++) out[oo + q]! += scale * value[u * width + q]!;
        }
      }
    }
  }

  /**
   * Generates the kernels: consecutive trees grouped up to CODE_NODES_PER_FUNCTION nodes, each
   * tree as nested ifs. Numeric nodes test `x <= t` when NaN goes right and `!(x > t)` when it
   * goes left; categorical nodes test the bitset exactly as `walkGeneral` does. Only numbers
   * from typed arrays reach the source. Returns null when the trees are too large or deep, or
   * when the runtime forbids generating code (a content security policy, for instance).
   */
  private generate(scale: number): Kernel[] | null {
    const { roots, depths, child, width, nOutputs: k } = this;
    const total = child.length;
    if (total > CODE_MAX_NODES) return null;
    const size = (t: number) => (t + 1 < roots.length ? roots[t + 1]! : total) - roots[t]!;
    for (let t = 0; t < roots.length; t++)
      if (size(t) > CODE_NODES_PER_FUNCTION || depths[t]! > CODE_MAX_DEPTH) return null;
    const sums = Array.from({ length: k }, (_, o) => `s${o}`);
    const sources: string[] = [];
    for (let t = 0; t < roots.length; ) {
      let body = '';
      const used = new Set<number>();
      for (let nodes = 0; t < roots.length && nodes + size(t) <= CODE_NODES_PER_FUNCTION; t++) {
        nodes += size(t);
        body += `${this.treeSource(roots[t]!, width === k ? 0 : t % k, scale, used)}\n`;
      }
      // Each feature the trees read is loaded once per row (one bounds check, not one per node).
      const loads = [...used].map((f) => `const x${f} = x[o + ${f}];`).join(' ');
      sources.push(
        `for (let i = 0, o = 0, p = 0; i < rows; i++, o += ${this.nFeatures}, p += ${k}) {\n` +
          `let ${sums.map((v, o) => `${v} = out[p + ${o}]`).join(', ')};\n${loads}\n${body}` +
          `${sums.map((v, o) => `out[p + ${o}] = ${v};`).join(' ')}\n}`,
      );
    }
    try {
      return sources.map((src) => new Function('x', 'rows', 'out', 'bitsets', src) as Kernel);
    } catch (e) {
      // A runtime that forbids code from strings throws EvalError; anything else is a bug here.
      if (e instanceof EvalError) return null;
      throw e;
    }
  }

  /** One tree as nested ifs over the row's features x{f}, adding scale × its leaf to sums s{to}… */
  private treeSource(u: number, to: number, scale: number, used: Set<number>): string {
    const { child, feature, threshold, missRight, catOffset, catWords, value, width } = this;
    if (child[u] === u) {
      let add = '';
      // scale × value is the same double whether multiplied here or at run time.
      for (let q = 0; q < width; q++) add += `s${to + q} += ${literal(scale * value[u * width + q]!)}; `;
      return add;
    }
    const l = this.treeSource(child[u]!, to, scale, used);
    const r = this.treeSource(child[u]! + 1, to, scale, used);
    used.add(feature[u]!);
    const v = `x${feature[u]}`;
    const co = catOffset[u]!;
    if (co >= 0) {
      const missLeft = missRight[u] === 1 ? 'false' : 'true';
      return (
        `if (${v} >= 0 && ${v} >>> 5 < ${catWords} ? ((bitsets[${co} + (${v} >>> 5)] >>> (${v} & 31)) & 1) === 1 : ${missLeft}) ` +
        `{ ${l}} else { ${r}} `
      );
    }
    const t = literal(threshold[u]!);
    const test = missRight[u] === 1 ? `${v} <= ${t}` : `!(${v} > ${t})`;
    return `if (${test}) { ${l}} else { ${r}} `;
  }

  /**
   * The hot kernel: every tree for a block with no missing value, LANES rows at a time, unrolled so
   * each row's chain lives in a register. Writes the leaf of tree t, row r to leaves[t * BLOCK + r].
   */
  private lockstep(m: number): void {
    const { child, fo, threshold: th, xb, leaves, roots, depths, kind } = this;
    for (let t = 0; t < roots.length; t++) {
      if (kind[t] !== LOCKSTEP) {
        if (kind[t] === DEEP) this.walkDeep(t, m);
        else this.walkGeneral(t, m);
        continue;
      }
      const root = roots[t]!;
      const depth = depths[t]!;
      for (let b = 0; b < m; b += LANES) {
        let u0 = root;
        let u1 = root;
        let u2 = root;
        let u3 = root;
        let u4 = root;
        let u5 = root;
        let u6 = root;
        let u7 = root;
        // Number(bool) compiles branch-free; a ternary here costs a mispredicted branch per step.
        for (let d = depth; d > 0; d--) {
          u0 = child[u0]! + Number(xb[fo[u0]! + b]! > th[u0]!);
          u1 = child[u1]! + Number(xb[fo[u1]! + b + 1]! > th[u1]!);
          u2 = child[u2]! + Number(xb[fo[u2]! + b + 2]! > th[u2]!);
          u3 = child[u3]! + Number(xb[fo[u3]! + b + 3]! > th[u3]!);
          u4 = child[u4]! + Number(xb[fo[u4]! + b + 4]! > th[u4]!);
          u5 = child[u5]! + Number(xb[fo[u5]! + b + 5]! > th[u5]!);
          u6 = child[u6]! + Number(xb[fo[u6]! + b + 6]! > th[u6]!);
          u7 = child[u7]! + Number(xb[fo[u7]! + b + 7]! > th[u7]!);
        }
        const lo = t * BLOCK + b;
        leaves[lo] = u0;
        leaves[lo + 1] = u1;
        leaves[lo + 2] = u2;
        leaves[lo + 3] = u3;
        leaves[lo + 4] = u4;
        leaves[lo + 5] = u5;
        leaves[lo + 6] = u6;
        leaves[lo + 7] = u7;
      }
    }
  }

  /** Every tree for a block holding NaN: a missing value goes right where the node learned so. */
  private walkMissing(m: number): void {
    const { child, fo, threshold: th, missRight, xb, leaves, roots, depths, kind } = this;
    for (let t = 0; t < roots.length; t++) {
      if (kind[t] !== LOCKSTEP) {
        this.walkGeneral(t, m);
        continue;
      }
      for (let r = 0; r < m; r++) {
        let u = roots[t]!;
        for (let d = depths[t]!; d > 0; d--) {
          const v = xb[fo[u]! + r]!;
          u = child[u]! + (Number(v > th[u]!) | (Number(Number.isNaN(v)) & missRight[u]!));
        }
        leaves[t * BLOCK + r] = u;
      }
    }
  }

  /** Tree t row by row, branch-free steps but a loop exit per row: deep numeric trees, no NaN. */
  private walkDeep(t: number, m: number): void {
    const { child, fo, threshold: th, xb, leaves } = this;
    for (let r = 0; r < m; r++) {
      let u = this.roots[t]!;
      let c = child[u]!;
      while (c !== u) {
        u = c + Number(xb[fo[u]! + r]! > th[u]!);
        c = child[u]!;
      }
      leaves[t * BLOCK + r] = u;
    }
  }

  /** Tree t row by row with branches: categorical splits, and deep trees in blocks holding NaN. */
  private walkGeneral(t: number, m: number): void {
    const { child, fo, threshold: th, missRight, catOffset, catBitsets, catWords, xb, leaves } = this;
    for (let r = 0; r < m; r++) {
      let u = this.roots[t]!;
      while (child[u] !== u) {
        const v = xb[fo[u]! + r]!;
        const co = catOffset[u]!;
        let right: boolean;
        if (Number.isNaN(v)) right = missRight[u] === 1;
        else if (co < 0) right = v > th[u]!;
        else {
          // A known category goes left when its bit is set; unknown codes follow the missing direction.
          const word = v >>> 5;
          right =
            v >= 0 && word < catWords
              ? ((catBitsets[co + word]! >>> (v & 31)) & 1) === 0
              : missRight[u] === 1;
        }
        u = child[u]! + (right ? 1 : 0);
      }
      leaves[t * BLOCK + r] = u;
    }
  }
}

/** A number as JavaScript source that evaluates to exactly the same double. */
function literal(v: number): string {
  if (Object.is(v, -0)) return '(-0)';
  // String() gives the shortest decimal that round-trips, and 'Infinity', '-Infinity', 'NaN'.
  return `(${String(v)})`;
}
