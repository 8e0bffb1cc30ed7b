// Reads the scikit-learn parity fixtures (spec.json cases, scores.json, datasets) for tree tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));

export const readRepoJson = <T>(path: string): T => JSON.parse(readFileSync(`${root}${path}`, 'utf8')) as T;

export interface ParityCase {
  id: string;
  dataset: string;
  ours: { estimator: string; params: Record<string, unknown> };
  metric: 'accuracy' | 'r2';
  tolerance: number;
}

export interface Dataset {
  X: number[][];
  y: number[];
  trainIndex: number[];
  testIndex: number[];
}

export interface ScoreRecord {
  id: string;
  score: number;
  sklearnVersion: string;
  predictions?: number[];
}

/** The spec cases for the named estimators. */
export function parityCases(names: readonly string[]): ParityCase[] {
  return readRepoJson<{ cases: ParityCase[] }>('tooling/fixtures/parity/spec.json').cases.filter((c) => names.includes(c.ours.estimator));
}

/** scikit-learn's records by case id. */
export function sklearnScores(): Map<string, ScoreRecord> {
  return new Map(readRepoJson<{ results: ScoreRecord[] }>('tooling/fixtures/parity/scores.json').results.map((r) => [r.id, r]));
}

/** Train/test split of a bundled dataset. */
export function split(name: string): { Xtr: number[][]; ytr: number[]; Xte: number[][]; yte: number[] } {
  const d = readRepoJson<Dataset>(`tooling/fixtures/datasets/${name}.json`);
  return {
    Xtr: d.trainIndex.map((i) => d.X[i]!),
    ytr: d.trainIndex.map((i) => d.y[i]!),
    Xte: d.testIndex.map((i) => d.X[i]!),
    yte: d.testIndex.map((i) => d.y[i]!),
  };
}
