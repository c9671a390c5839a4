import pg from 'pg';
import { median } from '../stats.ts';

/** One registration's timestamps, all from the same PostgreSQL server clock. */
export interface StageTimes {
  /** outbox.created_at: clock_timestamp() while the registration's INSERT ran. */
  insertedAt: Date;
  /** outbox.published_at: now() of the relay's transaction, i.e. when it began the batch that claimed the row. */
  claimedAt: Date;
  /** profiles.created_at: now() of profile-service's upsert statement. */
  upsertedAt: Date;
}

export interface StageMedians {
  'INSERT → relay claims the row': number;
  'relay claims → consumer upserts': number;
}

/** Median milliseconds of each stage of the path, over every registration seen at both ends. */
export function medianStages(times: readonly StageTimes[]): StageMedians {
  return {
    'INSERT → relay claims the row': median(times.map((t) => t.claimedAt.getTime() - t.insertedAt.getTime())),
    'relay claims → consumer upserts': median(
      times.map((t) => t.upsertedAt.getTime() - t.claimedAt.getTime()),
    ),
  };
}

async function rows<R extends pg.QueryResultRow>(databaseUrl: string, sql: string): Promise<R[]> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    return (await db.query<R>(sql)).rows;
  } finally {
    await db.end();
  }
}

/** Reads each registration's timestamps from user-service's outbox and profile-service's profiles. */
export async function readStageTimes(userDbUrl: string, profileDbUrl: string): Promise<StageTimes[]> {
  const [outbox, profiles] = await Promise.all([
    rows<{ user_id: string; created_at: Date; published_at: Date }>(
      userDbUrl,
      'SELECT aggregate_id::text AS user_id, created_at, published_at FROM outbox WHERE published_at IS NOT NULL',
    ),
    rows<{ user_id: string; created_at: Date }>(
      profileDbUrl,
      'SELECT user_id::text, created_at FROM profiles',
    ),
  ]);
  const upserted = new Map(profiles.map((p) => [p.user_id, p.created_at]));
  return outbox.flatMap((o) => {
    const upsertedAt = upserted.get(o.user_id);
    return upsertedAt ? [{ insertedAt: o.created_at, claimedAt: o.published_at, upsertedAt }] : [];
  });
}
