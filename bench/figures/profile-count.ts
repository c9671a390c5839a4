import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';

const POLL_MS = 50;

/**
 * Polls the profiles table until it holds `total` rows: when the first ones became visible (and how many),
 * and when all were. Throws after `timeoutMs` from `startedAt`, naming `who` was draining.
 */
export async function awaitProfiles(
  db: pg.Client,
  total: number,
  { startedAt, timeoutMs, who }: { startedAt: number; timeoutMs: number; who: string },
): Promise<{ firstAt: number; firstCount: number; doneAt: number }> {
  let first: { at: number; count: number } | undefined;
  let count = 0;
  while (count < total && performance.now() - startedAt < timeoutMs) {
    const { rows } = await db
      .query<{ n: number }>('SELECT count(*)::int AS n FROM profiles')
      // The service creates the table after it starts; until then there is nothing to count.
      .catch(() => ({ rows: [{ n: 0 }] }));
    count = rows[0]?.n ?? 0;
    if (count > 0) first ??= { at: performance.now(), count };
    if (count < total) await sleep(POLL_MS);
  }
  const doneAt = performance.now();
  if (count < total || !first)
    throw new Error(`${who} made ${count} of ${total} profiles in ${timeoutMs / 1000} s`);
  return { firstAt: first.at, firstCount: first.count, doneAt };
}
