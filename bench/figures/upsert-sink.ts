import { randomUUID } from 'node:crypto';
import { dropDatabase, type RunContext, recreateDatabase } from '@events/harness/run-context';
import pg from 'pg';
import { benchDatabase } from '../bench-services.ts';
import { createProfile, createProfileRepository, migrateProfileDb } from '../peers/service-parts.ts';
import { watchProfiles } from './profile-watcher.ts';
import type { RawSink } from './raw-kafka-latency.ts';

/**
 * The physical floor's consuming end: each event goes through profile-service's own rules and upsert into a
 * fresh profiles database, with nothing else (no registry, no Avro, no batching, no DLQ). It has arrived when
 * its row is visible, seen by the same trigger and NOTIFY that time ours and the peer's.
 */
export async function upsertSink(ctx: RunContext): Promise<RawSink> {
  const name = benchDatabase(ctx, 'floor_profiles');
  const pool = new pg.Pool({ connectionString: await recreateDatabase(ctx, name), max: 10 });
  await migrateProfileDb(pool);
  const repository = createProfileRepository({ pool });
  const watcher = await watchProfiles(`${ctx.pgBase}/${name}`);
  return {
    async consume(event) {
      const arrivedAt = watcher.seen(event.userId);
      await repository.upsertMany([
        createProfile({ ...event, registeredAt: new Date(event.registeredAt) }, randomUUID()),
      ]);
      return { arrivedAt };
    },
    async close() {
      await watcher.close().catch(() => undefined);
      await pool.end();
      await dropDatabase(ctx, name);
    },
  };
}
