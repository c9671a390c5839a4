import { randomBytes } from 'node:crypto';
import { createPool, migrate, migrationsDirOf, type Pool } from '@events/service-platform/postgres';
import pg from 'pg';
import { pino } from 'pino';
import { relayLag } from '../../src/messaging/outbox/outbox-repository.ts';
import { registerCleanup } from './cleanup.ts';

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
  const schema = `user_service_test_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_DATABASE_URL}: run \`npm run stack:up\``, {
      cause: error,
    });
  }
  await admin.query(`CREATE SCHEMA ${schema}`);
  const logger = pino({ level: 'silent' });
  const pool = createPool({
    connectionString: TEST_DATABASE_URL,
    max: 10,
    applicationName: 'user-service-test',
    schema,
    logger,
  });
  if (migrated) await migrate({ pool, dir: MIGRATIONS_DIR, logger });
  registerCleanup(async () => {
    await pool.end();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });
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
