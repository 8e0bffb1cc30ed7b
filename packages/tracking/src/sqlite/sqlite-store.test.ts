// The shared store suite on the embedded SQLite store, plus SQLite-only behaviour: migrations
// match the drizzle schema, reopening keeps data, and two processes writing at once lose nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { storeSuite } from '../store/suite/store-suite.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mlpy-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeSuite('sqlite', async () => openSqliteStore(join(dir, 'suite.db')));
