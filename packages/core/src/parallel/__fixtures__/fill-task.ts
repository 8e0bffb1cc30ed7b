// A team task used by team.test.ts: fills data[from..to) of a shared array with a value, so the
// parent can see which member wrote what; a negative value makes the task throw.
import type { TeamTask } from '../team.js';

const fill: TeamTask = (p, shared) => {
  const data = shared.get(p[0]!) as Float64Array | undefined;
  if (data === undefined) throw new Error(`no shared array ${p[0]}`);
  if (p[3]! < 0) throw new Error('negative value asked for');
  data.fill(p[3]!, p[1]!, p[2]!);
};
export default fill;
