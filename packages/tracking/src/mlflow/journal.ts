// The outage journal: writes the MLflow server could not take are kept in a local SQLite file,
// in order, and replayed in that order when the server answers again — also by a later process.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MlpyError } from '@mlpy/core';
import Database from 'better-sqlite3';
import { isUnavailable, type MlflowRequest } from './http.js';

/** Options of the outage journal. */
export interface JournalOptions {
  /** The journal file (SQLite). */
  path: string;
  /** Pause between replay attempts while the server is still down, in ms (default 1000). */
  replayIntervalMs?: number;
  /** Called when the server refuses a replayed write for good (it is moved to the `failed` table). */
  onReplayError?: (error: unknown, request: MlflowRequest) => void;
}

interface EntryRow {
  id: number;
  request: string;
  body: Buffer | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A durable FIFO of MLflow requests with a replayer. */
export class Journal {
  private readonly db: Database.Database;
  private count: number;
  private replaying: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly options: JournalOptions,
    private readonly send: (req: MlflowRequest) => Promise<unknown>,
  ) {
    const file = resolve(options.path);
    mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file, { timeout: 10_000 });
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS journal (id INTEGER PRIMARY KEY AUTOINCREMENT, request TEXT NOT NULL, body BLOB);
      CREATE TABLE IF NOT EXISTS failed (id INTEGER PRIMARY KEY, request TEXT NOT NULL, body BLOB, error TEXT NOT NULL, failed_at INTEGER NOT NULL);`);
    this.count = (this.db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n;
    if (this.count > 0) this.startReplay();
  }

  /** Writes waiting for the server. */
  get pending(): number {
    return this.count;
  }

  /** Writes the server refused during replay, with its answer. */
  failed(): { request: MlflowRequest; error: string }[] {
    const rows = this.db.prepare('SELECT request, body, error FROM failed ORDER BY id').all() as (EntryRow & {
      error: string;
    })[];
    return rows.map((r) => ({ request: this.decode(r), error: r.error }));
  }

  /** Appends a request; it is durable when this returns. */
  append(req: MlflowRequest): void {
    const raw = req.body instanceof Uint8Array;
    const head = raw ? { ...req, body: undefined } : req;
    this.db
      .prepare('INSERT INTO journal (request, body) VALUES (?, ?)')
      .run(JSON.stringify(head), raw ? Buffer.from(req.body as Uint8Array) : null);
    this.count++;
    this.startReplay();
  }

  private decode(row: EntryRow): MlflowRequest {
    const req = JSON.parse(row.request) as MlflowRequest;
    return row.body ? { ...req, body: new Uint8Array(row.body) } : req;
  }

  /** Starts the replayer unless it runs already. */
  startReplay(): void {
    if (this.replaying || this.closed) return;
    this.replaying = this.replay().finally(() => {
      this.replaying = undefined;
    });
  }

  private async replay(): Promise<void> {
    const head = this.db.prepare('SELECT id, request, body FROM journal ORDER BY id LIMIT 1');
    while (!this.closed) {
      const row = head.get() as EntryRow | undefined;
      if (!row) return;
      const req = this.decode(row);
      try {
        await this.send(req);
      } catch (error) {
        if (isUnavailable(error)) {
          await sleep(this.options.replayIntervalMs ?? 1000);
          continue;
        }
        this.db
          .prepare('INSERT INTO failed (id, request, body, error, failed_at) VALUES (?, ?, ?, ?, ?)')
          .run(
            row.id,
            row.request,
            row.body,
            error instanceof Error ? error.message : String(error),
            Date.now(),
          );
        this.options.onReplayError?.(error, req);
      }
      if (this.closed) return;
      this.db.prepare('DELETE FROM journal WHERE id = ?').run(row.id);
      this.count--;
    }
  }

  /** Resolves when the journal is empty; throws UNAVAILABLE if that takes longer than `timeoutMs`. */
  async drain(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.count > 0) {
      this.startReplay();
      if (Date.now() > deadline) {
        throw new MlpyError(
          'UNAVAILABLE',
          `${this.count} write(s) are still waiting in the outage journal ${this.options.path} because the MLflow server is not answering; they are kept on disk and replayed when it is back.`,
        );
      }
      await sleep(20);
    }
  }

  /** Stops replaying (pending writes stay on disk for the next process) and closes the file. */
  async close(): Promise<void> {
    this.closed = true;
    await this.replaying;
    this.db.close();
  }
}
