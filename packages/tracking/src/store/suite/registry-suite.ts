// Registry cases of the shared store suite: registered models, versions, tags, aliases, stages
// and search, as MLflow's registry REST tests check them.
import { ConflictError, InvalidParameterError, NotFoundError } from '@mlpy/core';
import { expect, it } from 'vitest';
import type { TrackingStore } from '../types.js';
import { uniqueName as unique } from './helpers.js';

/** Registers the registry cases; `ctx` yields the store and an experiment once beforeAll ran. */
export function registrySuite(ctx: { readonly store: TrackingStore; readonly experimentId: string }): void {
  it('registers models and numbers their versions, with tags and descriptions', async () => {
    const { store, experimentId } = ctx;
    const reg = store.registry;
    const name = unique('model');
    const created = await reg.createRegisteredModel(name, { description: 'first', tags: { team: 'ml' } });
    expect(created).toMatchObject({ name, description: 'first', tags: { team: 'ml' }, aliases: {} });
    await expect(reg.createRegisteredModel(name)).rejects.toBeInstanceOf(ConflictError);
    await expect(reg.getRegisteredModel(unique('nope'))).rejects.toBeInstanceOf(NotFoundError);
    const run = await store.createRun({ experimentId });
    const source = `${run.artifactUri}/model`;
    const v1 = await reg.createModelVersion(name, {
      source,
      runId: run.runId,
      tags: { 'mlpy.dataset_digest': 'abc' },
    });
    const v2 = await reg.createModelVersion(name, { source, runId: run.runId, description: 'second' });
    expect(v1).toMatchObject({ name, version: '1', source, runId: run.runId, currentStage: 'None' });
    expect(v1.tags).toMatchObject({ 'mlpy.dataset_digest': 'abc' });
    expect(v2).toMatchObject({ version: '2', description: 'second' });
    await reg.setModelVersionTag(name, '2', 'quality', 'good');
    expect((await reg.getModelVersion(name, '2')).tags).toMatchObject({ quality: 'good' });
    await reg.setRegisteredModelTag(name, 'owner', 'alice');
    const updated = await reg.updateRegisteredModel(name, 'better');
    expect(updated).toMatchObject({ description: 'better', tags: { team: 'ml', owner: 'alice' } });
    await expect(reg.getModelVersion(name, '99')).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      reg.createModelVersion(unique('ghost'), { source, runId: run.runId }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('moves aliases such as champion and challenger between versions', async () => {
    const reg = ctx.store.registry;
    const name = unique('alias');
    await reg.createRegisteredModel(name);
    const run = await ctx.store.createRun({ experimentId: ctx.experimentId });
    for (let i = 0; i < 3; i++)
      await reg.createModelVersion(name, { source: `${run.artifactUri}/m`, runId: run.runId });
    await reg.setRegisteredModelAlias(name, 'champion', '1');
    await reg.setRegisteredModelAlias(name, 'challenger', '2');
    expect((await reg.getModelVersionByAlias(name, 'champion')).version).toBe('1');
    await reg.setRegisteredModelAlias(name, 'champion', '3');
    expect((await reg.getModelVersionByAlias(name, 'champion')).version).toBe('3');
    expect((await reg.getRegisteredModel(name)).aliases).toEqual({ champion: '3', challenger: '2' });
    expect((await reg.getModelVersion(name, '3')).aliases).toEqual(['champion']);
    await reg.deleteRegisteredModelAlias(name, 'challenger');
    await expect(reg.getModelVersionByAlias(name, 'challenger')).rejects.toBeInstanceOf(NotFoundError);
    await expect(reg.setRegisteredModelAlias(name, 'latest', '1')).rejects.toBeInstanceOf(
      InvalidParameterError,
    );
    await expect(reg.setRegisteredModelAlias(name, 'champion', '42')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('transitions legacy stages and archives the previous Production version', async () => {
    const reg = ctx.store.registry;
    const name = unique('stage');
    await reg.createRegisteredModel(name);
    const run = await ctx.store.createRun({ experimentId: ctx.experimentId });
    await reg.createModelVersion(name, { source: `${run.artifactUri}/m`, runId: run.runId });
    await reg.createModelVersion(name, { source: `${run.artifactUri}/m`, runId: run.runId });
    expect((await reg.transitionModelVersionStage(name, '1', 'Production')).currentStage).toBe('Production');
    const v2 = await reg.transitionModelVersionStage(name, '2', 'production' as 'Production', true);
    expect(v2.currentStage).toBe('Production');
    expect((await reg.getModelVersion(name, '1')).currentStage).toBe('Archived');
    await expect(reg.transitionModelVersionStage(name, '1', 'Gold' as 'Production')).rejects.toBeInstanceOf(
      InvalidParameterError,
    );
  });

  it('searches registered models by name and versions by model and run, then deletes a model', async () => {
    const reg = ctx.store.registry;
    const prefix = unique('search');
    const run = await ctx.store.createRun({ experimentId: ctx.experimentId });
    for (const suffix of ['a', 'b', 'c']) {
      await reg.createRegisteredModel(`${prefix}-${suffix}`);
      await reg.createModelVersion(`${prefix}-${suffix}`, {
        source: `${run.artifactUri}/m`,
        runId: run.runId,
      });
    }
    const first = await reg.searchRegisteredModels({ nameLike: `${prefix}%`, maxResults: 2 });
    expect(first.items.map((m) => m.name)).toEqual([`${prefix}-a`, `${prefix}-b`]);
    expect(first.nextPageToken).toBeDefined();
    const second = await reg.searchRegisteredModels({
      nameLike: `${prefix}%`,
      maxResults: 2,
      pageToken: first.nextPageToken!,
    });
    expect(second.items.map((m) => m.name)).toEqual([`${prefix}-c`]);
    const byRun = await reg.searchModelVersions({ runId: run.runId });
    expect(byRun.items.map((v) => v.name).sort()).toEqual([`${prefix}-a`, `${prefix}-b`, `${prefix}-c`]);
    const byName = await reg.searchModelVersions({ name: `${prefix}-b` });
    expect(byName.items.map((v) => v.version)).toEqual(['1']);
    await reg.deleteRegisteredModel(`${prefix}-b`);
    await expect(reg.getRegisteredModel(`${prefix}-b`)).rejects.toBeInstanceOf(NotFoundError);
    expect((await reg.searchModelVersions({ name: `${prefix}-b` })).items).toEqual([]);
  });
}
