import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `probe` until it returns true; throws after `timeoutMs`, or at once if `stillStarting` says no. */
export async function waitUntil(
  probe: () => Promise<boolean>,
  {
    timeoutMs,
    intervalMs = 500,
    stillStarting,
  }: { timeoutMs: number; intervalMs?: number; stillStarting?: () => boolean },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    if (stillStarting && !stillStarting()) throw new Error('the process exited while starting');
    await sleep(intervalMs);
  }
  throw new Error(`did not answer within ${Math.round(timeoutMs / 1000)} s`);
}
