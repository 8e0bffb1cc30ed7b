// The model registry on SQL databases: registered models, numbered versions, tags, aliases and
// legacy stages, with the same rules MLflow's registry applies.
import { ConflictError, NotFoundError } from '@mlpy/core';
import { type SQL, sql } from 'drizzle-orm';
import { decodePage, nextToken } from '../store/paging.js';
import type {
  ModelStage,
  ModelVersion,
  Page,
  PageRequest,
  RegisteredModel,
  RegistryStore,
} from '../store/types.js';
import { canonicalStage, validateAlias, validateName, validateTag } from '../store/validate.js';
import { guard, type SqlExecutor } from './executor.js';
import {
  groupKeyValues,
  type KeyValueRow,
  type ModelVersionRow,
  type RegisteredModelRow,
  toModelVersion,
  toRegisteredModel,
} from './rows.js';

interface AliasRow {
  name: string;
  alias: string;
  version: number | string;
}

/** RegistryStore over an SqlExecutor. */
export class SqlRegistryStore implements RegistryStore {
  constructor(private readonly db: SqlExecutor) {}

  private async models(where: SQL, tail: SQL = sql``): Promise<RegisteredModel[]> {
    const rows = await this.db.all<RegisteredModelRow>(
      sql`SELECT * FROM registered_models WHERE ${where} ${tail}`,
    );
    if (rows.length === 0) return [];
    const names = sql.join(
      rows.map((r) => sql`${r.name}`),
      sql`, `,
    );
    const [tags, aliases] = await Promise.all([
      this.db.all<KeyValueRow>(
        sql`SELECT name AS owner, key, value FROM registered_model_tags WHERE name IN (${names})`,
      ),
      this.db.all<AliasRow>(sql`SELECT * FROM registered_model_aliases WHERE name IN (${names})`),
    ]);
    const tagsBy = groupKeyValues(tags);
    return rows.map((r) => {
      const own = Object.fromEntries(
        aliases.filter((a) => a.name === r.name).map((a) => [a.alias, String(a.version)]),
      );
      return toRegisteredModel(r, tagsBy.get(r.name) ?? {}, own);
    });
  }

  private async versions(where: SQL, tail: SQL = sql``): Promise<ModelVersion[]> {
    const rows = await this.db.all<ModelVersionRow>(sql`SELECT * FROM model_versions WHERE ${where} ${tail}`);
    if (rows.length === 0) return [];
    const names = sql.join(
      [...new Set(rows.map((r) => r.name))].map((n) => sql`${n}`),
      sql`, `,
    );
    const [tags, aliases] = await Promise.all([
      this.db.all<KeyValueRow & { version: number | string }>(
        sql`SELECT name AS owner, version, key, value FROM model_version_tags WHERE name IN (${names})`,
      ),
      this.db.all<AliasRow>(sql`SELECT * FROM registered_model_aliases WHERE name IN (${names})`),
    ]);
    return rows.map((r) => {
      const same = (x: { version: number | string }) => String(x.version) === String(r.version);
      const own = tags.filter((t) => t.owner === r.name && same(t));
      return toModelVersion(
        r,
        Object.fromEntries(own.map((t) => [t.key, t.value])),
        aliases.filter((a) => a.name === r.name && same(a)).map((a) => a.alias),
      );
    });
  }

  async createRegisteredModel(
    name: string,
    options: { description?: string; tags?: Record<string, string> } = {},
  ): Promise<RegisteredModel> {
    validateName('registered model', name);
    for (const [k, v] of Object.entries(options.tags ?? {})) validateTag(k, v);
    const now = Date.now();
    await guard(`Registering model '${name}'`, () =>
      this.db.transaction(async (tx) => {
        const found = await tx.all(sql`SELECT name FROM registered_models WHERE name = ${name}`);
        if (found.length > 0) throw new ConflictError(`Registered model '${name}' already exists.`);
        await tx.run(
          sql`INSERT INTO registered_models (name, creation_time, last_updated_time, description) VALUES (${name}, ${now}, ${now}, ${options.description ?? ''})`,
        );
        for (const [k, v] of Object.entries(options.tags ?? {})) {
          await tx.run(
            sql`INSERT INTO registered_model_tags (name, key, value) VALUES (${name}, ${k}, ${v})`,
          );
        }
      }),
    );
    return this.getRegisteredModel(name);
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    const [model] = await guard('Reading a registered model', () => this.models(sql`name = ${name}`));
    if (!model)
      throw new NotFoundError(
        `Registered model '${name}' not found; create it with createRegisteredModel().`,
      );
    return model;
  }

  async searchRegisteredModels(
    options: PageRequest & { nameLike?: string } = {},
  ): Promise<Page<RegisteredModel>> {
    const { limit, offset } = decodePage(options, 100);
    const where = options.nameLike ? sql`lower(name) LIKE lower(${options.nameLike})` : sql`1 = 1`;
    const items = await guard('Searching registered models', () =>
      this.models(where, sql`ORDER BY name ASC LIMIT ${limit + 1} OFFSET ${offset}`),
    );
    const token = nextToken(offset, limit, items.length);
    return token ? { items: items.slice(0, limit), nextPageToken: token } : { items };
  }

  async updateRegisteredModel(name: string, description: string): Promise<RegisteredModel> {
    await this.getRegisteredModel(name);
    await guard('Updating a registered model', () =>
      this.db.run(
        sql`UPDATE registered_models SET description = ${description}, last_updated_time = ${Date.now()} WHERE name = ${name}`,
      ),
    );
    return this.getRegisteredModel(name);
  }

  async deleteRegisteredModel(name: string): Promise<void> {
    await this.getRegisteredModel(name);
    await guard('Deleting a registered model', () =>
      this.db.transaction(async (tx) => {
        for (const table of [
          'model_version_tags',
          'registered_model_aliases',
          'model_versions',
          'registered_model_tags',
          'registered_models',
        ]) {
          await tx.run(sql`DELETE FROM ${sql.raw(table)} WHERE name = ${name}`);
        }
      }),
    );
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    validateTag(key, value);
    await this.getRegisteredModel(name);
    await guard('Setting a registered model tag', () =>
      this.db.run(
        sql`INSERT INTO registered_model_tags (name, key, value) VALUES (${name}, ${key}, ${value}) ON CONFLICT (name, key) DO UPDATE SET value = excluded.value`,
      ),
    );
  }

  async createModelVersion(
    name: string,
    options: { source: string; runId?: string; description?: string; tags?: Record<string, string> },
  ): Promise<ModelVersion> {
    for (const [k, v] of Object.entries(options.tags ?? {})) validateTag(k, v);
    const now = Date.now();
    const version = await guard('Creating a model version', () =>
      this.db.transaction(async (tx) => {
        const lock = tx.dialect === 'postgres' ? sql` FOR UPDATE` : sql``;
        const found = await tx.all(sql`SELECT name FROM registered_models WHERE name = ${name}${lock}`);
        if (found.length === 0)
          throw new NotFoundError(`Registered model '${name}' not found; register it first.`);
        const [max] = await tx.all<{ v: number | string | null }>(
          sql`SELECT MAX(version) AS v FROM model_versions WHERE name = ${name}`,
        );
        const next = Number(max?.v ?? 0) + 1;
        await tx.run(sql`INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, current_stage, source, run_id, status)
          VALUES (${name}, ${next}, ${now}, ${now}, ${options.description ?? ''}, 'None', ${options.source}, ${options.runId ?? ''}, 'READY')`);
        for (const [k, v] of Object.entries(options.tags ?? {})) {
          await tx.run(
            sql`INSERT INTO model_version_tags (name, version, key, value) VALUES (${name}, ${next}, ${k}, ${v})`,
          );
        }
        await tx.run(sql`UPDATE registered_models SET last_updated_time = ${now} WHERE name = ${name}`);
        return String(next);
      }),
    );
    return this.getModelVersion(name, version);
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion> {
    const found = /^\d+$/.test(String(version))
      ? await guard('Reading a model version', () =>
          this.versions(sql`name = ${name} AND version = ${Number(version)}`),
        )
      : [];
    if (!found[0]) throw new NotFoundError(`Model version '${name}' version '${version}' not found.`);
    return found[0];
  }

  async searchModelVersions(
    options: PageRequest & { name?: string; runId?: string },
  ): Promise<Page<ModelVersion>> {
    const { limit, offset } = decodePage(options, 100);
    const where: SQL[] = [sql`1 = 1`];
    if (options.name !== undefined) where.push(sql`name = ${options.name}`);
    if (options.runId !== undefined) where.push(sql`run_id = ${options.runId}`);
    const items = await guard('Searching model versions', () =>
      this.versions(
        sql.join(where, sql` AND `),
        sql`ORDER BY name ASC, version DESC LIMIT ${limit + 1} OFFSET ${offset}`,
      ),
    );
    const token = nextToken(offset, limit, items.length);
    return token ? { items: items.slice(0, limit), nextPageToken: token } : { items };
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    validateTag(key, value);
    await this.getModelVersion(name, version);
    await guard('Setting a model version tag', () =>
      this.db.run(
        sql`INSERT INTO model_version_tags (name, version, key, value) VALUES (${name}, ${Number(version)}, ${key}, ${value}) ON CONFLICT (name, version, key) DO UPDATE SET value = excluded.value`,
      ),
    );
  }

  async transitionModelVersionStage(
    name: string,
    version: string,
    stage: ModelStage,
    archiveExistingVersions = false,
  ): Promise<ModelVersion> {
    const target = canonicalStage(stage);
    await this.getModelVersion(name, version);
    const now = Date.now();
    await guard('Changing a model version stage', () =>
      this.db.transaction(async (tx) => {
        if (archiveExistingVersions && (target === 'Staging' || target === 'Production')) {
          await tx.run(sql`UPDATE model_versions SET current_stage = 'Archived', last_updated_time = ${now}
            WHERE name = ${name} AND current_stage = ${target} AND version <> ${Number(version)}`);
        }
        await tx.run(sql`UPDATE model_versions SET current_stage = ${target}, last_updated_time = ${now}
          WHERE name = ${name} AND version = ${Number(version)}`);
      }),
    );
    return this.getModelVersion(name, version);
  }

  async setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
    validateAlias(alias);
    await this.getModelVersion(name, version);
    await guard('Setting an alias', () =>
      this.db.run(
        sql`INSERT INTO registered_model_aliases (name, alias, version) VALUES (${name}, ${alias}, ${Number(version)}) ON CONFLICT (name, alias) DO UPDATE SET version = excluded.version`,
      ),
    );
  }

  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    await this.getRegisteredModel(name);
    await guard('Deleting an alias', () =>
      this.db.run(sql`DELETE FROM registered_model_aliases WHERE name = ${name} AND alias = ${alias}`),
    );
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    const [row] = await guard('Reading an alias', () =>
      this.db.all<AliasRow>(
        sql`SELECT * FROM registered_model_aliases WHERE name = ${name} AND alias = ${alias}`,
      ),
    );
    if (!row) throw new NotFoundError(`Registered model '${name}' has no alias '${alias}'.`);
    return this.getModelVersion(name, String(row.version));
  }
}
