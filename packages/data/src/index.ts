// Public surface of @mlpy/data: CSV readers and writers (SQL connectors, versioning, quality checks
// and pipelines come later).
export {
  type CsvData,
  type CsvDType,
  DEFAULT_NA_VALUES,
  formatCsv,
  parseCsv,
  parseNumber,
  type ReadCsvOptions,
  readCsv,
  type WriteCsvOptions,
  writeCsv,
} from './csv/index.js';
