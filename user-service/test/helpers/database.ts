import { createPool, migrate, migrationsDirOf, type Pool } from '@events/service-platform/postgres';
import { cleanUpLater } from '@events/test-kit/cleanup';
import { scratchSchema } from '@events/test-kit/scratch-database';
import { pino } from 'pino';
import { relayLag } from '../../src/messaging/outbox/outbox-repository.ts';

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/user_service_test';

export const MIGRATIONS_DIR = migrationsDirOf(import.meta.url);

export interface TestDatabase {
  pool: Pool;
  schema: string;
  count(table: 'users' | 'outbox'): Promise<number>;
  /** Outbox events committed and not relayed yet (after the relay's checkpoint). */
  unpublished(): Promise<number>;
}

/** A fresh schema in the test database (migrated unless asked not to), dropped when the calling test (or file) ends. */
export async function useTestDatabase({ migrated = true } = {}): Promise<TestDatabase> {
  const schema = await scratchSchema(TEST_DATABASE_URL, 'user_service_test');
  const logger = pino({ level: 'silent' });
  const pool = createPool({
    connectionString: TEST_DATABASE_URL,
    max: 10,
    applicationName: 'user-service-test',
    schema,
    logger,
  });
  // Registered after the schema's drop, so it runs first: the pool ends before its schema goes.
  cleanUpLater(() => pool.end());
  if (migrated) await migrate({ pool, dir: MIGRATIONS_DIR, logger });
  return {
    pool,
    schema,
    async count(table) {
      const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      return rows[0]?.n ?? 0;
    },
    async unpublished() {
      return (await relayLag(pool)).events;
    },
  };
}
