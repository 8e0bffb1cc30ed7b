// The audit log of admin actions: who (key id, never the key), what, on what, and the outcome.
// Entries go to an optional sink (a file, a SIEM) and a bounded in-memory list for GET /admin/audit.

export interface AuditEntry {
  at: string;
  requestId: string;
  /** API key id of the caller ("anonymous" without auth). */
  actor: string;
  action: string;
  target: string;
  outcome: 'ok' | 'error';
  details?: Record<string, unknown>;
}

/** Records admin actions. */
export class AuditLog {
  private readonly entries: AuditEntry[] = [];

  constructor(
    private readonly sink?: (entry: AuditEntry) => void,
    private readonly capacity = 1000,
  ) {}

  record(entry: Omit<AuditEntry, 'at'>): AuditEntry {
    const full: AuditEntry = { at: new Date().toISOString(), ...entry };
    this.entries.push(full);
    if (this.entries.length > this.capacity) this.entries.shift();
    this.sink?.(full);
    return full;
  }

  /** The most recent entries, newest last. */
  list(limit = 100): AuditEntry[] {
    return this.entries.slice(-limit);
  }
}
