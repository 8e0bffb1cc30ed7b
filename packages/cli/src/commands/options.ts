// Option parsers shared by the commands: numbers, ports, repeatable values, tasks.
import { InvalidArgumentError } from 'commander';

/** A parser of a number in [min, max] (integers only when `integer`). */
export function numberIn(min: number, max: number, integer = false): (text: string) => number {
  return (text) => {
    const v = Number(text);
    if (
      text.trim() === '' ||
      !Number.isFinite(v) ||
      v < min ||
      v > max ||
      (integer && !Number.isInteger(v))
    ) {
      throw new InvalidArgumentError(`expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
    }
    return v;
  };
}

/** A TCP port (0 = any free port). */
export const port = numberIn(0, 65535, true);

/** Collects a repeatable option into a list. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `classification` or `regression`. */
export function task(text: string): 'classification' | 'regression' {
  if (text !== 'classification' && text !== 'regression')
    throw new InvalidArgumentError("expected 'classification' or 'regression'");
  return text;
}
