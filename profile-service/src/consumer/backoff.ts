export interface Backoff {
  /** Delay before the next attempt for `key`; grows exponentially per consecutive failure. */
  next(key: string): number;
  reset(key: string): void;
}

export function createBackoff({
  initialMs,
  maxMs,
  random = Math.random,
}: {
  initialMs: number;
  maxMs: number;
  random?: () => number;
}): Backoff {
  const failures = new Map<string, number>();
  return {
    next(key) {
      const attempt = failures.get(key) ?? 0;
      failures.set(key, attempt + 1);
      const ceiling = Math.min(maxMs, initialMs * 2 ** attempt);
      // Half fixed, half jitter: instances retrying the same outage do not stampede together.
      return Math.round(ceiling / 2 + (random() * ceiling) / 2);
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
