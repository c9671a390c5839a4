import pg from 'pg';
import { type Part, PartError } from '../part.ts';

const connection = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  database: 'postgres',
  connectionTimeoutMillis: 2000,
};

/** `postgres://user@host:port`, without a database: append `/<name>`. */
export const postgresBaseUrl = `postgres://${connection.user}@${connection.host}:${connection.port}`;

/** Databases the services (and their tests) use. */
const databases = ['user_service', 'profile_service', 'user_service_test', 'profile_service_test'];

export const postgres: Part = {
  name: 'postgres',
  address: `${connection.host}:${connection.port}`,
  managed: false,
  probe: () => selectOne(),
  async up() {
    const client = new pg.Client(connection);
    try {
      await client.connect();
      await client.query('select 1');
    } catch (error) {
      throw new PartError(
        'postgres',
        `PostgreSQL is not answering at ${connection.host}:${connection.port} as user ${connection.user} ` +
          `(${(error as Error).message}). The stack does not run PostgreSQL itself: start the machine's server, ` +
          'or point PGHOST/PGPORT/PGUSER at one.',
        { cause: error },
      );
    }
    try {
      const { rows } = await client.query<{ datname: string }>('select datname from pg_database');
      const existing = new Set(rows.map((row) => row.datname));
      for (const name of databases.filter((db) => !existing.has(db))) {
        await client.query(`create database "${name}"`);
        console.log(`  postgres: created database ${name}`);
      }
    } finally {
      await client.end();
    }
  },
};

async function selectOne(): Promise<boolean> {
  const client = new pg.Client(connection);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
