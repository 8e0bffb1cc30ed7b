// Fit listeners: how tracking's autolog observes every fit without core importing tracking.
// Only outermost fits are reported: the steps a Pipeline, a search or an ensemble fits inside
// its own fit are parts of that model, not models of their own.
import { AsyncLocalStorage } from 'node:async_hooks';

/** What a completed fit reports to listeners. */
export interface FitEvent {
  estimator: unknown;
  estimatorName: string;
  params: Record<string, unknown>;
  nSamples: number;
  nFeatures: number;
  /** SHA-256 (hex) of the validated training matrix and target. */
  datasetDigest: string;
  durationMs: number;
  /** Score on the training data (accuracy or R², as `score` computes). */
  trainingMetrics: Record<string, number>;
  /** Score on `FitOptions.validationData`, when given. */
  validationMetrics?: Record<string, number>;
}

export type FitListener = (event: FitEvent) => void | Promise<void>;

const listeners = new Set<FitListener>();

/** Calls `listener` after every successful fit; returns a function that removes it. */
export function addFitListener(listener: FitListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const fitScope = new AsyncLocalStorage<true>();

/** Runs `body` as the inside of a fit: fits it starts are nested and not reported. */
export function withinFit<T>(body: () => T): T {
  return fitScope.run(true, body);
}

/** True while inside another estimator's fit (in this async context). */
export function isNestedFit(): boolean {
  return fitScope.getStore() === true;
}

export function hasFitListeners(): boolean {
  return listeners.size > 0;
}

/** Awaits every listener; one listener's failure does not stop the others or fail the fit. */
export async function emitFit(event: FitEvent): Promise<void> {
  const results = await Promise.allSettled([...listeners].map(async (l) => l(event)));
  for (const r of results) {
    if (r.status === 'rejected') process.emitWarning(`mlpy fit listener failed: ${String(r.reason)}`);
  }
}
