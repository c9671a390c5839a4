import type { Queryable } from '@events/service-platform/postgres';
import type { OutboxRecord } from '../outbox/outbox-event.ts';

export const OUTBOX_CHANNEL = 'user_service_outbox';

/** A pending row as the relay reads it; `topic` is not checked against the contracts yet. */
export interface OutboxRow extends Omit<OutboxRecord, 'topic'> {
  topic: string;
}

/** Locks the oldest pending rows of any topic; rows another relay holds are skipped, not waited for. */
export async function claimPending(db: Queryable, limit: number): Promise<OutboxRow[]> {
  const { rows } = await db.query<OutboxRow>(
    `SELECT id, topic, aggregate_id::text AS key, payload, headers FROM outbox
     WHERE published_at IS NULL AND failed_at IS NULL
     ORDER BY created_at, id
     LIMIT $1
     FOR UPDATE SKIP LOCKED`,
    [limit],
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
