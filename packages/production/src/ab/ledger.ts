// Remembers recent A/B predictions by id, so an outcome posted to /feedback later can be credited
// to the variant (and, in shadow mode, the shadows) that answered. Bounded: the oldest go first.
import { randomUUID } from 'node:crypto';

export interface LedgerEntry {
  experiment: string;
  /** Variant → its predictions for the request (the served one and any shadows). */
  predictions: Map<string, readonly (number | string | null)[]>;
  served: string;
}

/** A bounded map of prediction id → who answered what. */
export class PredictionLedger {
  private readonly entries = new Map<string, LedgerEntry>();

  constructor(private readonly capacity = 100_000) {}

  /** Stores an entry and returns its new prediction id. */
  add(entry: LedgerEntry): string {
    const id = randomUUID();
    this.entries.set(id, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return id;
  }

  get(id: string): LedgerEntry | undefined {
    return this.entries.get(id);
  }

  /** Removes an entry (each prediction takes one outcome). */
  take(id: string): LedgerEntry | undefined {
    const e = this.entries.get(id);
    this.entries.delete(id);
    return e;
  }

  get size(): number {
    return this.entries.size;
  }
}
