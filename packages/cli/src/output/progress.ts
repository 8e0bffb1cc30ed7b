// A progress bar on stderr, drawn only when stderr is a terminal (never in logs or pipes).
import type { Progress } from '@mlpy/core';
import type { Output } from '../io.js';

const WIDTH = 24;

/** Draws `label [#####-----] 12/50 tree` in place; `done()` ends the line. */
export class ProgressBar {
  private drawn = false;
  private last = 0;

  constructor(
    private readonly out: Output,
    private readonly label: string,
  ) {}

  /** Whether anything is drawn at all. */
  get enabled(): boolean {
    return this.out.isTTY === true;
  }

  /** Redraws (at most every 50 ms, and always at the end). */
  update = (p: Progress): void => {
    if (!this.enabled || p.total <= 0) return;
    const now = Date.now();
    if (p.current < p.total && now - this.last < 50) return;
    this.last = now;
    const share = Math.min(1, Math.max(0, p.current / p.total));
    const filled = Math.round(share * WIDTH);
    const bar = `${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}`;
    this.out.write(`\r${this.label} [${bar}] ${p.current}/${p.total} ${p.stage}\x1b[K`);
    this.drawn = true;
  };

  /** Clears the bar's line. */
  done(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }
}
