export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

/**
 * Exponential backoff with "equal jitter": 2^n growth from `baseMs`, capped at `maxMs`, half of it
 * randomised so instances retrying the same outage do not stampede together. `attempt` starts at 1.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const random = options.random ?? Math.random;
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Consecutive failures counted per key (a partition, a connection), each backing off on its own. */
export interface Backoff {
  /** Delay before the next attempt for `key`; grows with each call until `reset(key)`. */
  next(key: string): number;
  reset(key: string): void;
}

export function createBackoff(options: BackoffOptions): Backoff {
  const failures = new Map<string, number>();
  return {
    next(key) {
      const attempt = (failures.get(key) ?? 0) + 1;
      failures.set(key, attempt);
      return backoffDelay(attempt, options);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
