import type { JsonForm } from '@events/contracts';
import {
  isTransientDatabaseError,
  type Pool,
  type PoolClient,
  statementFailure,
  uniqueViolation,
} from '@events/service-platform/postgres';
import type { KeyedRegistration } from '../domain/idempotency.ts';
import { emailKey, type User, usernameKey } from '../domain/user.ts';
import { userAlreadyExists } from '../domain/user-errors.ts';
import type { UserRepository } from '../domain/user-repository-port.ts';
import { userServiceError } from '../errors.ts';
import { toOutboxRecord } from '../messaging/outbox/outbox-record.ts';
import { IDEMPOTENCY_KEY_CONSTRAINT } from './idempotency-key-repository.ts';

/** Which field each unique constraint of migrations/ protects. */
const UNIQUE_FIELDS: Record<string, 'email' | 'username'> = {
  users_email_key_unique: 'email',
  users_username_key_unique: 'username',
};

/**
 * The user row and its outbox event in one statement. A statement is atomic on its own, so this keeps the
 * outbox guarantee (both rows or neither) in one round trip instead of BEGIN, two INSERTs, COMMIT: the four
 * round trips were the largest cost of a registration in `npm run bench`.
 */
const INSERT_USER_WITH_EVENT = `WITH new_user AS (
    INSERT INTO users (id, email, email_key, username, username_key, display_name, registered_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7)
    RETURNING id
  )
  INSERT INTO outbox (id, aggregate_id, topic, payload, headers)
  SELECT $8::uuid, $9::uuid, $10::text, $11::text, $12::jsonb FROM new_user`;

/**
 * The same with the request's Idempotency-Key, in the same statement so the key exists exactly when its
 * registration does. The key goes first: a key already stored fails the statement on its primary key
 * before the user's unique constraints are checked. A request with the same key still in flight holds the
 * advisory lock: this one then inserts nothing (no rows returned) instead of waiting for it.
 */
const INSERT_USER_WITH_EVENT_AND_KEY = `WITH idempotency_key AS (
    INSERT INTO idempotency_keys (key, fingerprint, user_id)
    SELECT $13::text, $14::text, $1::uuid
    WHERE pg_try_advisory_xact_lock(hashtextextended('idempotency-key:' || $13::text, 0))
    RETURNING user_id
  ), new_user AS (
    INSERT INTO users (id, email, email_key, username, username_key, display_name, registered_at)
    SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::text, $7::timestamptz FROM idempotency_key
    RETURNING id
  )
  INSERT INTO outbox (id, aggregate_id, topic, payload, headers)
  SELECT $8::uuid, $9::uuid, $10::text, $11::text, $12::jsonb FROM new_user
  RETURNING id`;

const SELECT_USER = 'SELECT id, email, username, display_name, registered_at FROM users WHERE id = $1';

const SELECT_BY_KEY = `SELECT k.fingerprint, u.id, u.email, u.username, u.display_name, u.registered_at
  FROM idempotency_keys k JOIN users u ON u.id = k.user_id
  WHERE k.key = $1`;

interface UserRow {
  id: string;
  email: string;
  username: string;
  display_name: string | null;
  registered_at: Date;
}

/** A read that failed, a connection never made, a statement the server refused: nothing was written. */
function toDomainError(error: unknown): unknown {
  const constraint = uniqueViolation(error);
  const field = constraint === undefined ? undefined : UNIQUE_FIELDS[constraint];
  if (field !== undefined) return userAlreadyExists(field, error);
  if (isTransientDatabaseError(error)) {
    return userServiceError('DATABASE_UNAVAILABLE', 'The database is unavailable.', {
      retriable: true,
      cause: error,
    });
  }
  return error;
}

/** A write that failed after it was sent: what it may have written decides the error. */
function sentWriteFailed(error: unknown): unknown {
  switch (statementFailure(error)) {
    case 'refused':
      return toDomainError(error);
    case 'session-ended':
      return userServiceError('WRITE_INTERRUPTED', 'The database ended the session during the write.', {
        retriable: true,
        cause: error,
      });
    case 'unknown':
      return userServiceError('OUTCOME_UNKNOWN', 'The answer to the write was lost.', {
        retriable: true,
        cause: error,
      });
  }
}

export interface UserRepositoryDeps {
  pool: Pool;
  json: Pick<JsonForm, 'toJSON'>;
  /** Called once an outbox row is committed: this process's relay publishes it at once (no NOTIFY, no poll). */
  onEventStored?: () => void;
}

/** Users, their outbox events and the Idempotency-Keys they were registered with, in PostgreSQL. */
export function createUserRepository(deps: UserRepositoryDeps): UserRepository {
  // Checked out by hand, not pool.query: a failure to connect sent nothing, one after sending may have written.
  const connect = (): Promise<PoolClient> =>
    deps.pool.connect().catch((error: unknown) => {
      throw toDomainError(error);
    });

  const findByIdempotencyKey = async (key: string): Promise<KeyedRegistration | undefined> => {
    try {
      const { rows } = await deps.pool.query<UserRow & { fingerprint: string }>(SELECT_BY_KEY, [key]);
      const row = rows[0];
      return row && { fingerprint: row.fingerprint, user: toUser(row) };
    } catch (error) {
      throw toDomainError(error);
    }
  };

  return {
    async insertWithEvent(user, event, key) {
      const record = toOutboxRecord(deps.json, event);
      const values = [
        user.id,
        user.email,
        emailKey(user.email),
        user.username,
        usernameKey(user.username),
        user.displayName,
        user.registeredAt,
        record.id,
        record.key,
        record.topic,
        record.payload,
        JSON.stringify(record.headers),
      ];
      const client = await connect();
      let stored: boolean;
      try {
        // Named: each connection parses and plans them once, not once per registration.
        const result = key
          ? await client.query({
              name: 'insert-user-with-event-and-key',
              text: INSERT_USER_WITH_EVENT_AND_KEY,
              values: [...values, key.key, key.fingerprint],
            })
          : await client.query({ name: 'insert-user-with-event', text: INSERT_USER_WITH_EVENT, values });
        stored = !key || result.rowCount === 1;
        client.release();
      } catch (error) {
        // A refused statement leaves a healthy connection; any other failure may have left it broken.
        client.release(statementFailure(error) === 'refused' ? undefined : true);
        if (key && uniqueViolation(error) === IDEMPOTENCY_KEY_CONSTRAINT) {
          const previous = await findByIdempotencyKey(key.key);
          // Gone in between (pruned as it expired): as good as in flight, the client retries.
          return previous ? { status: 'key-used', previous } : { status: 'key-in-flight' };
        }
        throw sentWriteFailed(error);
      }
      if (!stored) return { status: 'key-in-flight' };
      deps.onEventStored?.();
      return { status: 'stored' };
    },

    async findById(id) {
      try {
        const { rows } = await deps.pool.query<UserRow>(SELECT_USER, [id]);
        const row = rows[0];
        return row && toUser(row);
      } catch (error) {
        throw toDomainError(error);
      }
    },

    findByIdempotencyKey,
  };
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    username: row.username,
    displayName: row.display_name,
    registeredAt: row.registered_at,
  };
}
