import { migrate } from '@events/service-platform/postgres';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, useTestDatabase } from './helpers/database.ts';

const logger = pino({ level: 'silent' });

describe('migrate', () => {
  it('applies the SQL migrations once into the schema, even when two instances start together', async () => {
    const db = await useTestDatabase({ migrated: false });

    const runs = await Promise.all([
      migrate({ pool: db.pool, dir: MIGRATIONS_DIR, logger }),
      migrate({ pool: db.pool, dir: MIGRATIONS_DIR, logger }),
    ]);

    expect(runs.flat()).toEqual(['001_users-and-outbox', '002_outbox-payload-as-contract-json']);
    const { rows } = await db.pool.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [db.schema],
    );
    expect(rows.map((row) => row.table_name)).toEqual(['outbox', 'pgmigrations', 'users']);
    expect(await migrate({ pool: db.pool, dir: MIGRATIONS_DIR, logger })).toEqual([]);
  });
});
