import { emailKey, type User, usernameKey } from '../domain/user.ts';
import type { NewOutboxEvent } from './outbox-repository.ts';
import type { Queryable } from './pool.ts';

/**
 * The user row and its outbox event in one statement. A statement is atomic on its own, so this keeps
 * the outbox guarantee (both rows or neither) in one round trip instead of BEGIN, two INSERTs, COMMIT:
 * the four round trips were the largest cost of a registration in `npm run bench`'s profile.
 */
export async function insertUserWithEvent(db: Queryable, user: User, event: NewOutboxEvent): Promise<void> {
  await db.query(
    `WITH new_user AS (
       INSERT INTO users (id, email, email_key, username, username_key, display_name, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id
     )
     INSERT INTO outbox (id, aggregate_id, topic, payload, headers)
     SELECT $8::uuid, new_user.id, $9::text, $10::jsonb, $11::jsonb FROM new_user`,
    [
      user.id,
      user.email,
      emailKey(user.email),
      user.username,
      usernameKey(user.username),
      user.displayName,
      user.registeredAt,
      event.id,
      event.topic,
      JSON.stringify(event.payload),
      JSON.stringify(event.headers),
    ],
  );
}
