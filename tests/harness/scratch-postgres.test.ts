import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { waitFor } from '@events/test-kit/polling';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { scratchPostgres } from './scratch-postgres.ts';

/** Not the e2e suite's 25432: this file may run while an e2e run holds that one. */
const PORT = 25433;

/** Running, or stopped: not gone and not a zombie waiting for init to reap it. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('scratchPostgres', () => {
  it('freezes every process of its server, and close() stops it and removes its data', async () => {
    const postgres = scratchPostgres({ port: PORT });
    await postgres.start();
    const pids = postgres.processes();
    const client = new pg.Client({ connectionString: `${postgres.baseUrl}/postgres`, query_timeout: 1_000 });
    await client.connect();
    try {
      expect(postgres.freeze()).toEqual(expect.arrayContaining(pids));
      await expect(client.query('SELECT 1')).rejects.toThrow(/timeout/);
      postgres.thaw();
      await waitFor('an answer after SIGCONT', () => client.query('SELECT 1').then(() => true));
    } finally {
      await client.end().catch(() => undefined);
      await postgres.close();
    }
    expect(existsSync(postgres.dataDir)).toBe(false);
    // pg_ctl stop returns once postmaster.pid is gone, a moment before the postmaster exits.
    await waitFor('every process of the server to exit', () => pids.every((pid) => !alive(pid)), 5_000);
  });

  it('leaves nothing running when its harness is SIGKILLed while the server is frozen', async () => {
    const harness = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { scratchPostgres } from ${JSON.stringify(new URL('./scratch-postgres.ts', import.meta.url).pathname)};
         const postgres = scratchPostgres({ port: ${PORT} });
         await postgres.start();
         postgres.freeze();
         console.log(JSON.stringify({ dataDir: postgres.dataDir, pids: postgres.processes() }));
         setInterval(() => undefined, 1000);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [line] = (await once(createInterface({ input: harness.stdout }), 'line')) as [string];
    const { dataDir, pids } = JSON.parse(line) as { dataDir: string; pids: number[] };
    expect(pids.length).toBeGreaterThan(1);
    harness.kill('SIGKILL');
    await waitFor(
      'the watchdog to stop the server and remove its data',
      () => pids.every((pid) => !alive(pid)) && !existsSync(dataDir),
    );
  });
});
