import pg from 'pg';
import { median } from '../stats.ts';

/**
 * One registration's timestamps in epoch milliseconds with microsecond fractions (a JS Date would round them
 * to whole milliseconds, the size of the stages), all from the same PostgreSQL server clock.
 */
export interface StageTimes {
  /** outbox.created_at: clock_timestamp() while the registration's INSERT ran. */
  insertedMs: number;
  /** profiles.created_at: now() of profile-service's upsert statement. */
  upsertedMs: number;
}

/** The append-only outbox keeps no per-event publish time (one checkpoint per batch), so one stage is left. */
export interface StageMedians {
  'INSERT → consumer upserts': number;
}

/** Median milliseconds of each stage of the path, over every registration seen at both ends. */
export function medianStages(times: readonly StageTimes[]): StageMedians {
  return { 'INSERT → consumer upserts': median(times.map((t) => t.upsertedMs - t.insertedMs)) };
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
    rows<{ user_id: string; created_ms: number }>(
      userDbUrl,
      `SELECT aggregate_id::text AS user_id, ${epochMs('created_at')} AS created_ms FROM outbox`,
    ),
    rows<{ user_id: string; created_ms: number }>(
      profileDbUrl,
      `SELECT user_id::text, ${epochMs('created_at')} AS created_ms FROM profiles`,
    ),
  ]);
  const upserted = new Map(profiles.map((p) => [p.user_id, p.created_ms]));
  return outbox.flatMap((o) => {
    const upsertedMs = upserted.get(o.user_id);
    return upsertedMs === undefined ? [] : [{ insertedMs: o.created_ms, upsertedMs }];
  });
}
