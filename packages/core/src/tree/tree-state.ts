// Persistence of FlatTrees: many trees packed into a few concatenated typed arrays (one blob
// each in the saved file), and strict validation when reading them back.
import type { State, StateValue } from '../base/index.js';
import { FormatError } from '../errors/index.js';
import type { FlatTree } from './flat-tree.js';

function concat<T extends Int32Array | Float64Array | Uint8Array | Uint32Array>(
  parts: readonly T[],
  make: (n: number) => T,
): T {
  const out = make(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p as never, o);
    o += p.length;
  }
  return out;
}

/** Packs trees (all with the same nOutputs) into a state object. */
export function packTrees(trees: readonly FlatTree[]): State {
  return {
    nodeCounts: Int32Array.from(trees, (t) => t.nodeCount),
    catWords: Int32Array.from(trees, (t) => t.catWords),
    catLengths: Int32Array.from(trees, (t) => t.catBitsets.length),
    nOutputs: trees[0]?.nOutputs ?? 1,
    left: concat(
      trees.map((t) => t.left),
      (n) => new Int32Array(n),
    ),
    right: concat(
      trees.map((t) => t.right),
      (n) => new Int32Array(n),
    ),
    feature: concat(
      trees.map((t) => t.feature),
      (n) => new Int32Array(n),
    ),
    threshold: concat(
      trees.map((t) => t.threshold),
      (n) => new Float64Array(n),
    ),
    missingLeft: concat(
      trees.map((t) => t.missingLeft),
      (n) => new Uint8Array(n),
    ),
    catOffset: concat(
      trees.map((t) => t.catOffset),
      (n) => new Int32Array(n),
    ),
    catBitsets: concat(
      trees.map((t) => t.catBitsets),
      (n) => new Uint32Array(n),
    ),
    value: concat(
      trees.map((t) => t.value),
      (n) => new Float64Array(n),
    ),
    weight: concat(
      trees.map((t) => t.weight),
      (n) => new Float64Array(n),
    ),
  };
}

function typed<T>(state: State, key: string, ctor: new (n: number) => T, owner: string): T {
  const v = state[key];
  if (!(v instanceof ctor)) throw new FormatError(`${owner}: saved trees lack a valid '${key}' array`);
  return v;
}

/**
 * Unpacks and validates trees saved by packTrees: every node is a leaf or has two children
 * with larger indices (so prediction terminates), features are in range, values are finite.
 */
export function unpackTrees(
  raw: StateValue | undefined,
  owner: string,
  nFeatures: number,
  nOutputs: number,
): FlatTree[] {
  if (
    raw === null ||
    typeof raw !== 'object' ||
    Array.isArray(raw) ||
    ArrayBuffer.isView(raw) ||
    !('nodeCounts' in raw)
  ) {
    throw new FormatError(`${owner}: saved state has no trees`);
  }
  const state = raw as State;
  const counts = typed(state, 'nodeCounts', Int32Array, owner);
  const catWords = typed(state, 'catWords', Int32Array, owner);
  const catLengths = typed(state, 'catLengths', Int32Array, owner);
  const arrays = {
    left: typed(state, 'left', Int32Array, owner),
    right: typed(state, 'right', Int32Array, owner),
    feature: typed(state, 'feature', Int32Array, owner),
    threshold: typed(state, 'threshold', Float64Array, owner),
    missingLeft: typed(state, 'missingLeft', Uint8Array, owner),
    catOffset: typed(state, 'catOffset', Int32Array, owner),
    catBitsets: typed(state, 'catBitsets', Uint32Array, owner),
    value: typed(state, 'value', Float64Array, owner),
    weight: typed(state, 'weight', Float64Array, owner),
  };
  const total = counts.reduce((a, c) => a + c, 0);
  const bad = (why: string): never => {
    throw new FormatError(`${owner}: saved trees are corrupt (${why})`);
  };
  if (state['nOutputs'] !== nOutputs) bad(`nOutputs ${String(state['nOutputs'])}, expected ${nOutputs}`);
  if (catWords.length !== counts.length || catLengths.length !== counts.length)
    bad('per-tree arrays differ in length');
  for (const key of [
    'left',
    'right',
    'feature',
    'threshold',
    'missingLeft',
    'catOffset',
    'weight',
  ] as const) {
    if (arrays[key].length !== total) bad(`'${key}' has ${arrays[key].length} entries, expected ${total}`);
  }
  if (arrays.value.length !== total * nOutputs) bad('value length');
  if (arrays.catBitsets.length !== catLengths.reduce((a, c) => a + c, 0)) bad('catBitsets length');
  const trees: FlatTree[] = [];
  let o = 0;
  let co = 0;
  for (let t = 0; t < counts.length; t++) {
    const m = counts[t]!;
    const words = catWords[t]!;
    const clen = catLengths[t]!;
    if (m < 1 || words < 0 || clen < 0) bad(`tree ${t} sizes`);
    const tree: FlatTree = {
      nodeCount: m,
      left: arrays.left.slice(o, o + m),
      right: arrays.right.slice(o, o + m),
      feature: arrays.feature.slice(o, o + m),
      threshold: arrays.threshold.slice(o, o + m),
      missingLeft: arrays.missingLeft.slice(o, o + m),
      catOffset: arrays.catOffset.slice(o, o + m),
      catBitsets: arrays.catBitsets.slice(co, co + clen),
      catWords: words,
      value: arrays.value.slice(o * nOutputs, (o + m) * nOutputs),
      nOutputs,
      weight: arrays.weight.slice(o, o + m),
    };
    checkTree(tree, nFeatures, (why) => bad(`tree ${t}: ${why}`));
    trees.push(tree);
    o += m;
    co += clen;
  }
  return trees;
}

function checkTree(t: FlatTree, nFeatures: number, bad: (why: string) => never): void {
  for (let i = 0; i < t.nodeCount; i++) {
    const l = t.left[i]!;
    const r = t.right[i]!;
    if (!(t.weight[i]! >= 0) || !Number.isFinite(t.weight[i]!)) bad(`node ${i} weight`);
    for (let k = 0; k < t.nOutputs; k++)
      if (!Number.isFinite(t.value[i * t.nOutputs + k]!)) bad(`node ${i} value`);
    if (l === -1 && r === -1) continue;
    if (l <= i || r <= i || l >= t.nodeCount || r >= t.nodeCount) bad(`node ${i} children ${l}, ${r}`);
    const f = t.feature[i]!;
    if (f < 0 || f >= nFeatures) bad(`node ${i} feature ${f}`);
    if (t.missingLeft[i]! > 1) bad(`node ${i} missingLeft`);
    const c = t.catOffset[i]!;
    if (c === -1) {
      if (Number.isNaN(t.threshold[i]!)) bad(`node ${i} threshold`);
    } else if (c < 0 || c + t.catWords > t.catBitsets.length) bad(`node ${i} category bitset`);
  }
}
