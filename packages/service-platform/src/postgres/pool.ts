import pg from 'pg';
import type { Logger } from '../observability/logger.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

/** What repositories need: a pool, or a client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface PoolOptions {
  connectionString: string;
  max: number;
  /** Shown in pg_stat_activity. */
  applicationName: string;
  /** Schema placed first on the search path; tests use one per file to stay isolated. */
  schema?: string;
  /**
   * A statement not answered by then fails on the client (15 s by default). The server may still run and
   * commit it: callers that write must treat this as an unknown outcome (statementFailure).
   */
  queryTimeoutMs?: number;
  logger: Logger;
}

export function createPool(options: PoolOptions): Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A statement stuck behind a lock or a dying server fails instead of holding its caller forever.
    query_timeout: options.queryTimeoutMs ?? 15_000,
    application_name: options.applicationName,
    ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
  });
  // An idle client losing its connection emits here; unhandled, it would crash the process.
  pool.on('error', (error) => options.logger.warn({ err: error }, 'idle database connection failed'));
  // pg-pool listens for a client's errors only while it sits idle: a client checked out for a transaction
  // (the relay's claim, a migration) whose connection dies between two queries emitted an unhandled 'error'
  // and crashed the process. The holder learns of it from its next query, which fails; release() drops it.
  pool.on('connect', (client) => {
    client.on('error', (error) =>
      options.logger.debug({ err: error }, 'database connection failed while checked out or idle'),
    );
  });
  return pool;
}
