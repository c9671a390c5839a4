import type { Queryable } from './pool.ts';

export const OUTBOX_CHANNEL = 'user_service_outbox';

/** What the relay reads of a pending row. */
export interface OutboxRow {
  /** The event id, sent as the `event-id` header so consumers can deduplicate. */
  id: string;
  aggregateId: string;
  payload: unknown;
  headers: Record<string, string>;
}

export interface NewOutboxEvent extends OutboxRow {
  /** Contract topic name from @events/contracts, not necessarily the Kafka topic it lands on. */
  topic: string;
}

/** Locks the oldest pending rows; rows another relay holds are skipped, not waited for. */
export async function claimPending(db: Queryable, topic: string, limit: number): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `SELECT id, aggregate_id AS "aggregateId", payload, headers FROM outbox
     WHERE published_at IS NULL AND failed_at IS NULL AND topic = $1
     ORDER BY created_at, id
     LIMIT $2
     FOR UPDATE SKIP LOCKED`,
    [topic, limit],
  );
  return rows;
}

export async function markPublished(db: Queryable, ids: string[]): Promise<void> {
  await db.query(
    'UPDATE outbox SET published_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ANY($1::uuid[])',
    [ids],
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

export async function countPending(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ pending: number }>(
    'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL AND failed_at IS NULL',
  );
  return rows[0]?.pending ?? 0;
}
