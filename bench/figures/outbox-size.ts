import pg from 'pg';

export interface OutboxSize {
  rows: number;
  /** Every partition of the outbox with its indexes and TOAST, plus the checkpoint row's table. */
  bytes: number;
  partitions: number;
  /** Dead tuples PostgreSQL's statistics count in the outbox's partitions (what only VACUUM reclaims). */
  deadTuples: number;
  /** Users registered so far: each wrote one outbox row. */
  users: number;
}

/** What user-service's outbox holds and occupies right now, in the database at `databaseUrl`. */
export async function outboxSize(databaseUrl: string): Promise<OutboxSize> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<OutboxSize>(
      `SELECT (SELECT count(*)::int FROM outbox) AS rows,
              (SELECT coalesce(sum(pg_total_relation_size(relid)), 0) FROM pg_partition_tree('outbox'))::float8
                + pg_total_relation_size('outbox_checkpoint')::float8 AS bytes,
              (SELECT count(*)::int FROM pg_partition_tree('outbox') WHERE isleaf) AS partitions,
              (SELECT coalesce(sum(s.n_dead_tup), 0)::int FROM pg_partition_tree('outbox') t
                 JOIN pg_stat_user_tables s ON s.relid = t.relid) AS "deadTuples",
              (SELECT count(*)::int FROM users) AS users`,
    );
    return rows[0] as OutboxSize;
  } finally {
    await db.end();
  }
}

export const describeSize = ({ rows, bytes }: OutboxSize) =>
  `${rows} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB`;
