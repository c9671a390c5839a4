import { describe, expect, it } from 'vitest';
import { DeadlineExceededError, withDeadline } from './deadline.ts';

describe('withDeadline', () => {
  it('passes the result through when the work finishes in time', async () => {
    await expect(withDeadline(Promise.resolve(7), 1_000, 'work')).resolves.toBe(7);
  });

  it('passes the work’s own failure through', async () => {
    await expect(withDeadline(Promise.reject(new Error('boom')), 1_000, 'work')).rejects.toThrow('boom');
  });

  it('rejects with a retriable DeadlineExceededError naming the work when it hangs', async () => {
    const hanging = new Promise<never>(() => undefined);
    const error = await withDeadline(hanging, 20, 'kafka send').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(error).toMatchObject({ message: 'kafka send timed out after 20 ms', retriable: true });
  });
});
