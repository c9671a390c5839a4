import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs `task` at a steady rate until `shouldStop()`; at most `maxInFlight` at once, so a stalled
 * server slows the load down instead of piling up unbounded requests.
 */
export async function runAtRate(
  {
    ratePerSecond,
    maxInFlight,
    shouldStop,
  }: { ratePerSecond: number; maxInFlight: number; shouldStop: () => boolean },
  task: (index: number) => Promise<void>,
): Promise<void> {
  const interval = 1000 / ratePerSecond;
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  for (let index = 0; !shouldStop(); index += 1) {
    const due = started + index * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    const run: Promise<void> = task(index).finally(() => inFlight.delete(run));
    inFlight.add(run);
  }
  await Promise.all(inFlight);
}
