import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunnerOption, runner } from 'node-pg-migrate';
import type { Logger } from '../observability/logger.ts';
import type { Pool } from './pool.ts';

/**
 * Applies pending SQL migrations from `dir` with node-pg-migrate, into the first schema of the pool's
 * search path (tests isolate themselves with one schema each). Concurrent starts wait on the library's
 * advisory lock; all pending files run in one transaction. Returns the names applied.
 */
export async function migrate({
  pool,
  dir,
  logger,
}: {
  pool: Pool;
  dir: string;
  logger: Logger;
}): Promise<string[]> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    const schema = rows[0]?.schema;
    if (!schema) throw new Error('no schema on the search_path exists: nowhere to migrate');
    const library = logger.child({ component: 'node-pg-migrate' });
    const options: RunnerOption = {
      dbClient: client,
      dir,
      direction: 'up',
      schema,
      migrationsTable: 'pgmigrations',
      singleTransaction: true,
      advisoryLockMode: 'wait',
      // Its progress chatter is debug; the one line per applied migration is logged below.
      logger: {
        info: (msg) => library.debug(msg),
        warn: (msg) => library.warn(msg),
        error: (msg) => library.error(msg),
      },
    };
    const applied = await runner(options);
    for (const { name } of applied) logger.info({ migration: name }, 'applied database migration');
    return applied.map(({ name }) => name);
  } finally {
    // The runner changed this session's search_path; closing it also frees the lock whatever happened.
    client.release(true);
  }
}

/**
 * The `migrations/` folder of the package a module belongs to. A service's import.meta.url is
 * src/... from source but dist/main.js once bundled: the package root is the nearest folder with a
 * package.json either way, and migrations/ sits there.
 */
export function migrationsDirOf(moduleUrl: string): string {
  const start = dirname(fileURLToPath(moduleUrl));
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'migrations');
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}
