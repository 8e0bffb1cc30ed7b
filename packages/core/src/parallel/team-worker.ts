// Entry of a WorkerTeam member: wait for a sequence number, take any newly shared values off the
// port, run the task, publish completion; forever, until the team posts a negative sequence.
import { type MessagePort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { DONE, ELAPSED, FAILED, PARAMS, SEQ, STATUS, type TeamMessage, type TeamTask } from './team.js';

/** How long an idle member keeps checking for work before it sleeps. */
const SPIN_MS = 2;

interface MemberData {
  ctrl: Int32Array;
  port: MessagePort;
  /** The task module's URL; `load: 'import'` makes this file load it itself (built packages). */
  task: string;
  load: 'import' | 'require';
}

/** Serves tasks with `run` on this thread; returns when the team closes. */
export function serve(run: TeamTask): void {
  const { ctrl, port } = workerData as MemberData;
  const shared = new Map<number, unknown>();
  const params = ctrl.subarray(PARAMS);
  let seen = 0;
  for (;;) {
    // Tasks come in bursts (one per tree node); waking a sleeping thread costs a hundred
    // microseconds or more on virtual machines, so spin a little before sleeping.
    spin(ctrl, seen);
    Atomics.wait(ctrl, SEQ, seen);
    const seq = Atomics.load(ctrl, SEQ);
    if (seq < 0) break;
    if (seq === seen) continue;
    seen = seq;
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const msg = m.message as TeamMessage;
      if (msg.kind === 'share') shared.set(msg.id, msg.value);
      else for (const id of msg.ids) shared.delete(id);
    }
    const t0 = performance.now();
    try {
      run(params, shared);
    } catch (err) {
      port.postMessage({ error: err instanceof Error ? err.message : String(err) });
      Atomics.store(ctrl, STATUS, FAILED);
    }
    Atomics.store(ctrl, ELAPSED, Math.round((performance.now() - t0) * 1000));
    Atomics.store(ctrl, DONE, seq);
    Atomics.notify(ctrl, DONE);
  }
  port.close();
}

/**
 * Checks SEQ for up to SPIN_MS while it still reads `seen`. The clock is read once every 1024
 * checks: performance.now() returns a boxed number, and reading it on every check allocated
 * 16 bytes each time, about 250 MB a second of garbage for this thread's collector.
 */
function spin(ctrl: Int32Array, seen: number): void {
  const until = performance.now() + SPIN_MS;
  for (let i = 1; Atomics.load(ctrl, SEQ) === seen; i++)
    if ((i & 1023) === 0 && performance.now() >= until) return;
}

const data = workerData as MemberData | null;
if (data?.load === 'import') void import(data.task).then((m: { default: TeamTask }) => serve(m.default));
