// The model registry on an MLflow server: its registered-models and model-versions REST
// endpoints, with aliases and legacy stages.
import type {
  ModelStage,
  ModelVersion,
  Page,
  PageRequest,
  RegisteredModel,
  RegistryStore,
} from '../store/types.js';
import { canonicalStage, validateAlias, validateName, validateTag } from '../store/validate.js';
import {
  type ModelVersionJson,
  quoteFilter,
  type RegisteredModelJson,
  toKV,
  toModelVersion,
  toRegisteredModel,
} from './codec.js';
import type { MlflowHttp, MlflowRequest } from './http.js';

const API = '/api/2.0/mlflow';

/** RegistryStore over MLflow's REST API. */
export class MlflowRegistryStore implements RegistryStore {
  constructor(private readonly http: MlflowHttp) {}

  private call<T>(
    method: MlflowRequest['method'],
    path: string,
    what: string,
    payload: Record<string, unknown>,
  ): Promise<T> {
    const req: MlflowRequest =
      method === 'GET'
        ? { method, path: `${API}/${path}`, query: payload as MlflowRequest['query'] }
        : { method, path: `${API}/${path}`, body: payload };
    return this.http.json<T>(req, what);
  }

  async createRegisteredModel(
    name: string,
    options: { description?: string; tags?: Record<string, string> } = {},
  ): Promise<RegisteredModel> {
    validateName('registered model', name);
    for (const [k, v] of Object.entries(options.tags ?? {})) validateTag(k, v);
    const res = await this.call<{ registered_model: RegisteredModelJson }>(
      'POST',
      'registered-models/create',
      `Registering model '${name}'`,
      {
        name,
        description: options.description,
        tags: toKV(options.tags),
      },
    );
    return toRegisteredModel(res.registered_model);
  }

  async getRegisteredModel(name: string): Promise<RegisteredModel> {
    const res = await this.call<{ registered_model: RegisteredModelJson }>(
      'GET',
      'registered-models/get',
      `Reading registered model '${name}'`,
      { name },
    );
    return toRegisteredModel(res.registered_model);
  }

  async searchRegisteredModels(
    options: PageRequest & { nameLike?: string } = {},
  ): Promise<Page<RegisteredModel>> {
    const res = await this.call<{ registered_models?: RegisteredModelJson[]; next_page_token?: string }>(
      'GET',
      'registered-models/search',
      'Searching registered models',
      {
        filter: options.nameLike ? `name ILIKE ${quoteFilter(options.nameLike)}` : undefined,
        max_results: options.maxResults,
        page_token: options.pageToken || undefined,
        order_by: ['name ASC'],
      },
    );
    const items = (res.registered_models ?? []).map(toRegisteredModel);
    return res.next_page_token ? { items, nextPageToken: res.next_page_token } : { items };
  }

  async updateRegisteredModel(name: string, description: string): Promise<RegisteredModel> {
    const res = await this.call<{ registered_model: RegisteredModelJson }>(
      'PATCH',
      'registered-models/update',
      `Updating registered model '${name}'`,
      {
        name,
        description,
      },
    );
    // MLflow's answer to an update omits tags and aliases; read the whole model back.
    return res.registered_model.tags
      ? toRegisteredModel(res.registered_model)
      : this.getRegisteredModel(name);
  }

  async deleteRegisteredModel(name: string): Promise<void> {
    await this.call('DELETE', 'registered-models/delete', `Deleting registered model '${name}'`, { name });
  }

  async setRegisteredModelTag(name: string, key: string, value: string): Promise<void> {
    validateTag(key, value);
    await this.call('POST', 'registered-models/set-tag', `Tagging registered model '${name}'`, {
      name,
      key,
      value,
    });
  }

  async createModelVersion(
    name: string,
    options: { source: string; runId?: string; description?: string; tags?: Record<string, string> },
  ): Promise<ModelVersion> {
    for (const [k, v] of Object.entries(options.tags ?? {})) validateTag(k, v);
    const res = await this.call<{ model_version: ModelVersionJson }>(
      'POST',
      'model-versions/create',
      `Creating a version of '${name}'`,
      {
        name,
        source: options.source,
        run_id: options.runId,
        description: options.description,
        tags: toKV(options.tags),
      },
    );
    return toModelVersion(res.model_version);
  }

  async getModelVersion(name: string, version: string): Promise<ModelVersion> {
    const res = await this.call<{ model_version: ModelVersionJson }>(
      'GET',
      'model-versions/get',
      `Reading '${name}' version ${version}`,
      {
        name,
        version,
      },
    );
    return toModelVersion(res.model_version);
  }

  async searchModelVersions(
    options: PageRequest & { name?: string; runId?: string },
  ): Promise<Page<ModelVersion>> {
    const filters: string[] = [];
    if (options.name !== undefined) filters.push(`name = ${quoteFilter(options.name)}`);
    if (options.runId !== undefined) filters.push(`run_id = ${quoteFilter(options.runId)}`);
    const res = await this.call<{ model_versions?: ModelVersionJson[]; next_page_token?: string }>(
      'GET',
      'model-versions/search',
      'Searching model versions',
      {
        filter: filters.length ? filters.join(' AND ') : undefined,
        max_results: options.maxResults,
        page_token: options.pageToken || undefined,
        order_by: ['name ASC', 'version_number DESC'],
      },
    );
    const items = (res.model_versions ?? []).map(toModelVersion);
    return res.next_page_token ? { items, nextPageToken: res.next_page_token } : { items };
  }

  async setModelVersionTag(name: string, version: string, key: string, value: string): Promise<void> {
    validateTag(key, value);
    await this.call('POST', 'model-versions/set-tag', `Tagging '${name}' version ${version}`, {
      name,
      version,
      key,
      value,
    });
  }

  async transitionModelVersionStage(
    name: string,
    version: string,
    stage: ModelStage,
    archiveExistingVersions = false,
  ): Promise<ModelVersion> {
    const res = await this.call<{ model_version: ModelVersionJson }>(
      'POST',
      'model-versions/transition-stage',
      `Moving '${name}' version ${version}`,
      {
        name,
        version,
        stage: canonicalStage(stage),
        archive_existing_versions: archiveExistingVersions,
      },
    );
    return toModelVersion(res.model_version);
  }

  async setRegisteredModelAlias(name: string, alias: string, version: string): Promise<void> {
    validateAlias(alias);
    await this.call('POST', 'registered-models/alias', `Setting alias '${alias}' of '${name}'`, {
      name,
      alias,
      version,
    });
  }

  async deleteRegisteredModelAlias(name: string, alias: string): Promise<void> {
    await this.call('DELETE', 'registered-models/alias', `Deleting alias '${alias}' of '${name}'`, {
      name,
      alias,
    });
  }

  async getModelVersionByAlias(name: string, alias: string): Promise<ModelVersion> {
    const res = await this.call<{ model_version: ModelVersionJson }>(
      'GET',
      'registered-models/alias',
      `Reading alias '${alias}' of '${name}'`,
      {
        name,
        alias,
      },
    );
    return toModelVersion(res.model_version);
  }
}
