// The compiled predictor must reach exactly the leaf the plain tree walk (`leafIndex`) reaches, for
// every path it takes: the lockstep kernel, its NaN variant, and the general walk for categorical
// splits and deep trees; for short blocks, infinities, unknown categories and both output layouts.
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors/index.js';
import { Rng } from '../utils/random.js';
import { CompiledForest } from './compiled-forest.js';
import { type FlatTree, leafIndex } from './flat-tree.js';

interface TreeSpec {
  leaves: number;
  nFeatures: number;
  width: number;
  /** Probability that a split is categorical (on features below `catFeatures`). */
  catRate?: number;
  catFeatures?: number;
  /** Always split the newest leaf: a chain as deep as the tree has leaves. */
  chain?: boolean;
}

/** A random tree: split a random leaf until `leaves` leaves; children always follow parents. */
function randomTree(rng: Rng, spec: TreeSpec): FlatTree {
  const { leaves, nFeatures, width, catRate = 0, catFeatures = 0, chain = false } = spec;
  const n = 2 * leaves - 1;
  const left = new Int32Array(n).fill(-1);
  const right = new Int32Array(n).fill(-1);
  const feature = new Int32Array(n).fill(-1);
  const threshold = new Float64Array(n);
  const missingLeft = new Uint8Array(n);
  const catOffset = new Int32Array(n).fill(-1);
  const bitsets: number[] = [];
  const open = [0];
  let count = 1;
  while (count < n) {
    const pick = chain ? open.length - 1 : rng.int(open.length);
    const u = open.splice(pick, 1)[0]!;
    left[u] = count;
    right[u] = count + 1;
    open.push(count, count + 1);
    count += 2;
    missingLeft[u] = rng.next() < 0.5 ? 1 : 0;
    if (rng.next() < catRate) {
      feature[u] = rng.int(catFeatures);
      catOffset[u] = bitsets.length;
      bitsets.push((rng.next() * 2 ** 32) >>> 0);
    } else {
      feature[u] = rng.int(nFeatures);
      // Thresholds on a coarse grid, so test values often fall exactly on one.
      threshold[u] = Math.round(rng.normal() * 4) / 4;
    }
  }
  return {
    nodeCount: n,
    left,
    right,
    feature,
    threshold,
    missingLeft,
    catOffset,
    catBitsets: Uint32Array.from(bitsets),
    catWords: 1,
    value: Float64Array.from({ length: n * width }, () => rng.normal()),
    nOutputs: width,
    weight: new Float64Array(n).fill(1),
  };
}

/** Rows on the thresholds' grid, with NaN, ±∞ and (in categorical columns) unknown codes. */
function randomRows(rng: Rng, rows: number, cols: number, nanRate: number, catFeatures = 0): Float64Array {
  const x = new Float64Array(rows * cols);
  for (let i = 0; i < x.length; i++) {
    const f = i % cols;
    const u = rng.next();
    if (u < nanRate) x[i] = Number.NaN;
    else if (f < catFeatures) x[i] = u < 0.1 ? [-1, 32, 40, 2.5][rng.int(4)]! : rng.int(32);
    else if (u < nanRate + 0.02)
      x[i] = rng.next() < 0.5 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    else x[i] = Math.round(rng.normal() * 8) / 8;
  }
  return x;
}

/** What accumulate must produce: out[row] += scale × leaf value, tree by tree, walking FlatTrees. */
function reference(
  trees: FlatTree[],
  x: Float64Array,
  rows: number,
  cols: number,
  k: number,
  scale: number,
): Float64Array {
  const out = new Float64Array(rows * k);
  const w = trees[0]!.nOutputs;
  for (let t = 0; t < trees.length; t++) {
    const tree = trees[t]!;
    for (let i = 0; i < rows; i++) {
      const leaf = leafIndex(tree, x, i * cols);
      const to = w === k ? 0 : t % k;
      for (let o = 0; o < w; o++) out[i * k + to + o]! += scale * tree.value[leaf * w + o]!;
    }
  }
  return out;
}

/** Both the generated code (where the trees allow it) and the flat-array walk match the reference. */
function compare(
  trees: FlatTree[],
  x: Float64Array,
  rows: number,
  cols: number,
  k: number,
  scale = 1,
  generated = true,
) {
  const expected = Array.from(reference(trees, x, rows, cols, k, scale));
  for (const codegen of ['always', 'never'] as const) {
    const compiled = CompiledForest.compile(trees, cols, k, { codegen });
    const out = new Float64Array(rows * k);
    compiled.accumulate(x, rows, cols, out, scale);
    expect(compiled.generated).toBe(codegen === 'always' && generated);
    expect(Array.from(out)).toEqual(expected);
  }
  // Warming up, the rows are split between generated code and the walk: the sums cannot tell.
  const auto = CompiledForest.compile(trees, cols, k);
  for (let call = 0; call < 3; call++) {
    const out = new Float64Array(rows * k);
    auto.accumulate(x, rows, cols, out, scale);
    expect(Array.from(out)).toEqual(expected);
  }
}

describe('CompiledForest', () => {
  const rng = new Rng(7);
  const cols = 6;

  it('matches the tree walk on numeric trees without missing values (the lockstep kernel)', () => {
    const trees = Array.from({ length: 20 }, () =>
      randomTree(rng, { leaves: 31, nFeatures: cols, width: 1 }),
    );
    for (const rows of [1, 7, 8, 9, 203]) compare(trees, randomRows(rng, rows, cols, 0), rows, cols, 1);
  });

  it('sends NaN the way each node learned, in blocks holding NaN', () => {
    const trees = Array.from({ length: 20 }, () =>
      randomTree(rng, { leaves: 31, nFeatures: cols, width: 1 }),
    );
    compare(trees, randomRows(rng, 301, cols, 0.2), 301, cols, 1);
  });

  it('walks categorical splits and deep trees row by row with the same semantics', () => {
    const spec = { nFeatures: cols, width: 1, catRate: 0.4, catFeatures: 2 };
    const trees = [
      ...Array.from({ length: 10 }, () => randomTree(rng, { ...spec, leaves: 31 })),
      randomTree(rng, { leaves: 40, nFeatures: cols, width: 1, chain: true }),
    ];
    for (const nan of [0, 0.15]) compare(trees, randomRows(rng, 157, cols, nan, 2), 157, cols, 1);
  });

  it('generates code for many small trees over several functions, in tree order', () => {
    // 120 trees of 63 nodes span six generated functions.
    const trees = Array.from({ length: 120 }, () =>
      randomTree(rng, { leaves: 32, nFeatures: cols, width: 1, catRate: 0.1, catFeatures: 1 }),
    );
    compare(trees, randomRows(rng, 500, cols, 0.05, 1), 500, cols, 3);
    // Zero and negative zero leaves, infinite thresholds: the literals evaluate to the same doubles.
    const odd = randomTree(rng, { leaves: 4, nFeatures: cols, width: 1 });
    odd.value.set([0, -0, 1e-320, -Number.MAX_VALUE, 1 / 3, Number.MIN_VALUE, 0.1 + 0.2]);
    odd.threshold[0] = Number.POSITIVE_INFINITY;
    odd.threshold[odd.left[0]!] = Number.NEGATIVE_INFINITY;
    compare([odd], randomRows(rng, 40, cols, 0.1), 40, cols, 1);
  });

  it('warms generated code up on a share of the rows once a forest has walked 100 000 rows', () => {
    const trees = Array.from({ length: 8 }, () => randomTree(rng, { leaves: 16, nFeatures: cols, width: 1 }));
    const big = 100_000;
    const x = randomRows(rng, big, cols, 0.05);
    const auto = CompiledForest.compile(trees, cols, 1);
    const out = new Float64Array(big);
    auto.accumulate(x, big, cols, out);
    expect(auto.generated).toBe(false);
    expect(Array.from(out)).toEqual(Array.from(reference(trees, x, big, cols, 1, 1)));
    // Small calls: one in 32 goes to generated code, the others to the walk, until it wins.
    const few = x.subarray(0, 5 * cols);
    const expected = Array.from(reference(trees, few, 5, cols, 1, 1));
    for (let call = 0; call < 33; call++) {
      // Before the call: has the code already been measured faster (timing decides when)?
      const switched = auto.codeInUse;
      const o = new Float64Array(5);
      auto.accumulate(few, 5, cols, o);
      expect(auto.generated).toBe(switched || call % 32 === 0);
      expect(Array.from(o)).toEqual(expected);
    }
  });

  it('walks trees too deep to generate as code', () => {
    const trees = [randomTree(rng, { leaves: 80, nFeatures: cols, width: 1, chain: true })];
    compare(trees, randomRows(rng, 64, cols, 0.05), 64, cols, 1, 1, false);
  });

  it('walks forests of deep trees tree by tree over chunks, with and without NaN', () => {
    const deep = () => randomTree(rng, { leaves: 24, nFeatures: cols, width: 2, chain: true });
    const trees = Array.from({ length: 5 }, deep);
    for (const nan of [0, 0.1]) compare(trees, randomRows(rng, 9000, cols, nan), 9000, cols, 2, 1 / 5, true);
  });

  it('spreads multi-output leaves over every output with a scale (forests)', () => {
    const trees = Array.from({ length: 9 }, () => randomTree(rng, { leaves: 12, nFeatures: cols, width: 3 }));
    compare(trees, randomRows(rng, 45, cols, 0.05), 45, cols, 3, 1 / 9);
  });

  it('adds single-valued tree t to output t mod k (boosting, one tree per class)', () => {
    const trees = Array.from({ length: 12 }, () => randomTree(rng, { leaves: 8, nFeatures: cols, width: 1 }));
    compare(trees, randomRows(rng, 33, cols, 0.1), 33, cols, 4);
  });

  it('refuses mismatched outputs and rows of the wrong width', () => {
    const trees = [randomTree(rng, { leaves: 4, nFeatures: cols, width: 2 })];
    expect(() => CompiledForest.compile(trees, cols, 3)).toThrow(FormatError);
    const compiled = CompiledForest.compile(trees, cols);
    expect(() => compiled.accumulate(new Float64Array(10), 2, 5, new Float64Array(4))).toThrow(
      /read 6 features; got rows of 5/,
    );
  });
});
