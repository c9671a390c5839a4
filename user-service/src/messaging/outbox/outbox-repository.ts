import type { PoolClient, Queryable } from '@events/service-platform/postgres';
import { escapeLiteral, type QueryResult } from 'pg';
import type { OutboxRecord } from './outbox-record.ts';

export const OUTBOX_CHANNEL = 'user_service_outbox';

/** A pending row as the relay reads it; `topic` is not checked against the contracts yet. */
export interface OutboxRow extends Omit<OutboxRecord, 'topic'> {
  topic: string;
}

const CLAIM_PENDING = `SELECT id, topic, aggregate_id::text AS key, payload, headers FROM outbox
  WHERE published_at IS NULL AND failed_at IS NULL
  ORDER BY created_at, id`;

/**
 * Keeps the claim on an ordered scan of outbox_pending_idx. Publishing a row leaves its entry in that partial
 * index until VACUUM; a plain index scan marks such entries dead as it passes them, so the next claim skips
 * them, but a bitmap scan (which the planner picks when it expects few pending rows) visits every one of them
 * on every claim: after a burst of 40,000 registrations that was 1,800 buffers and ~2 ms per claim, against
 * 200 buffers and ~0.2 ms. The ordered scan also reads only `limit` entries of a large backlog.
 */
const ORDERED_INDEX_SCAN = 'SET LOCAL enable_bitmapscan = off';

/**
 * Opens a transaction and locks the oldest pending rows of any topic in one round trip; rows another relay
 * holds are skipped, not waited for. Several statements in one text need the simple protocol, which takes no
 * parameters: the limit is formatted, after checking it is a positive integer.
 */
export async function beginAndClaimPending(client: PoolClient, limit: number): Promise<OutboxRow[]> {
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new RangeError(`claim limit must be a positive integer, got ${limit}`);
  }
  const results = (await client.query(`BEGIN; ${ORDERED_INDEX_SCAN}; ${claimPending(limit)}`)) as unknown as [
    QueryResult,
    QueryResult,
    QueryResult<OutboxRow>,
  ];
  return results[2].rows;
}

/** The claim's SELECT; run it after ORDERED_INDEX_SCAN in the same transaction (beginAndClaimPending). */
export const claimPending = (limit: number) => `${CLAIM_PENDING} LIMIT ${limit} FOR UPDATE SKIP LOCKED`;

/**
 * Marks the rows published and commits in one round trip (simple protocol, see beginAndClaimPending): the
 * ids are the claimed rows' own uuids, passed as one escaped array literal.
 */
export async function markPublishedAndCommit(client: PoolClient, ids: readonly string[]): Promise<void> {
  await client.query(
    `UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL
     WHERE id = ANY(${escapeLiteral(`{${ids.join(',')}}`)}::uuid[]); COMMIT`,
  );
}

/** Takes a row out of the queue for good (it can never be encoded); it stays for inspection. */
export async function markFailed(db: Queryable, id: string, error: string): Promise<void> {
  await db.query(
    'UPDATE outbox SET failed_at = now(), attempts = attempts + 1, last_error = $2 WHERE id = $1',
    [id, error],
  );
}

export async function recordAttempt(db: Queryable, ids: string[], error: string): Promise<void> {
  await db.query(
    'UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::uuid[]) AND published_at IS NULL',
    [ids, error],
  );
}

/** Wakes the relays of every instance listening on OUTBOX_CHANNEL (outbox-notifications.ts). */
export async function announcePendingRows(db: Queryable): Promise<void> {
  await db.query('SELECT pg_notify($1, current_schema())', [OUTBOX_CHANNEL]);
}

export async function countPending(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ pending: number }>(
    'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL AND failed_at IS NULL',
  );
  return rows[0]?.pending ?? 0;
}

/**
 * Deletes up to `limit` rows published more than `retentionMinutes` ago, oldest first (outbox_published_idx).
 * Parked rows are never published, so they stay for inspection. Returns how many were deleted.
 */
export async function deletePublishedBefore(
  db: Queryable,
  { retentionMinutes, limit }: { retentionMinutes: number; limit: number },
): Promise<number> {
  const { rowCount } = await db.query(
    `DELETE FROM outbox WHERE id IN (
       SELECT id FROM outbox
       WHERE published_at < now() - make_interval(mins => $1)
       ORDER BY published_at
       LIMIT $2
     )`,
    [retentionMinutes, limit],
  );
  return rowCount ?? 0;
}
