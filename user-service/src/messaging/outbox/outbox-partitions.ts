import type { Pool } from '@events/service-platform/postgres';
import { escapeIdentifier } from 'pg';

export interface PartitionPolicy {
  /** Width of one partition; partitions start at multiples of it (UTC). */
  partitionMinutes: number;
  /** A partition is dropped once its newest possible event is this old and the relay is past all of it. */
  retentionMinutes: number;
}

/** How far ahead partitions exist: every instance's maintenance can fail this long before an INSERT would. */
const PARTITIONS_AHEAD = 2;

const MINUTE_MS = 60_000;

interface Partition {
  name: string;
  /** Exclusive upper bound (no partition is made TO MAXVALUE). */
  upper: Date;
}

const partitionName = (start: Date) =>
  `outbox_p${start.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', 't')}`;

/**
 * Retention without touching a row: creates the outbox's next time partitions and drops whole partitions
 * that are older than the retention and entirely behind the relay's checkpoint (an event not relayed yet is
 * never dropped, however old). Several instances run it; an advisory lock makes them take turns, and a short
 * lock_timeout keeps the DDL from holding registrations up (it retries at the next interval instead).
 * Returns how many partitions it dropped.
 */
export async function maintainOutboxPartitions(pool: Pool, policy: PartitionPolicy): Promise<number> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(
      "BEGIN; SET LOCAL lock_timeout = '200ms'; SELECT pg_advisory_xact_lock(hashtext('user_service_outbox_partitions'), hashtext(current_schema()))",
    );
    // The database's clock, the one that stamps created_at.
    const { rows: clock } = await client.query<{ now: Date }>('SELECT clock_timestamp() AS now');
    const now = clock[0]?.now ?? new Date();
    const { rows: partitions } = await client.query<Partition>(
      `SELECT c.relname AS name,
              (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS upper
       FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'outbox'::regclass`,
    );
    await createAhead(client, partitions, now, policy.partitionMinutes);
    const dropped = await dropExpired(client, partitions, now, policy.retentionMinutes);
    await client.query('COMMIT');
    return dropped;
  } catch (error) {
    broken = await client.query('ROLLBACK').then(
      () => false,
      () => true,
    );
    throw error;
  } finally {
    client.release(broken);
  }
}

async function createAhead(
  client: Pick<Pool, 'query'>,
  existing: Partition[],
  now: Date,
  partitionMinutes: number,
): Promise<void> {
  const width = partitionMinutes * MINUTE_MS;
  const alignedNow = Math.floor(now.getTime() / width) * width;
  const coveredUntil = Math.max(alignedNow, ...existing.map((p) => p.upper.getTime()));
  const target = alignedNow + (PARTITIONS_AHEAD + 1) * width;
  for (let start = coveredUntil; start < target; ) {
    // The first one may start off the grid (after the migration's partition): it ends on the grid.
    const end = (Math.floor(start / width) + 1) * width;
    await client.query(
      `CREATE TABLE ${escapeIdentifier(partitionName(new Date(start)))} PARTITION OF outbox
       FOR VALUES FROM ('${new Date(start).toISOString()}') TO ('${new Date(end).toISOString()}')`,
    );
    start = end;
  }
}

async function dropExpired(
  client: Pick<Pool, 'query'>,
  existing: Partition[],
  now: Date,
  retentionMinutes: number,
): Promise<number> {
  const horizon = now.getTime() - retentionMinutes * MINUTE_MS;
  let dropped = 0;
  for (const { name, upper } of existing) {
    if (upper.getTime() > horizon) continue;
    const table = escapeIdentifier(name);
    // Locked before it is read: a registration still inserting into it (its row not visible yet) finishes
    // first, so the check below sees every row the partition will ever hold.
    await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    const { rows } = await client.query<{ relayed: boolean }>(
      `SELECT NOT EXISTS (
         SELECT 1 FROM ${table} o, outbox_checkpoint c WHERE (o.xact_id, o.position) > (c.xact_id, c.position)
       ) AS relayed`,
    );
    if (!rows[0]?.relayed) continue;
    await client.query(`DROP TABLE ${table}`);
    dropped += 1;
  }
  return dropped;
}
