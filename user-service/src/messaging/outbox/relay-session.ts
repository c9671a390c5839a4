import type { Queryable } from '@events/service-platform/postgres';
import pg from 'pg';
import { OUTBOX_CHANNEL, RELAY_LOCK_KEYS } from './outbox-repository.ts';

export interface RelaySessionOptions {
  connectionString: string;
  schema?: string;
  /** A statement unanswered by then fails, and the session is dropped (a frozen server). */
  queryTimeoutMs: number;
  /**
   * The server ends the session once it has been idle this long: a leader cut off without a FIN (a network
   * partition, a frozen host) loses the lock then, instead of after TCP keepalive's hours.
   */
  idleTimeoutMs: number;
}

/**
 * One dedicated connection per relay: it holds the session-level advisory lock that makes its relay the only
 * active reader, LISTENs for wake-ups while it leads, and runs the leader's reads and checkpoint writes, so
 * only a session that still holds the lock can move the checkpoint. When the connection dies the lock dies
 * with it; `broken` tells the relay to open a new session and compete again.
 */
export interface RelaySession extends Queryable {
  /** Takes the lock if free; never waits for it. */
  tryLead(): Promise<boolean>;
  /** Gives the lock up on a live session (a leader that cannot publish lets another instance try). */
  stepDown(): Promise<void>;
  readonly broken: boolean;
  close(): Promise<void>;
}

/** `onWakeup` runs on every NOTIFY the session receives, and when the session ends. */
export async function openRelaySession(
  options: RelaySessionOptions,
  onWakeup: () => void,
): Promise<RelaySession> {
  const client = new pg.Client({
    connectionString: options.connectionString,
    application_name: 'user-service-outbox-relay',
    query_timeout: options.queryTimeoutMs,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  let broken = false;
  const drop = () => {
    broken = true;
    // Not awaited: on a frozen server the goodbye would hang too.
    client.end().catch(() => undefined);
  };
  client.on('error', drop);
  // Wakes the relay from its poll wait: a leader that lost its session has lost the lock too.
  client.on('end', () => {
    broken = true;
    onWakeup();
  });
  client.on('notification', onWakeup);
  try {
    await client.connect();
    // A lost checkpoint write only replays a batch (at least once): no need to wait for its WAL flush.
    await client.query(
      `SET synchronous_commit = off; SET idle_session_timeout = ${Math.round(options.idleTimeoutMs)}`,
    );
  } catch (error) {
    drop();
    throw error;
  }

  const query: Queryable['query'] = async (text, values) => {
    try {
      return await client.query(text, values);
    } catch (error) {
      // A statement the server refused leaves the session usable; anything else (timeout, cut) does not.
      if (!(error instanceof pg.DatabaseError)) drop();
      throw error;
    }
  };

  return {
    query,
    async tryLead() {
      const { rows } = await query<{ locked: boolean }>(
        `SELECT pg_try_advisory_lock(${RELAY_LOCK_KEYS.classid}, ${RELAY_LOCK_KEYS.objid}) AS locked`,
      );
      if (!rows[0]?.locked) return false;
      await query(`LISTEN ${OUTBOX_CHANNEL}`);
      return true;
    },
    async stepDown() {
      await query(
        `UNLISTEN ${OUTBOX_CHANNEL}; SELECT pg_advisory_unlock(${RELAY_LOCK_KEYS.classid}, ${RELAY_LOCK_KEYS.objid})`,
      );
    },
    get broken() {
      return broken;
    },
    async close() {
      broken = true;
      await client.end().catch(() => undefined);
    },
  };
}
