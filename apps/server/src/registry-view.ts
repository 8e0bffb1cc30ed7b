// What the registry holds, as the server needs it: every registered model with its aliases and
// versions (with their logged metrics), which of them to serve and by which default alias, and
// the most recent runs for the dashboard.
import type { ModelSpec } from '@mlpy/production';
import { allPages, type Run, type Tracker } from '@mlpy/tracking';

/** One registered model. */
export interface RegisteredModelView {
  name: string;
  /** alias → version */
  aliases: Record<string, string>;
  versions: { version: string; runId: string; created: number; metrics: Record<string, number> }[];
}

/** Every registered model, versions in ascending order. */
export async function readRegistry(tracker: Tracker): Promise<RegisteredModelView[]> {
  const models = await tracker.registry.searchModels();
  const views = await Promise.all(
    models.map(async (m) => ({
      name: m.name,
      aliases: m.aliases,
      versions: (await tracker.registry.searchVersions({ name: m.name }))
        .map((v) => ({
          version: v.version,
          runId: v.runId,
          created: v.creationTime,
          metrics: tracker.registry.metadata(v).metrics ?? {},
        }))
        .sort((a, b) => Number(a.version) - Number(b.version)),
    })),
  );
  return views.sort((a, b) => a.name.localeCompare(b.name));
}

/** The alias a model answers with by default: `preferred` when it has it, else its first alias. */
export function defaultAliasOf(model: RegisteredModelView, preferred: string): string | undefined {
  if (model.aliases[preferred] !== undefined) return preferred;
  return Object.keys(model.aliases).sort()[0];
}

/** Serving specs for every model that has an alias (models without one are not live yet). */
export function servedSpecs(models: readonly RegisteredModelView[], preferred: string): ModelSpec[] {
  return models.flatMap((m) => {
    const alias = defaultAliasOf(m, preferred);
    return alias === undefined ? [] : [{ name: m.name, ref: `@${alias}` }];
  });
}

/** The most recent runs across every experiment, newest first. */
export async function recentRuns(tracker: Tracker, limit: number): Promise<Run[]> {
  const experiments = await allPages((pageToken) =>
    tracker.store.searchExperiments(pageToken ? { pageToken } : {}),
  );
  if (experiments.length === 0) return [];
  const page = await tracker.store.searchRuns({
    experimentIds: experiments.map((e) => e.experimentId),
    orderBy: [{ key: 'start_time', ascending: false }],
    maxResults: limit,
  });
  return page.items;
}
