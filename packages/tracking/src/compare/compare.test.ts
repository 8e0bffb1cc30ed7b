// compareRuns and bestRun on the SQLite store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidParameterError } from '@mlpy/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTracker, type Tracker } from '../client/tracker.js';

const dir = mkdtempSync(join(tmpdir(), 'mlpy-compare-'));
let tracker: Tracker;
const ids: string[] = [];
beforeAll(async () => {
  tracker = await createTracker(join(dir, 'tracking.db'));
  await tracker.setExperiment('cmp');
  const configs = [
    { lr: '0.1', depth: '3', acc: 0.8, loss: 0.5 },
    { lr: '0.01', depth: '3', acc: 0.9, loss: 0.4 },
    { lr: '0.001', depth: '3', acc: Number.NaN, loss: 0.3 },
  ];
  for (const c of configs) {
    ids.push(
      await tracker.withRun(async (run) => {
        await run.logParams({ lr: c.lr, depth: c.depth });
        await run.logMetrics({ acc: c.acc, loss: c.loss });
        return run.id;
      }),
    );
  }
  ids.push(await tracker.withRun((run) => run.logParam('only', 'here').then(() => run.id)));
});
afterAll(async () => {
  await tracker.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('compareRuns', () => {
  it('lines up params and latest metrics per run and marks what differs', async () => {
    const table = await tracker.compareRuns(ids.slice(0, 2));
    expect(table.runs.map((r) => r.runId)).toEqual(ids.slice(0, 2));
    expect(table.params).toEqual([
      { key: 'depth', values: ['3', '3'], differs: false },
      { key: 'lr', values: ['0.1', '0.01'], differs: true },
    ]);
    expect(table.metrics).toEqual([
      { key: 'acc', values: [0.8, 0.9], differs: true },
      { key: 'loss', values: [0.5, 0.4], differs: true },
    ]);
    const withMissing = await tracker.compareRuns([ids[0]!, ids[3]!]);
    expect(withMissing.params.find((p) => p.key === 'only')).toEqual({
      key: 'only',
      values: [undefined, 'here'],
      differs: true,
    });
    await expect(tracker.compareRuns([])).rejects.toBeInstanceOf(InvalidParameterError);
  });
});

describe('bestRun', () => {
  it('finds the best run by a metric, ignoring NaN and runs without it', async () => {
    expect((await tracker.bestRun('cmp', 'acc', 'max'))?.info.runId).toBe(ids[1]);
    expect((await tracker.bestRun('cmp', 'acc', 'min'))?.info.runId).toBe(ids[0]);
    expect((await tracker.bestRun('cmp', 'loss', 'min'))?.info.runId).toBe(ids[2]);
    expect(await tracker.bestRun('cmp', 'absent')).toBeUndefined();
    await expect(tracker.bestRun('cmp', 'acc', 'up' as 'max')).rejects.toBeInstanceOf(InvalidParameterError);
  });
});
