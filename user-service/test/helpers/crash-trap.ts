import { cleanUpLater } from '@events/test-kit/cleanup';
import { expect } from 'vitest';

/**
 * Records every uncaught exception from now until the calling test ends, then fails the test if one came: a
 * service running in the test's process would have crashed on it (runService exits 1).
 */
export function trapUncaughtExceptions(): { caught: unknown[] } {
  const caught: unknown[] = [];
  const record = (error: unknown) => caught.push(error);
  process.on('uncaughtException', record);
  cleanUpLater(async () => {
    process.off('uncaughtException', record);
    expect(caught.map((error) => (error instanceof Error ? error.message : String(error)))).toEqual([]);
  });
  return { caught };
}
