import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_DATABASE_URL } from './database.ts';

/**
 * A name for one test's connections (pg_stat_activity.application_name), so the test can cut its own and
 * nobody else's on the shared server.
 */
export function uniqueApplicationName(prefix = 'us-conn-test'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

/**
 * TEST_DATABASE_URL with the application name and, optionally, another host/port (a proxy) and a search path.
 * Parameters in the URL win over the service's own application_name, so every connection the service opens
 * (pool, relay lock session) carries the name.
 */
export function testDatabaseUrl(options: {
  applicationName: string;
  port?: number;
  schema?: string;
}): string {
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('application_name', options.applicationName);
  if (options.port !== undefined) {
    url.hostname = '127.0.0.1';
    url.port = String(options.port);
  }
  if (options.schema !== undefined) url.searchParams.set('options', `-c search_path=${options.schema}`);
  return url.toString();
}

export interface Backend {
  pid: number;
  state: string | null;
  waitEventType: string | null;
  query: string;
  /** It holds a session-level advisory lock: the outbox relay's lock session while it leads. */
  holdsAdvisoryLock: boolean;
}

async function withAdmin<T>(work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    application_name: 'us-conn-test-admin',
  });
  // A cut of the admin's own connection must fail the call, not crash the test run.
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** The backends of the connections named `applicationName`. */
export function backendsOf(applicationName: string): Promise<Backend[]> {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query<Backend>(
      `SELECT pid, state, wait_event_type AS "waitEventType", query,
              EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.locktype = 'advisory' AND l.granted)
                AS "holdsAdvisoryLock"
       FROM pg_stat_activity a
       WHERE application_name = $1 AND backend_type = 'client backend'`,
      [applicationName],
    );
    return rows;
  });
}

/** Terminates the backends named `applicationName` that `which` picks (all by default); returns how many. */
export function terminateBackends(
  applicationName: string,
  which: (backend: Backend) => boolean = () => true,
): Promise<number> {
  return withAdmin(async (admin) => {
    const pids = (await backendsOf(applicationName)).filter(which).map(({ pid }) => pid);
    if (pids.length === 0) return 0;
    const { rows } = await admin.query<{ done: boolean }>(
      'SELECT pg_terminate_backend(pid) AS done FROM unnest($1::int[]) AS pid',
      [pids],
    );
    return rows.filter(({ done }) => done).length;
  });
}

export const holdsRelayLock = (backend: Backend) => backend.holdsAdvisoryLock;
