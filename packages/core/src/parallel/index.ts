export { closeWorkerPools, resolveThreads, runTasks, sharedFloat64, workerPool } from './pool.js';
