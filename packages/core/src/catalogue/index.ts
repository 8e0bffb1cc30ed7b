export { type CatalogueEntry, catalogue, catalogueEntry } from './catalogue.js';
export { type ParamDistribution, type SearchSpace, sampleParam, sampleSpace } from './search-space.js';
