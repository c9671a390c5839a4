import type { JsonForm } from '@events/contracts';
import { isTransientDatabaseError, type Pool, uniqueViolation } from '@events/service-platform/postgres';
import { emailKey, type User, usernameKey } from '../domain/user.ts';
import { userAlreadyExists } from '../domain/user-errors.ts';
import type { UserStore } from '../domain/users.ts';
import { userServiceError } from '../errors.ts';
import { toOutboxRecord } from '../outbox/outbox-event.ts';

/** Which field each unique constraint of migrations/ protects. */
const UNIQUE_FIELDS: Record<string, 'email' | 'username'> = {
  users_email_key_unique: 'email',
  users_username_key_unique: 'username',
};

interface UserRow {
  id: string;
  email: string;
  username: string;
  display_name: string | null;
  registered_at: Date;
}

/** Failures come out as the domain's errors: a taken field as a conflict, an outage as retriable. */
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

export interface UserStoreDeps {
  pool: Pool;
  json: Pick<JsonForm, 'toJSON'>;
  /** Called once an outbox row is committed: this process's relay publishes it at once (no NOTIFY, no poll). */
  onEventStored?: () => void;
}

/** Users and their outbox events in PostgreSQL. */
export function createUserStore(deps: UserStoreDeps): UserStore {
  return {
    /**
     * The user row and its outbox event in one statement. A statement is atomic on its own, so this
     * keeps the outbox guarantee (both rows or neither) in one round trip instead of BEGIN, two
     * INSERTs, COMMIT: the four round trips were the largest cost of a registration in `npm run bench`.
     */
    async insertWithEvent(user, event) {
      const record = toOutboxRecord(deps.json, event);
      try {
        await deps.pool.query({
          // Named: each connection parses and plans it once, not once per registration.
          name: 'insert-user-with-event',
          text: `WITH new_user AS (
             INSERT INTO users (id, email, email_key, username, username_key, display_name, registered_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             RETURNING id
           )
           INSERT INTO outbox (id, aggregate_id, topic, payload, headers)
           SELECT $8::uuid, $9::uuid, $10::text, $11::text, $12::jsonb FROM new_user`,
          values: [
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
          ],
        });
      } catch (error) {
        throw toDomainError(error);
      }
      deps.onEventStored?.();
    },

    async findById(id) {
      try {
        const { rows } = await deps.pool.query<UserRow>(
          'SELECT id, email, username, display_name, registered_at FROM users WHERE id = $1',
          [id],
        );
        const row = rows[0];
        return row && toUser(row);
      } catch (error) {
        throw toDomainError(error);
      }
    },
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
