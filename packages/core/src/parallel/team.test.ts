// The worker team: tasks run on member threads over shared memory, arrays are shared once by id
// and can be forgotten, failures surface as BackendError, and the team stays usable afterwards.
import { afterAll, describe, expect, it } from 'vitest';
import { BackendError } from '../errors/index.js';
import { closeWorkerTeams, WorkerTeam, workerTeam } from './team.js';

afterAll(closeWorkerTeams);

const task = new URL('./__fixtures__/fill-task.ts', import.meta.url);

describe('WorkerTeam', () => {
  it('runs one call per member on shared memory, each with its own parameters', async () => {
    const team = workerTeam(task, 2);
    const data = new Float64Array(new SharedArrayBuffer(8 * 10));
    const id = team.share(data);
    expect(team.share(data)).toBe(id);
    team.run([
      [id, 0, 5, 1],
      [id, 5, 10, 2],
    ]);
    expect(team.busy).toBe(true);
    await team.join();
    expect(team.busy).toBe(false);
    expect(Array.from(data)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(team.elapsed(0)).toBeGreaterThanOrEqual(0);
    // Fewer calls than members, many rounds: the same members answer every time.
    for (let round = 3; round < 50; round++) {
      team.run([[id, 0, 10, round]]);
      await team.join();
      expect(data[9]).toBe(round);
    }
  });

  it('reports a failing task as BackendError and keeps working', async () => {
    const team = workerTeam(task, 2);
    const data = new Float64Array(new SharedArrayBuffer(8 * 4));
    const id = team.share(data);
    team.run([[id, 0, 4, -1]]);
    await expect(team.join()).rejects.toThrow(/A worker task failed: negative value asked for/);
    team.run([[id, 0, 4, 7]]);
    await team.join();
    expect(Array.from(data)).toEqual([7, 7, 7, 7]);
  });

  it('forgets shared arrays: a later task cannot reach them', async () => {
    const team = workerTeam(task, 1);
    const data = new Float64Array(new SharedArrayBuffer(8));
    const id = team.share(data);
    team.forget([data]);
    team.run([[id, 0, 1, 3]]);
    await expect(team.join()).rejects.toThrow(BackendError);
    expect(data[0]).toBe(0);
    // Shared again, it gets a new id and works.
    const again = team.share(data);
    expect(again).not.toBe(id);
    team.run([[again, 0, 1, 3]]);
    await team.join();
    expect(data[0]).toBe(3);
  });

  it('refuses to start while running, and more calls than members', async () => {
    const team = new WorkerTeam(task, 1);
    const data = new Float64Array(new SharedArrayBuffer(8));
    const id = team.share(data);
    expect(() =>
      team.run([
        [id, 0, 1, 1],
        [id, 0, 1, 1],
      ]),
    ).toThrow(BackendError);
    team.run([[id, 0, 1, 1]]);
    expect(() => team.run([[id, 0, 1, 1]])).toThrow(/before the previous join/);
    await team.join();
    await team.close();
  });

  it('fails a join instead of hanging when a member thread dies, and is then replaced', async () => {
    const team = workerTeam(task, 1);
    const data = new Float64Array(new SharedArrayBuffer(8));
    const id = team.share(data);
    await team.close();
    expect(team.healthy).toBe(false);
    team.run([[id, 0, 1, 1]]);
    await expect(team.join()).rejects.toThrow(/worker thread/);
    const fresh = workerTeam(task, 1);
    expect(fresh).not.toBe(team);
    fresh.run([[fresh.share(data), 0, 1, 5]]);
    await fresh.join();
    expect(data[0]).toBe(5);
  });

  it('is cached per task module and grown on demand', () => {
    const a = workerTeam(task, 1);
    expect(workerTeam(task, 1)).toBe(a);
    const b = workerTeam(task, 3);
    expect(b.size).toBe(3);
  });
});
