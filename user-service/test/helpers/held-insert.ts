import { randomUUID } from 'node:crypto';
import type { PoolClient } from '@events/service-platform/postgres';
import { cleanUpLater } from '@events/test-kit/cleanup';
import type { TestDatabase } from './database.ts';

/**
 * Holds the INSERT of a user with `email` inside its statement until the returned release is called: an
 * uncommitted row with the same email makes its unique check wait, as a slow or stuck statement would, without
 * locking the table. Released at the latest when the test ends.
 */
export async function holdInsertOf(db: TestDatabase, email: string): Promise<() => Promise<void>> {
  const blocker: PoolClient = await db.pool.connect();
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await blocker.query('ROLLBACK');
    blocker.release();
  };
  cleanUpLater(release);
  await blocker.query('BEGIN');
  await blocker.query(
    `INSERT INTO users (id, email, email_key, username, username_key, registered_at)
     VALUES ($1, $2, lower($2), $3, $3, now())`,
    [randomUUID(), email, `blocker-${randomUUID()}`],
  );
  return release;
}
