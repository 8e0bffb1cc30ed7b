// OpenAPI document and docs page generated from the served models' input schemas.
export { buildOpenApi, renderDocsPage } from './openapi.js';
