// The OS user name, recorded as a run's user like MLflow's clients do.
import { userInfo } from 'node:os';

/** The current OS user, or `fallback` when the platform cannot tell. */
export function currentUser(fallback = 'unknown'): string {
  try {
    return userInfo().username;
  } catch {
    return fallback;
  }
}
