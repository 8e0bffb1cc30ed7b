// Public surface of @mlpy/cli: the program as a function, for embedding and in-process tests.
export { buildProgram, run, VERSION } from './cli.js';
export { EXIT, UsageError } from './errors.js';
export { type Io, type Output, processIo } from './io.js';
export { type TrainOptions, type TrainResult, train } from './training/train.js';
