import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { cleanUpLater } from './cleanup.ts';
import { stackAddresses } from './stack-addresses.ts';

export interface ScratchDatabase {
  name: string;
  url: string;
}

/** A database of its own on the stack's PostgreSQL, dropped (connections and all) when the test (or file) is done. */
export async function scratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await adminQuery(stackAddresses.adminDatabaseUrl, `CREATE DATABASE ${name}`);
  cleanUpLater(() =>
    adminQuery(stackAddresses.adminDatabaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  );
  const url = new URL(stackAddresses.adminDatabaseUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

/**
 * A schema of its own in the database at `databaseUrl`, dropped with what it holds when the test (or file) is
 * done: for a service whose tests share one database and point its connections at a schema.
 */
export async function scratchSchema(databaseUrl: string, prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await adminQuery(databaseUrl, `CREATE SCHEMA ${name}`);
  cleanUpLater(() => adminQuery(databaseUrl, `DROP SCHEMA ${name} CASCADE`));
  return name;
}

async function adminQuery(databaseUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${databaseUrl}: run \`npm run stack:up\``, {
      cause: error,
    });
  }
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
