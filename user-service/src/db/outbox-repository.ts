import type { Queryable } from './pool.ts';

export const OUTBOX_CHANNEL = 'user_service_outbox';

export interface NewOutboxEvent {
  /** The event id, sent as the `event-id` header so consumers can deduplicate. */
  id: string;
  aggregateId: string;
  /** Contract topic name from @events/contracts, not necessarily the Kafka topic it lands on. */
  topic: string;
  payload: unknown;
  headers: Record<string, string>;
}

export interface OutboxRow extends NewOutboxEvent {
  createdAt: Date;
}

interface Row {
  id: string;
  aggregate_id: string;
  topic: string;
  payload: unknown;
  headers: Record<string, string>;
  created_at: Date;
}

export async function insertOutboxEvent(db: Queryable, event: NewOutboxEvent): Promise<void> {
  await db.query(
    'INSERT INTO outbox (id, aggregate_id, topic, payload, headers) VALUES ($1, $2, $3, $4, $5)',
    [event.id, event.aggregateId, event.topic, JSON.stringify(event.payload), JSON.stringify(event.headers)],
  );
}

/** Locks the oldest pending rows; rows another relay holds are skipped, not waited for. */
export async function claimPending(db: Queryable, topic: string, limit: number): Promise<OutboxRow[]> {
  const { rows } = await db.query<Row>(
    `SELECT id, aggregate_id, topic, payload, headers, created_at FROM outbox
     WHERE published_at IS NULL AND failed_at IS NULL AND topic = $1
     ORDER BY created_at, id
     LIMIT $2
     FOR UPDATE SKIP LOCKED`,
    [topic, limit],
  );
  return rows.map((row) => ({
    id: row.id,
    aggregateId: row.aggregate_id,
    topic: row.topic,
    payload: row.payload,
    headers: row.headers,
    createdAt: row.created_at,
  }));
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
