// Per-key rate limiting with token buckets: each key may burst `burst` requests and then gets
// `perSecond` more each second. In-memory, per replica.

export interface RateLimitOptions {
  /** Sustained requests per second per key. */
  perSecond: number;
  /** Bucket size: requests allowed at once (default perSecond). */
  burst?: number;
}

/** Token buckets keyed by API key id (or client address when auth is off). */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly burst: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.burst = options.burst ?? options.perSecond;
  }

  /** Takes a token for `key`; returns 0 when allowed, else the seconds until one is available. */
  take(key: string): number {
    const t = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= 100_000) this.buckets.clear();
      b = { tokens: this.burst, at: t };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.options.perSecond);
    b.at = t;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return (1 - b.tokens) / this.options.perSecond;
  }
}
