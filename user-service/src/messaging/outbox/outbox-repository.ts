import type { Queryable } from '@events/service-platform/postgres';
import type { OutboxRecord } from './outbox-record.ts';

/** Non-leading instances NOTIFY here after a commit; the leading relay LISTENs on its lock session. */
export const OUTBOX_CHANNEL = 'user_service_outbox';

/** Where the relay is in the outbox: the last event it relayed, in (transaction id, position) order. */
export interface Checkpoint {
  /** xid8 as text: 64-bit, beyond a JavaScript number's exact range. */
  xactId: string;
  position: string;
}

/** An event as the relay reads it; `topic` is not checked against the contracts yet. */
export interface OutboxRow extends Omit<OutboxRecord, 'topic'>, Checkpoint {
  topic: string;
  createdAt: Date;
}

export interface OutboxRead {
  /** Events every earlier transaction has ended for: none can appear before them any more. */
  settled: OutboxRow[];
  /** Committed events were seen behind a transaction still running: read again soon. */
  waiting: boolean;
}

/**
 * Events after `after`, in (xact_id, position) order. Only those whose transaction id is below the snapshot's
 * xmin are settled: every transaction with a lower id has committed or aborted, so no event can still appear
 * before them. A sequence or commit-time high-water mark would skip a transaction that commits late.
 */
export async function readAfter(db: Queryable, after: Checkpoint, limit: number): Promise<OutboxRead> {
  const { rows } = await db.query<OutboxRow & { isSettled: boolean }>(
    `SELECT xact_id::text AS "xactId", position::text AS position, id, topic, aggregate_id::text AS key,
            payload, headers, created_at AS "createdAt",
            xact_id < pg_snapshot_xmin(pg_current_snapshot()) AS "isSettled"
     FROM outbox
     WHERE (xact_id, position) > ($1::xid8, $2::bigint)
     ORDER BY xact_id, position
     LIMIT $3`,
    [after.xactId, after.position, limit],
  );
  const settled: OutboxRow[] = [];
  for (const { isSettled, ...row } of rows) {
    if (!isSettled) return { settled, waiting: true };
    settled.push(row);
  }
  return { settled, waiting: false };
}

export async function readCheckpoint(db: Queryable): Promise<Checkpoint> {
  const { rows } = await db.query<Checkpoint>(
    'SELECT xact_id::text AS "xactId", position::text AS position FROM outbox_checkpoint',
  );
  const checkpoint = rows[0];
  if (!checkpoint) throw new Error('outbox_checkpoint has no row: migrations/006 was not applied');
  return checkpoint;
}

/** The relay's one write per batch, sent only after Kafka acknowledged everything up to `to`. */
export async function saveCheckpoint(db: Queryable, to: Checkpoint, relay: string): Promise<void> {
  await db.query(
    'UPDATE outbox_checkpoint SET xact_id = $1::xid8, position = $2::bigint, relayed_at = now(), relay = $3',
    [to.xactId, to.position, relay],
  );
}

/** Records which instance leads, when it takes the lock (before its first batch). */
export async function claimCheckpoint(db: Queryable, relay: string): Promise<void> {
  await db.query('UPDATE outbox_checkpoint SET relay = $1', [relay]);
}

/** Keeps events that can never be encoded, with the reason, so the relay can move past them. */
export async function park(db: Queryable, row: OutboxRow, error: string): Promise<void> {
  await db.query(
    `INSERT INTO outbox_parked (id, aggregate_id, topic, payload, headers, created_at, error)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
    [row.id, row.key, row.topic, row.payload, row.headers, row.createdAt, error],
  );
}

/** Wakes the leading relay, whichever instance it runs in. */
export async function announcePendingRows(db: Queryable): Promise<void> {
  await db.query('SELECT pg_notify($1, current_schema())', [OUTBOX_CHANNEL]);
}

export interface RelayLag {
  /** Events committed and not relayed yet (those of transactions still running are not counted). */
  events: number;
  /** How long ago the oldest of them was written; 0 when the relay is caught up. */
  seconds: number;
  /** The instance holding the relay lock, or null when none does (a takeover is due). */
  activeRelay: string | null;
}

/** Counted at scrape time: an index range scan over the backlog, nothing when the relay is caught up. */
export async function relayLag(db: Queryable): Promise<RelayLag> {
  const { rows } = await db.query<RelayLag>(
    `SELECT count(o.*)::int AS events,
            coalesce(extract(epoch FROM clock_timestamp() - min(o.created_at)), 0)::float8 AS seconds,
            (SELECT c.relay FROM outbox_checkpoint c WHERE EXISTS (
               SELECT 1 FROM pg_locks l
               WHERE l.locktype = 'advisory' AND l.granted AND l.database = (
                 SELECT oid FROM pg_database WHERE datname = current_database())
                 AND l.classid::int = ${RELAY_LOCK_KEYS.classid} AND l.objid::int = ${RELAY_LOCK_KEYS.objid}
                 AND l.objsubid = 2)) AS "activeRelay"
     FROM outbox_checkpoint c
     LEFT JOIN outbox o ON (o.xact_id, o.position) > (c.xact_id, c.position)`,
  );
  return rows[0] ?? { events: 0, seconds: 0, activeRelay: null };
}

/** SQL for the relay's advisory lock: one per schema (each test has its own outbox in the same database). */
export const RELAY_LOCK_KEYS = {
  classid: "hashtext('user_service_outbox_relay')",
  objid: 'hashtext(current_schema())',
} as const;
