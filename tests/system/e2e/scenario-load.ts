import { setTimeout as sleep } from 'node:timers/promises';
import { runAtRate } from '@events/harness/rate-limiter';
import type { Registration } from '@events/harness/registrations';
import type pg from 'pg';
import { type Acknowledged, type Verdict, verify } from './verify.ts';

export interface LoadResult {
  acknowledged: Acknowledged[];
  /** 5xx answers and requests that got no answer at all. */
  http5xx: number;
}

/** Registrations at a steady rate for `durationMs`, spread round-robin over the user-service instances. */
export async function registerAtRate({
  urls,
  ratePerSecond,
  durationMs,
  nextRegistration,
}: {
  urls: readonly string[];
  ratePerSecond: number;
  durationMs: number;
  nextRegistration: () => Registration;
}): Promise<LoadResult> {
  const acknowledged: Acknowledged[] = [];
  let http5xx = 0;
  const ends = Date.now() + durationMs;
  await runAtRate({ ratePerSecond, maxInFlight: 50, shouldStop: () => Date.now() >= ends }, async (index) => {
    const body = nextRegistration();
    const response = await fetch(`${urls[index % urls.length]}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).catch(() => undefined);
    if (!response || response.status >= 500) http5xx += 1;
    if (response?.status === 201)
      acknowledged.push({ ...body, id: ((await response.json()) as { id: string }).id });
    else await response?.arrayBuffer();
  });
  return { acknowledged, http5xx };
}

/** Waits until every acknowledged registration has a profile, or the timeout passes. */
export async function settle(
  profiles: pg.Pool,
  acknowledged: Acknowledged[],
  timeoutMs: number,
): Promise<Verdict> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const verdict = await verify(profiles, acknowledged);
    if (verdict.lost.length === 0 || Date.now() > deadline) return verdict;
    await sleep(1000);
  }
}
