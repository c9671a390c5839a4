import type pg from 'pg';
import type { Logger } from 'pino';
import { migrations } from './migrations.ts';

// Any constant works; it only has to be the same for every instance of this service.
const MIGRATION_LOCK_ID = 7_423_101;

/** Applies pending migrations in one transaction; the advisory lock serialises concurrent starts. */
export async function migrate({ pool, logger }: { pool: pg.Pool; logger: Logger }): Promise<number[]> {
  const client = await pool.connect();
  let failed = false;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_ID]);
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const pending = migrations.filter((m) => !applied.has(m.version));
    for (const migration of pending) {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      logger.info({ version: migration.version, migration: migration.name }, 'migration applied');
    }
    await client.query('COMMIT');
    return pending.map((m) => m.version);
  } catch (error) {
    failed = true;
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    // A client that failed mid-transaction may be broken: destroy it rather than pool it.
    client.release(failed);
  }
}
