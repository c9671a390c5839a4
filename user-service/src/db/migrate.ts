import type { Logger } from '../observability/logger.ts';
import type { Migration } from './migrations/index.ts';
import type { Pool } from './pool.ts';

/**
 * Applies pending migrations, each in its own transaction. A session advisory lock scoped to the
 * current schema makes concurrent starts of several instances wait for each other instead of racing.
 */
export async function migrate(deps: {
  pool: Pool;
  migrations: Migration[];
  logger: Logger;
}): Promise<number[]> {
  const { pool, migrations, logger } = deps;
  const client = await pool.connect();
  const lock = "hashtext(current_schema() || '.user_service_migrations')";
  try {
    await client.query(`SELECT pg_advisory_lock(${lock})`);
    await client.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((row) => row.version));
    const pending = [...migrations]
      .sort((a, b) => a.version - b.version)
      .filter((m) => !applied.has(m.version));
    for (const migration of pending) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.version} (${migration.name}) failed`, { cause: error });
      }
      logger.info({ version: migration.version, migration: migration.name }, 'applied database migration');
    }
    return pending.map((migration) => migration.version);
  } finally {
    // Closing the session frees the advisory lock even if the connection is in a bad state.
    client.release(true);
  }
}
