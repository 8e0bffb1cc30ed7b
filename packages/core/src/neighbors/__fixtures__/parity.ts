// Test support: reads the shared parity fixtures (datasets, spec.json, scikit-learn's scores.json)
// for the neighbour and clustering parity tests.
import { readFileSync } from 'node:fs';

const fixtures = new URL('../../../../../tooling/fixtures/', import.meta.url);
const scoresUrl = new URL('parity/scores.json', fixtures);

export interface ParityCase {
  id: string;
  dataset: string;
  ours: { estimator: string; params: Record<string, unknown> };
  preprocess: 'standardize' | null;
  metric: 'accuracy' | 'r2' | 'inertia' | 'ari_with_sklearn';
  tolerance: number;
  toleranceKind: 'absolute' | 'relative';
}

export interface ParityScore {
  id: string;
  score: number;
  sklearnVersion: string;
  labels?: number[];
}

export interface ParityDataset {
  X: number[][];
  y: (number | string)[];
  trainIndex: number[];
  testIndex: number[];
}

function readJson<T>(url: URL): T {
  return JSON.parse(readFileSync(url, 'utf8')) as T;
}

/** The spec entry and scikit-learn's recorded score for a case id. */
export function parityCase(id: string): { spec: ParityCase; sklearn: ParityScore } {
  const spec = readJson<{ cases: ParityCase[] }>(new URL('parity/spec.json', fixtures)).cases.find((c) => c.id === id);
  const sklearn = readJson<{ results: ParityScore[] }>(scoresUrl).results.find((r) => r.id === id);
  if (!spec || !sklearn) throw new Error(`parity case ${id} is missing from spec.json or scores.json`);
  return { spec, sklearn };
}

export function loadDataset(name: string): ParityDataset {
  return readJson<ParityDataset>(new URL(`datasets/${name}.json`, fixtures));
}

/** scikit-learn's StandardScaler fitted on `rows` and applied to every row (population std; 0 → 1). */
export function standardize(X: number[][], rows: number[]): number[][] {
  const d = X[0]!.length;
  const mean = new Array<number>(d).fill(0);
  const sd = new Array<number>(d).fill(0);
  for (const i of rows) for (let j = 0; j < d; j++) mean[j]! += X[i]![j]! / rows.length;
  for (const i of rows) for (let j = 0; j < d; j++) sd[j]! += (X[i]![j]! - mean[j]!) ** 2 / rows.length;
  for (let j = 0; j < d; j++) sd[j] = Math.sqrt(sd[j]!) || 1;
  return X.map((row) => row.map((v, j) => (v - mean[j]!) / sd[j]!));
}

/** The case's data, preprocessed as the spec says; clustering cases use every row for fitting. */
export function caseData(spec: ParityCase): { X: number[][]; y: (number | string)[]; train: number[]; test: number[] } {
  const d = loadDataset(spec.dataset);
  const clustering = spec.metric === 'inertia' || spec.metric === 'ari_with_sklearn';
  const train = clustering ? d.X.map((_, i) => i) : d.trainIndex;
  const X = spec.preprocess === 'standardize' ? standardize(d.X, train) : d.X;
  return { X, y: d.y, train, test: d.testIndex };
}

/** Whether `ours` is within the case's tolerance of scikit-learn's score. */
export function withinTolerance(ours: number, sklearn: number, spec: ParityCase): boolean {
  const diff = Math.abs(ours - sklearn);
  return spec.toleranceKind === 'relative' ? diff <= spec.tolerance * Math.abs(sklearn) : diff <= spec.tolerance;
}
