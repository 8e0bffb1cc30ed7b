// Hyperparameter search spaces declared by each estimator, for RandomizedSearchCV and AutoML.
import type { Rng } from '../utils/random.js';

export type ParamDistribution =
  | { type: 'int'; low: number; high: number; log?: boolean }
  | { type: 'float'; low: number; high: number; log?: boolean }
  | { type: 'categorical'; choices: readonly (string | number | boolean | null)[] };

export type SearchSpace = Record<string, ParamDistribution>;

/** Draws one value from a distribution (bounds inclusive for ints). */
export function sampleParam(dist: ParamDistribution, rng: Rng): string | number | boolean | null {
  switch (dist.type) {
    case 'categorical':
      return dist.choices[rng.int(dist.choices.length)]!;
    case 'int': {
      if (dist.log) {
        const v = Math.exp(Math.log(dist.low) + rng.next() * (Math.log(dist.high + 1) - Math.log(dist.low)));
        return Math.min(dist.high, Math.floor(v));
      }
      return dist.low + rng.int(dist.high - dist.low + 1);
    }
    case 'float':
      return dist.log
        ? Math.exp(Math.log(dist.low) + rng.next() * (Math.log(dist.high) - Math.log(dist.low)))
        : dist.low + rng.next() * (dist.high - dist.low);
  }
}

/** Draws one value for every parameter of a space. */
export function sampleSpace(space: SearchSpace, rng: Rng): Record<string, string | number | boolean | null> {
  return Object.fromEntries(Object.entries(space).map(([k, d]) => [k, sampleParam(d, rng)]));
}
