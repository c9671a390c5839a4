import { setTimeout as sleep } from 'node:timers/promises';
import { runAtRate } from '@events/harness/rate-limiter';
import { registration } from '@events/harness/registrations';
import type { RunContext } from '@events/harness/run-context';
import type { ProfileWatcher } from './profile-watcher.ts';

const SETTLE_MS = 30_000;

export interface Samples {
  /** 201 received → profile visible. */
  fromAck: number[];
  /** POST sent → profile visible. */
  fromRequest: number[];
  /** Registrations answered 201 per second over the run. */
  achievedPerSecond: number;
}

/**
 * POSTs unique registrations to `baseUrl` at a fixed rate for `seconds` (or until `shouldStop()`) and waits
 * (30 s unless told) until every acknowledged one is visible as a profile. Any answer but 201, or a profile
 * that never shows, fails it.
 */
export async function registerAtRate(
  ctx: RunContext,
  watcher: ProfileWatcher,
  {
    baseUrl,
    ratePerSecond,
    seconds,
    tag,
    settleMs = SETTLE_MS,
    shouldStop,
  }: {
    baseUrl: string;
    ratePerSecond: number;
    seconds: number;
    tag: string;
    settleMs?: number;
    shouldStop?: () => boolean;
  },
): Promise<Samples> {
  const samples: Samples = { fromAck: [], fromRequest: [], achievedPerSecond: 0 };
  let failed = 0;
  const visible: Promise<void>[] = [];
  const started = Date.now();
  const ends = started + seconds * 1000;
  await runAtRate(
    { ratePerSecond, maxInFlight: 100, shouldStop: shouldStop ?? (() => Date.now() >= ends) },
    async (index) => {
      const sentAt = performance.now();
      const response = await fetch(`${baseUrl}/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(registration(`${ctx.runId}${tag}`, index)),
      });
      const ackAt = performance.now();
      if (response.status !== 201) {
        failed += 1;
        await response.arrayBuffer();
        return;
      }
      const { id } = (await response.json()) as { id: string };
      visible.push(
        watcher.seen(id).then((seenAt) => {
          samples.fromAck.push(seenAt - ackAt);
          samples.fromRequest.push(seenAt - sentAt);
        }),
      );
    },
  );
  samples.achievedPerSecond = (visible.length * 1000) / (Date.now() - started);
  // Unreferenced: a pending timeout must not keep the process alive once the run is over.
  const settled = await Promise.race([
    Promise.all(visible).then(() => true),
    sleep(settleMs, undefined, { ref: false }).then(() => false),
  ]);
  if (!settled)
    throw new Error(
      `${watcher.missing} acknowledged registrations had no profile after ${settleMs / 1000} s`,
    );
  if (failed > 0) throw new Error(`${failed} registrations were not answered with 201`);
  return samples;
}
