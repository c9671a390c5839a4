/** Exponential backoff with "equal jitter": 2^n growth capped at `maxMs`, half of it randomised. */
export function backoffDelay(
  attempt: number,
  options: { baseMs: number; maxMs: number },
  random = Math.random,
): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
