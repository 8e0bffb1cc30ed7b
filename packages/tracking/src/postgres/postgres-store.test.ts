// The shared store suite on PostgreSQL, in a throwaway database on the local server.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createTempDatabase } from '../../test/postgres.js';
import { describeService } from '../../test/services.js';
import { storeSuite } from '../store/suite/store-suite.js';
import { openPostgresStore } from './postgres-store.js';

const database = await createTempDatabase();

describeService('postgres', database, (db) => {
  const artifacts = mkdtempSync(join(tmpdir(), 'mlpy-pg-artifacts-'));
  afterAll(async () => {
    await db.drop();
    rmSync(artifacts, { recursive: true, force: true });
  });
  storeSuite('postgres', () => openPostgresStore(db.url, { artifactRoot: artifacts }));
});
