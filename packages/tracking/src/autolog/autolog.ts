// Autolog: every @mlpy/core fit logs its params, duration, training and validation metrics, a
// dataset fingerprint and the saved model (with an MLmodel file) to a tracker.
import { addFitListener, BaseEstimator, type FitEvent, saveModel } from '@mlpy/core';
import type { ActiveRun } from '../client/active-run.js';
import { paramValue } from '../client/active-run.js';
import type { Tracker } from '../client/tracker.js';
import type { ColumnSpec, ModelSignature } from '../registry/mlmodel.js';
import { LENGTH_LIMITS } from '../store/validate.js';

/** What autolog records. */
export interface AutologOptions {
  /** Experiment of the runs autolog starts (default: the tracker's current one). */
  experiment?: string;
  /** Save each fitted model as an artifact (default true). */
  logModels?: boolean;
  /** Also register every logged model as a new version of this registered model. */
  registeredModelName?: string;
  /** Called when logging a fit fails; the fit itself never fails because of tracking. */
  onError?: (error: unknown, event: FitEvent) => void;
}

/** The input signature of a fitted estimator: its feature names (numeric → double, else string). */
export function signatureOf(event: FitEvent): ModelSignature {
  const schema = event.estimator instanceof BaseEstimator ? event.estimator.inputSchema : undefined;
  const inputs: ColumnSpec[] = schema
    ? schema.features.map((f) => ({ name: f.name, type: f.kind === 'numeric' ? 'double' : 'string' }))
    : Array.from({ length: event.nFeatures }, (_, j) => ({ name: `x${j}`, type: 'double' as const }));
  return { inputs };
}

/**
 * A param as autolog stores it: estimators nested in params (Pipeline steps, ensemble members)
 * serialise as `{ estimator, params }` (core's toJSON); values longer than the store's limit are
 * cut, so a large composite never fails the run.
 */
export function autologParamValue(value: unknown): string {
  const text = paramValue(value);
  const max = LENGTH_LIMITS.paramValue;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

async function logFit(
  tracker: Tracker,
  run: ActiveRun,
  event: FitEvent,
  options: AutologOptions,
): Promise<void> {
  const params = Object.fromEntries(
    Object.entries(event.params)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, autologParamValue(v)]),
  );
  const metrics: Record<string, number> = { fit_duration_s: event.durationMs / 1000 };
  for (const [k, v] of Object.entries(event.trainingMetrics)) metrics[`training_${k}`] = v;
  for (const [k, v] of Object.entries(event.validationMetrics ?? {})) metrics[`validation_${k}`] = v;
  const timestamp = Date.now();
  await run.logBatch({
    params,
    tags: {
      'mlpy.estimator': event.estimatorName,
      'mlpy.dataset.digest': event.datasetDigest,
      'mlpy.dataset.shape': `${event.nSamples}x${event.nFeatures}`,
    },
    metrics: Object.entries(metrics).map(([key, value]) => ({ key, value, timestamp, step: 0 })),
  });
  if (options.logModels === false || !(event.estimator instanceof BaseEstimator)) return;
  const signature = signatureOf(event);
  await tracker.registry.logModel(run.id, {
    model: saveModel(event.estimator),
    estimator: event.estimatorName,
    signature,
  });
  if (options.registeredModelName) {
    await tracker.registry.registerModel({
      name: options.registeredModelName,
      runId: run.id,
      datasetDigest: event.datasetDigest,
      metrics,
      signature,
    });
  }
}

/**
 * Logs every core fit to `tracker`. A fit inside an active run logs into it (later fits in the same
 * run go to nested child runs); a fit outside one gets its own run, ended when logging is done.
 * Returns a function that turns autolog off.
 * @example const stop = autolog(tracker); await new LinearRegression().fit(X, y); stop();
 */
export function autolog(tracker: Tracker, options: AutologOptions = {}): () => void {
  const used = new WeakSet<ActiveRun>();
  return addFitListener(async (event) => {
    const active = tracker.activeRun;
    const reuse = active !== undefined && !used.has(active);
    let run: ActiveRun | undefined = reuse ? active : undefined;
    try {
      run ??= await tracker.startRun({
        runName: event.estimatorName,
        nested: active !== undefined,
        ...(options.experiment !== undefined ? { experiment: options.experiment } : {}),
      });
      used.add(run);
      await logFit(tracker, run, event, options);
      if (!reuse) await run.end('FINISHED');
    } catch (error) {
      if (run && !reuse) await run.end('FAILED').catch(() => undefined);
      if (options.onError) options.onError(error, event);
      else throw error;
    }
  });
}
