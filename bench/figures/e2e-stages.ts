import pg from 'pg';
import { median } from '../stats.ts';

/**
 * One registration's timestamps in epoch milliseconds with microsecond fractions (a JS Date would round them
 * to whole milliseconds, the size of the stages), all from the same PostgreSQL server clock.
 */
export interface StageTimes {
  /** outbox.created_at: clock_timestamp() while the registration's INSERT ran. */
  insertedMs: number;
  /** outbox.published_at: now() of the relay's transaction, i.e. when it began the batch that claimed the row. */
  claimedMs: number;
  /** profiles.created_at: now() of profile-service's upsert statement. */
  upsertedMs: number;
}

export interface StageMedians {
  'INSERT → relay claims the row': number;
  'relay claims → consumer upserts': number;
}

/** Median milliseconds of each stage of the path, over every registration seen at both ends. */
export function medianStages(times: readonly StageTimes[]): StageMedians {
  return {
    'INSERT → relay claims the row': median(times.map((t) => t.claimedMs - t.insertedMs)),
    'relay claims → consumer upserts': median(times.map((t) => t.upsertedMs - t.claimedMs)),
  };
}

/** float8 comes back from pg as a JS number. */
const epochMs = (column: string) => `(extract(epoch FROM ${column}) * 1000)::float8`;

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
    rows<{ user_id: string; created_ms: number; published_ms: number }>(
      userDbUrl,
      `SELECT aggregate_id::text AS user_id, ${epochMs('created_at')} AS created_ms,
         ${epochMs('published_at')} AS published_ms
       FROM outbox WHERE published_at IS NOT NULL`,
    ),
    rows<{ user_id: string; created_ms: number }>(
      profileDbUrl,
      `SELECT user_id::text, ${epochMs('created_at')} AS created_ms FROM profiles`,
    ),
  ]);
  const upserted = new Map(profiles.map((p) => [p.user_id, p.created_ms]));
  return outbox.flatMap((o) => {
    const upsertedMs = upserted.get(o.user_id);
    return upsertedMs === undefined
      ? []
      : [{ insertedMs: o.created_ms, claimedMs: o.published_ms, upsertedMs }];
  });
}
