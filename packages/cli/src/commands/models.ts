// `mlpy models list|promote|rollback`: registered models with their versions and aliases; move
// an alias to a version (remembering the previous one) and move it back.

import type { Tracker } from '@mlpy/tracking';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import type { Io } from '../io.js';
import { json, table } from '../output/table.js';
import { aliasHistoryTag, moveAlias, parseHistory, withTracker } from '../tracking.js';

interface CommonFlags {
  trackingUri?: string;
  json?: boolean;
}

/** One registered model as `models list` shows it. */
export interface ModelSummary {
  name: string;
  versions: { version: string; runId: string; created: number; metrics: Record<string, number> }[];
  aliases: Record<string, string>;
}

/** Every registered model with its versions and aliases. */
export async function listModels(tracker: Tracker): Promise<ModelSummary[]> {
  const models = await tracker.registry.searchModels();
  return Promise.all(
    models.map(async (m) => {
      const versions = await tracker.registry.searchVersions({ name: m.name });
      return {
        name: m.name,
        aliases: m.aliases,
        versions: versions
          .map((v) => ({
            version: v.version,
            runId: v.runId,
            created: v.creationTime,
            metrics: tracker.registry.metadata(v).metrics ?? {},
          }))
          .sort((a, b) => Number(a.version) - Number(b.version)),
      };
    }),
  );
}

/** Moves `alias` back to where it pointed before (or to the previous version number). */
export async function rollback(
  tracker: Tracker,
  name: string,
  alias: string,
): Promise<{ from: string; to: string }> {
  const model = await tracker.registry.getModel(name);
  const current = model.aliases[alias];
  if (current === undefined) throw new UsageError(`model '${name}' has no alias '${alias}'`);
  const key = aliasHistoryTag(alias);
  const history = parseHistory(model.tags[key]);
  let to = history.pop();
  if (to === undefined) {
    const older = (await tracker.registry.searchVersions({ name }))
      .map((v) => Number(v.version))
      .filter((v) => v < Number(current))
      .sort((a, b) => b - a);
    if (older.length === 0)
      throw new UsageError(`'${name}'@${alias} is at version ${current}; there is no earlier version`);
    to = String(older[0]);
  }
  await tracker.registry.setAlias(name, alias, to);
  await tracker.store.registry.setRegisteredModelTag(name, key, JSON.stringify(history));
  return { from: current, to };
}

/** Adds `models` and its subcommands to the program. */
export function modelsCommand(program: Command, io: Io): void {
  const models = program.command('models').description('Registered models: list, promote, roll back');
  models
    .command('list')
    .description('Registered models with their versions and aliases')
    .option('--tracking-uri <uri>', 'tracking store (default ./.mlpy/tracking.db or MLPY_TRACKING_URI)')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  mlpy models list --json\n')
    .action(async (flags: CommonFlags) => {
      const list = await withTracker(flags.trackingUri, io, listModels);
      if (flags.json) return void io.stdout.write(json(list));
      if (list.length === 0)
        return void io.stdout.write('no registered models; use mlpy train --register <name>\n');
      const rows = list.flatMap((m) =>
        m.versions.map((v) => {
          const aliases = Object.entries(m.aliases)
            .filter(([, ver]) => ver === v.version)
            .map(([a]) => `@${a}`);
          const metric = Object.entries(v.metrics).find(([k]) => k.startsWith('test_'));
          return [
            m.name,
            v.version,
            aliases.join(' '),
            metric ? `${metric[0]}=${metric[1].toFixed(4)}` : '',
            v.runId,
          ];
        }),
      );
      io.stdout.write(table(['model', 'version', 'aliases', 'metric', 'run'], rows));
    });
  models
    .command('promote')
    .description('Point an alias (default champion) at a version')
    .argument('<name>', 'registered model')
    .argument('<version>', 'version number')
    .option('--alias <alias>', 'alias to move', 'champion')
    .option('--tracking-uri <uri>', 'tracking store')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  mlpy models promote churn 3 --alias champion\n')
    .action(async (name: string, version: string, flags: CommonFlags & { alias: string }) => {
      if (!/^\d+$/.test(version)) throw new UsageError(`version must be a number, got '${version}'`);
      const from = await withTracker(flags.trackingUri, io, async (t) => {
        await t.registry.getVersion(name, version);
        return moveAlias(t, name, flags.alias, version);
      });
      const r = { name, alias: flags.alias, from: from ?? null, to: version };
      io.stdout.write(flags.json ? json(r) : `${name}@${flags.alias}: ${from ?? '(none)'} -> ${version}\n`);
    });
  models
    .command('rollback')
    .description('Move an alias back to the version it pointed at before')
    .argument('<name>', 'registered model')
    .option('--alias <alias>', 'alias to move back', 'champion')
    .option('--tracking-uri <uri>', 'tracking store')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  mlpy models rollback churn\n')
    .action(async (name: string, flags: CommonFlags & { alias: string }) => {
      const r = await withTracker(flags.trackingUri, io, (t) => rollback(t, name, flags.alias));
      io.stdout.write(
        flags.json
          ? json({ name, alias: flags.alias, ...r })
          : `${name}@${flags.alias}: ${r.from} -> ${r.to}\n`,
      );
    });
}
