import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { repoRoot } from '@events/stack/paths';
import pg from 'pg';

/** Any key: the floor's lock is its own, in the figure's scratch database. */
const LOCK = '4242, 4242';

// A process whose only job is to hold a session-level advisory lock, as a leading relay does.
const HOLDER = `
import pg from 'pg';
const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
await client.connect();
await client.query('SELECT pg_advisory_lock(${LOCK})');
process.stdout.write('locked\\n');
setInterval(() => {}, 60_000);`;

/**
 * The floor for a relay takeover: a process holding a session-level advisory lock is SIGKILLed, and another
 * session tries the lock back to back until it gets it. That is PostgreSQL noticing the dead connection and
 * ending its session, the part of a takeover no relay can avoid. Milliseconds from the kill.
 */
export async function lockReleaseFloorMs(databaseUrl: string): Promise<number> {
  const holder = spawn(process.execPath, ['--input-type=module', '-e', HOLDER], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const contender = new pg.Client({ connectionString: databaseUrl });
  try {
    await Promise.race([
      once(holder.stdout, 'data'),
      once(holder, 'exit').then(() => {
        throw new Error('the lock holder exited before taking its lock');
      }),
    ]);
    await contender.connect();
    const killedAt = performance.now();
    holder.kill('SIGKILL');
    for (;;) {
      const { rows } = await contender.query<{ got: boolean }>(`SELECT pg_try_advisory_lock(${LOCK}) AS got`);
      if (rows[0]?.got) return performance.now() - killedAt;
    }
  } finally {
    holder.kill('SIGKILL');
    await contender.end().catch(() => undefined);
  }
}
