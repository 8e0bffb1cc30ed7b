// Request validation against each model's saved input schema.
export {
  bodyRows,
  type ParseOptions,
  type RowParser,
  rowParser,
  type ValidationProblem,
} from './parse-rows.js';
