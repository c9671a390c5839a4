/** Thrown by withDeadline: the work may still finish later, its result is no longer waited for. */
export class DeadlineExceededError extends Error {
  override readonly name = 'DeadlineExceededError';
  readonly retriable = true;
}

/**
 * `work`, or a DeadlineExceededError once `ms` have passed: for calls that can hang on a connection that stays
 * open while no bytes flow (a silent network), which no error ends.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceededError(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
