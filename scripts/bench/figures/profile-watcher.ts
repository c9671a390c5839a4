import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

/**
 * Notes the moment each awaited profile becomes visible in profile-service's database (what GET /profiles/:id
 * reads), by asking for the still-missing ids every `intervalMs`: the resolution of the e2e figure.
 */
export function watchProfiles(databaseUrl: string, intervalMs = 2) {
  const client = new pg.Client({ connectionString: databaseUrl });
  const waiting = new Map<string, (seenAt: number) => void>();
  let stopped = false;
  const connected = client.connect();
  const loop = (async () => {
    await connected;
    while (!stopped) {
      if (waiting.size > 0) {
        const { rows } = await client.query<{ id: string }>(
          'SELECT user_id::text AS id FROM profiles WHERE user_id = ANY($1::uuid[])',
          [[...waiting.keys()]],
        );
        const seenAt = performance.now();
        for (const { id } of rows) {
          waiting.get(id)?.(seenAt);
          waiting.delete(id);
        }
      }
      await sleep(intervalMs);
    }
  })();

  return {
    /** Resolves with performance.now() at the first poll that finds the profile. */
    seen(userId: string): Promise<number> {
      return new Promise((resolve) => waiting.set(userId, resolve));
    },
    get missing(): number {
      return waiting.size;
    },
    async close(): Promise<void> {
      stopped = true;
      await loop.finally(() => client.end());
    },
  };
}
