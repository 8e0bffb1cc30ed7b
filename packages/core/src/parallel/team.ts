// A fork-join team of worker threads for fine-grained parallel kernels (one histogram per tree
// node): work is handed over through a shared control block and Atomics, so a round trip costs
// microseconds instead of a message per task. Arrays are shared once by id, not sent per task.
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { BackendError } from '../errors/index.js';
import { tsxRequireHook } from './loader.js';

/** Control block layout (Int32 slots): sequence posted, sequence done, status, task time, parameters. */
export const SEQ = 0;
export const DONE = 1;
export const STATUS = 2;
/** Microseconds the member's last task took, for callers that balance work between threads. */
export const ELAPSED = 3;
export const PARAMS = 4;
/** Integer parameters a task can take. */
export const MAX_PARAMS = 28;
/** Longest blocking wait in `join` before it yields to the event loop. */
const SYNC_WAIT_MS = 2;
/** STATUS values. */
export const OK = 0;
export const FAILED = 1;

/** What a team task module exports by default: run one call with the parameters `run` posted. */
export type TeamTask = (params: Int32Array, shared: ReadonlyMap<number, unknown>) => void;

/** A message to a member: share an array (or any cloneable value) under an id, or forget ids. */
export type TeamMessage = { kind: 'share'; id: number; value: unknown } | { kind: 'forget'; ids: number[] };

interface Member {
  worker: Worker;
  ctrl: Int32Array;
  port: MessagePort;
  /** Set when the worker exits or crashes; a join waiting on it fails instead of hanging. */
  dead: Error | null;
}

/**
 * Worker threads that each run the default export of `taskModule`, `(params, shared) => void`, on
 * demand. `run` starts one call per member; `join` waits for them. Members block in Atomics.wait
 * between calls and never keep the process alive.
 */
export class WorkerTeam {
  private readonly members: Member[];
  private seq = 0;
  private nextId = 1;
  private readonly ids = new WeakMap<object, number>();
  private running = false;
  /** Members started by the last `run`. */
  private active = 0;

  constructor(
    taskModule: URL,
    readonly size: number,
  ) {
    const entry = new URL(`./team-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);
    const fromSource = entry.pathname.endsWith('.ts');
    this.members = Array.from({ length: size }, () => {
      const ctrl = new Int32Array(new SharedArrayBuffer((PARAMS + MAX_PARAMS) * 4));
      const { port1, port2 } = new MessageChannel();
      const load = fromSource ? 'require' : 'import';
      const options = {
        workerData: { ctrl, port: port2, task: taskModule.href, load },
        transferList: [port2],
      };
      // From sources (tests) both files are TypeScript: a one-line script registers tsx's
      // require() hook and loads them (tsx's import() hooks do not reach worker threads on Node 20).
      const quote = (url: URL | string) => JSON.stringify(typeof url === 'string' ? url : fileURLToPath(url));
      const worker = fromSource
        ? new Worker(
            `require(${quote(tsxRequireHook())}).register(); require(${quote(entry)}).serve(require(${quote(taskModule)}).default)`,
            { ...options, eval: true },
          )
        : new Worker(fileURLToPath(entry), options);
      const member: Member = { worker, ctrl, port: port1, dead: null };
      worker.on('error', (err) => {
        member.dead = err;
      });
      worker.on('exit', (code) => {
        member.dead ??= new BackendError(`A worker thread exited (code ${code})`);
      });
      worker.unref();
      port1.unref();
      return member;
    });
  }

  /**
   * The id under which members see `value` (shared once per value; arrays on SharedArrayBuffer
   * share memory, other values are copied). Pass ids as task parameters.
   */
  share(value: object): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(value, id);
      for (const m of this.members) m.port.postMessage({ kind: 'share', id, value } satisfies TeamMessage);
    }
    return id;
  }

  /** Lets members drop these shared values (call when the fit that shared them ends). */
  forget(values: Iterable<object>): void {
    const ids: number[] = [];
    for (const v of values) {
      const id = this.ids.get(v);
      if (id === undefined) continue;
      ids.push(id);
      this.ids.delete(v);
    }
    for (const m of this.members) m.port.postMessage({ kind: 'forget', ids } satisfies TeamMessage);
  }

  /** False once a member thread has died: the team cannot run tasks any more. */
  get healthy(): boolean {
    return this.members.every((m) => m.dead === null);
  }

  /** True between `run` and the end of `join`: another caller must work alone meanwhile. */
  get busy(): boolean {
    return this.running;
  }

  /** Starts the task on members 0..params.length-1 with the given integer parameters. */
  run(params: readonly (readonly number[])[]): void {
    if (this.running) throw new BackendError('WorkerTeam.run called before the previous join');
    if (params.length > this.members.length) throw new BackendError('More task parameters than team members');
    this.running = true;
    this.seq++;
    this.active = params.length;
    for (let w = 0; w < params.length; w++) {
      const m = this.members[w]!;
      const p = params[w]!;
      if (p.length > MAX_PARAMS) throw new BackendError(`A team task takes at most ${MAX_PARAMS} parameters`);
      for (let i = 0; i < p.length; i++) m.ctrl[PARAMS + i] = p[i]!;
      // Referenced while working: a pending Atomics.waitAsync alone does not keep Node running.
      m.worker.ref();
      Atomics.store(m.ctrl, SEQ, this.seq);
      Atomics.notify(m.ctrl, SEQ);
    }
  }

  /** Waits until every member started by `run` is done; a failure in any becomes a BackendError. */
  async join(): Promise<void> {
    try {
      for (let w = 0; w < this.active; w++) {
        const m = this.members[w]!;
        // Members are started at the same time as the caller's own share, so they are usually
        // done or nearly so: a short blocking wait answers in microseconds, where an async wait
        // costs an event-loop turn. Longer waits poll asynchronously, so a crashed worker's exit
        // event can be seen.
        const before = Atomics.load(m.ctrl, DONE);
        if (before !== this.seq) Atomics.wait(m.ctrl, DONE, before, SYNC_WAIT_MS);
        while (Atomics.load(m.ctrl, DONE) !== this.seq) {
          if (m.dead) throw new BackendError(`A worker thread failed: ${m.dead.message}`, { cause: m.dead });
          const r = waitAsync(m.ctrl, DONE, Atomics.load(m.ctrl, DONE), 50);
          if (r.async) await r.value;
        }
        if (Atomics.load(m.ctrl, STATUS) === FAILED) {
          const msg = receiveMessageOnPort(m.port)?.message as { error?: string } | undefined;
          Atomics.store(m.ctrl, STATUS, OK);
          throw new BackendError(`A worker task failed: ${msg?.error ?? 'unknown error'}`);
        }
      }
    } finally {
      for (let w = 0; w < this.active; w++) this.members[w]!.worker.unref();
      this.running = false;
    }
  }

  /** Microseconds member `w`'s last finished task took. */
  elapsed(w: number): number {
    return Atomics.load(this.members[w]!.ctrl, ELAPSED);
  }

  /** Stops the members: each leaves its wait loop, then the thread is terminated. */
  async close(): Promise<void> {
    for (const m of this.members) {
      Atomics.store(m.ctrl, SEQ, -1);
      Atomics.notify(m.ctrl, SEQ);
    }
    await Promise.all(this.members.map((m) => m.worker.terminate()));
  }
}

/** Atomics.waitAsync (Node 16+; typed only in lib ES2024, which would admit APIs Node 20 lacks). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      a: Int32Array,
      i: number,
      v: number,
      ms: number,
    ): { async: boolean; value: Promise<string> | string };
  }
).waitAsync;

const teams = new Map<string, WorkerTeam>();

/** A team for `taskModule` with at least `size` members, cached across calls like the pools (a team with a dead member is replaced). */
export function workerTeam(taskModule: URL, size: number): WorkerTeam {
  const key = taskModule.href;
  const team = teams.get(key);
  if (team?.healthy && team.size >= size) return team;
  if (team) void team.close();
  const created = new WorkerTeam(taskModule, size);
  teams.set(key, created);
  return created;
}

/** Stops every cached team. */
export async function closeWorkerTeams(): Promise<void> {
  const all = [...teams.values()];
  teams.clear();
  await Promise.all(all.map((t) => t.close()));
}
