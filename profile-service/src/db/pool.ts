import pg from 'pg';
import type { Logger } from 'pino';

export function createPool({
  url,
  poolSize,
  logger,
}: {
  url: string;
  poolSize: number;
  logger: Logger;
}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 15_000,
    application_name: 'profile-service',
  });
  // An idle client losing its connection emits here; unhandled, it would kill the process.
  pool.on('error', (error: Error & { code?: string }) =>
    logger.warn({ code: error.code, reason: error.message }, 'idle database connection lost'),
  );
  return pool;
}
