// The one rule for tests that need a service (PostgreSQL, an MLflow server): outside CI they skip
// with a printed reason when it is unavailable; with MLPY_INTEGRATION=1 that is a test failure.
import { describe, it } from 'vitest';

/** A started service, or why it could not be started. */
export type Probe<T> = { ok: true; value: T } | { ok: false; reason: string };

/** True when CI demands every service (MLPY_INTEGRATION=1). */
export const integrationRequired = process.env['MLPY_INTEGRATION'] === '1';

/**
 * Declares `body` under `describe(name)` when the service is up. When it is down, fails under
 * MLPY_INTEGRATION=1 and otherwise skips with a console warning saying why.
 */
export function describeService<T>(name: string, probe: Probe<T>, body: (service: T) => void): void {
  if (probe.ok) {
    describe(name, () => body(probe.value));
    return;
  }
  if (integrationRequired) {
    describe(name, () => {
      it(`needs ${name}`, () => {
        throw new Error(`${name} is unavailable (${probe.reason}); MLPY_INTEGRATION=1 requires it.`);
      });
    });
    return;
  }
  console.warn(`Skipping ${name} tests: ${probe.reason}. Set MLPY_INTEGRATION=1 to make this a failure.`);
  describe.skip(name, () => body(undefined as T));
}
