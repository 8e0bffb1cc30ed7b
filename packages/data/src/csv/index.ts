// Public surface of the CSV unit.
export { type CsvDType, parseNumber } from './column-builder.js';
export { DEFAULT_NA_VALUES, parseCsv, type ReadCsvOptions, readCsv } from './read-csv.js';
export { type CsvData, formatCsv, type WriteCsvOptions, writeCsv } from './write-csv.js';
