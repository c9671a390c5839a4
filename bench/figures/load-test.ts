import { registration } from '@events/harness/registrations';
import autocannon from 'autocannon';

export interface LoadResult {
  /** 2xx answers per second over the whole run. */
  okPerSecond: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

/**
 * POST /users with a fresh, unique registration per request (unique emails and usernames, so nothing is a
 * conflict), through autocannon: `connections` keep-alive connections, optionally capped at `overallRate`.
 */
export async function loadPostUsers(
  baseUrl: string,
  bodies: { runId: string; next: () => number },
  { connections, durationS, overallRate }: { connections: number; durationS: number; overallRate?: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: durationS,
    ...(overallRate === undefined ? {} : { overallRate }),
    requests: [
      {
        method: 'POST',
        path: '/users',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify(registration(bodies.runId, bodies.next())),
        }),
      },
    ],
  });
  return {
    okPerSecond: result['2xx'] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors,
  };
}

const WARM_UP = { connections: 4, durationS: 1 };

/**
 * A short warm-up at low concurrency (JIT, pools, connections), then the measured run; a run with any
 * answer but 2xx fails, since a fast run of 4xx/5xx would measure nothing.
 */
export async function measureWithWarmUp(
  name: string,
  baseUrl: string,
  bodies: { runId: string; next: () => number },
  run: { connections: number; durationS: number; overallRate?: number },
): Promise<LoadResult> {
  await loadPostUsers(baseUrl, bodies, WARM_UP);
  const result = await loadPostUsers(baseUrl, bodies, run);
  if (result.failed > 0)
    throw new Error(`${name}: ${result.failed} of ${result.ok + result.failed} requests failed`);
  return result;
}
