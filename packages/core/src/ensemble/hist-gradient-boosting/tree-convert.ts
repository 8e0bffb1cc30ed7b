// Turns a grown tree (bin space) into the shared FlatTree (raw feature space: real thresholds,
// category bitsets over codes), and predicts grown trees on binned rows during training.
import type { FlatTree } from '../../tree/flat-tree.js';
import type { BinMapper } from './binning.js';
import type { GrowNode } from './grower.js';

/** 32-bit words per categorical bitset for a mapper (covers codes 0..maxBins). */
export function catWordsFor(mapper: BinMapper): number {
  return (mapper.maxBins >>> 5) + 1;
}

/** The FlatTree of a grown tree: node values are raw-score contributions, weight is the hessian sum (cover). */
export function toFlatTree(nodes: GrowNode[], mapper: BinMapper): FlatTree {
  const m = nodes.length;
  const catWords = catWordsFor(mapper);
  const left = new Int32Array(m);
  const right = new Int32Array(m);
  const feature = new Int32Array(m);
  const threshold = new Float64Array(m);
  const missingLeft = new Uint8Array(m);
  const catOffset = new Int32Array(m).fill(-1);
  const value = new Float64Array(m);
  const weight = new Float64Array(m);
  const bitsets: number[] = [];
  for (let i = 0; i < m; i++) {
    const n = nodes[i]!;
    value[i] = n.value;
    weight[i] = n.sumH;
    left[i] = n.left;
    right[i] = n.right;
    const s = n.split;
    if (n.left < 0 || s === null) {
      feature[i] = -1;
      left[i] = -1;
      right[i] = -1;
      continue;
    }
    const f = s.feature;
    feature[i] = f;
    missingLeft[i] = s.missingLeft ? 1 : 0;
    if (s.leftBins !== null) {
      threshold[i] = Number.NaN;
      catOffset[i] = bitsets.length;
      const seen = mapper.seenCategories[f]!;
      for (let w = 0; w < catWords; w++) {
        let word = 0;
        for (let b = 0; b < 32; b++) {
          const c = w * 32 + b;
          const isLeft = seen[c] === 1 ? ((s.leftBins[c >>> 5]! >>> (c & 31)) & 1) === 1 : s.missingLeft;
          if (isLeft) word |= 1 << b;
        }
        bitsets.push(word >>> 0);
      }
    } else {
      const t = mapper.thresholds[f]!;
      threshold[i] = s.binThreshold < t.length ? t[s.binThreshold]! : Number.POSITIVE_INFINITY;
    }
  }
  return {
    nodeCount: m,
    left,
    right,
    feature,
    threshold,
    missingLeft,
    catOffset,
    catBitsets: Uint32Array.from(bitsets),
    catWords,
    value,
    nOutputs: 1,
    weight,
  };
}

/** Adds the tree's leaf values for every binned row (except those marked in `skip`) into raw[row * stride + offset]. */
export function addBinnedPredictions(
  nodes: GrowNode[],
  bins: Uint8Array,
  nRows: number,
  nBins: Int32Array,
  raw: Float64Array,
  stride: number,
  offset: number,
  skip?: Uint8Array,
): void {
  for (let i = 0; i < nRows; i++) {
    if (skip !== undefined && skip[i] === 1) continue;
    let n = nodes[0]!;
    while (n.left >= 0) {
      const s = n.split!;
      const b = bins[s.feature * nRows + i]!;
      const goLeft =
        s.leftBins !== null
          ? ((s.leftBins[b >>> 5]! >>> (b & 31)) & 1) === 1
          : b === nBins[s.feature]
            ? s.missingLeft
            : b <= s.binThreshold;
      n = nodes[goLeft ? n.left : n.right]!;
    }
    raw[i * stride + offset] = raw[i * stride + offset]! + n.value;
  }
}
