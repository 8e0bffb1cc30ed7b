// The shared store suite against a real MLflow server started from the peers venv.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { startMlflowServer } from '../../test/mlflow-server.js';
import { describeService } from '../../test/services.js';
import { storeSuite } from '../store/suite/store-suite.js';
import { MlflowStore } from './mlflow-store.js';

const server = await startMlflowServer();

describeService('mlflow', server, (mlflow) => {
  const dir = mkdtempSync(join(tmpdir(), 'mlpy-journal-'));
  afterAll(async () => {
    await mlflow.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  storeSuite(
    'mlflow',
    async () => new MlflowStore(mlflow.url, { journal: { path: join(dir, 'journal.db') } }),
  );
});
