import { migrate, migrationsDirOf } from '@events/service-platform/postgres';
import { cleanUpLater } from '@events/test-kit/cleanup';
import pg from 'pg';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from './helpers/resources.ts';

const logger = pino({ level: 'silent' });
const dir = migrationsDirOf(import.meta.url);

/** A fresh database and a pool on it, the pool ended before the database is dropped. */
async function freshDatabase() {
  const db = await createTestDatabase();
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  cleanUpLater(() => pool.end());
  return { db, pool };
}

describe('migrate', () => {
  it('applies the SQL migrations once, even when two instances start together', async () => {
    const { db, pool } = await freshDatabase();

    const runs = await Promise.all([migrate({ pool, dir, logger }), migrate({ pool, dir, logger })]);

    expect(runs.flat()).toEqual(['001_create-profiles']);
    const tables = await db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.map((row) => row.table_name)).toEqual(['pgmigrations', 'profiles']);
    expect(await migrate({ pool, dir, logger })).toEqual([]);
  });
});
