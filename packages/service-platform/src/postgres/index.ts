export { migrate, migrationsDirOf } from './migrate.ts';
export { createPool, type Pool, type PoolClient, type PoolOptions, type Queryable } from './pool.ts';
export { type StatementFailure, statementFailure } from './statement-failure.ts';
export { isTransientDatabaseError, uniqueViolation } from './transient-database-error.ts';
