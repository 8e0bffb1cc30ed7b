export { closeWorkerPools, resolveThreads, runTasks, sharedFloat64, workerPool } from './pool.js';
export { closeWorkerTeams, type TeamTask, WorkerTeam, workerTeam } from './team.js';
