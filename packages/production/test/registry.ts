// A real @mlpy/tracking registry on a temporary SQLite store, with helpers to register fitted
// models as versions of a registered model.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BaseEstimator, saveModel } from '@mlpy/core';
import { createTracker, type Tracker } from '@mlpy/tracking';

export interface TestRegistry {
  tracker: Tracker;
  /** Logs `model` in a new run and registers it as the next version of `name`; returns the version. */
  register(name: string, model: BaseEstimator): Promise<string>;
  cleanup(): Promise<void>;
}

export async function testRegistry(): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'mlpy-serve-'));
  const tracker = await createTracker(join(dir, 'tracking.db'), { artifactRoot: join(dir, 'artifacts') });
  return {
    tracker,
    async register(name, model) {
      const run = await tracker.startRun();
      await tracker.registry.logModel(run.id, { model: saveModel(model), estimator: model.estimatorName });
      await run.end();
      return (await tracker.registry.registerModel({ name, runId: run.id })).version;
    },
    async cleanup() {
      await tracker.store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
