import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logsDir } from '@events/stack/paths';
import pg from 'pg';

const DEFAULT_PORT = 25432;
const START_TIMEOUT_S = 60;

export interface ScratchPostgres {
  /** `postgres://postgres@127.0.0.1:<port>`, without a database: append `/<name>`. */
  baseUrl: string;
  dataDir: string;
  /** initdb on the first call, then `pg_ctl start`; resolves once the server accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl restart -m fast`: every session ends; resolves once the server accepts connections again. */
  restart(): Promise<void>;
  /** The postmaster (first line of postmaster.pid) and every process it forked; empty when stopped. */
  processes(): number[];
  /** SIGSTOP of every process above: connections stay open and nothing answers. Returns the pids. */
  freeze(): number[];
  /** SIGCONT of what freeze() stopped. */
  thaw(): void;
  createDatabase(name: string): Promise<string>;
  /**
   * pg_terminate_backend of every client backend connected to `database`; with a `moment`, at the first instant one
   * of them is in that state running that statement (polled for up to 3 s, then regardless).
   */
  terminateBackends(database: string, moment?: BackendMoment): Promise<TerminatedBackends>;
  /** Stops the server and removes its data. */
  close(): Promise<void>;
}

export interface BackendMoment {
  state: 'active' | 'idle in transaction';
  /** A LIKE pattern of pg_stat_activity.query. */
  query: string;
}

export interface TerminatedBackends {
  /** As pg_stat_activity showed them when they were terminated. */
  backends: Array<{ applicationName: string; state: string; query: string }>;
  /** Whether the moment asked for came before the deadline. */
  caught: boolean;
  waitedMs: number;
}

const MOMENT_DEADLINE_MS = 3_000;

/**
 * A PostgreSQL of our own on port 25432 (by default), for faults the shared server must never see (SIGSTOP, restarts):
 * the machine's server binaries, a temporary data directory, trust auth on 127.0.0.1 only. initdb refuses to run
 * as root, so as root the server runs as the `postgres` OS user. If the harness dies without close(), its exit
 * handler, or for a signal or SIGKILL a detached watchdog that outlives it, stops the server and removes its data.
 */
export function scratchPostgres({ port = DEFAULT_PORT }: { port?: number } = {}): ScratchPostgres {
  const bin = serverBinaries();
  const owner = serverOwner();
  const dir = mkdtempSync(join(tmpdir(), 'e2e-postgres-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const dataDir = join(dir, 'data');
  const logFile = join(logsDir, 'scratch-postgres.log');
  mkdirSync(logsDir, { recursive: true });
  appendFileSync(logFile, '');
  if (owner) chownSync(logFile, owner.uid, owner.gid);
  const baseUrl = `postgres://postgres@127.0.0.1:${port}`;
  const spawnAs: SpawnOptions = {
    ...owner,
    cwd: '/',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' },
  };
  const pgCtl = join(bin, 'pg_ctl');
  let initialized = false;
  let frozen: number[] = [];

  const run = (binary: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(join(bin, binary), args, { ...spawnAs, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0
          ? resolve()
          : reject(new Error(`${binary} ${args[0]} exited ${code}: ${output.trim()} (see ${logFile})`)),
      );
    });
  const postmaster = () => postmasterOf(dataDir);
  const processes = () => {
    const pid = postmaster();
    return pid === undefined ? [] : [pid, ...childrenOf(pid)];
  };
  const thaw = () => {
    for (const pid of new Set([...frozen, ...processes()])) signal(pid, 'SIGCONT');
    frozen = [];
  };
  const reap = () => {
    thaw();
    spawnSync(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30', '-s'], {
      ...spawnAs,
      stdio: 'ignore',
    });
    rmSync(dir, { recursive: true, force: true });
    watchdog.kill('SIGKILL');
  };
  process.on('exit', reap);
  const watchdog = startWatchdog({ pgCtl, dataDir, dir, spawnAs });
  const admin = async <T>(database: string, use: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({
      connectionString: `${baseUrl}/${database}`,
      connectionTimeoutMillis: 5_000,
    });
    client.on('error', () => undefined); // a restart ends this session too; the query in flight says so
    await client.connect();
    try {
      return await use(client);
    } finally {
      await client.end().catch(() => undefined);
    }
  };

  return {
    baseUrl,
    dataDir,
    async start() {
      if (await answers(baseUrl))
        throw new Error(`port ${port} already answers: another PostgreSQL runs there`);
      if (!initialized) {
        await run('initdb', [
          '-D',
          dataDir,
          '-U',
          'postgres',
          '--auth=trust',
          '--encoding=UTF8',
          '--no-locale',
          '--no-sync',
          '--no-instructions',
        ]);
        appendFileSync(
          join(dataDir, 'postgresql.conf'),
          [
            `port = ${port}`,
            "listen_addresses = '127.0.0.1'",
            `unix_socket_directories = '${dir}'`,
            'max_connections = 40',
            'shared_buffers = 32MB',
            '',
          ].join('\n'),
        );
        initialized = true;
      }
      await run('pg_ctl', ['start', '-D', dataDir, '-l', logFile, '-w', '-t', String(START_TIMEOUT_S), '-s']);
    },
    async restart() {
      await run('pg_ctl', [
        'restart',
        '-D',
        dataDir,
        '-m',
        'fast',
        '-l',
        logFile,
        '-w',
        '-t',
        String(START_TIMEOUT_S),
        '-s',
      ]);
    },
    processes,
    freeze() {
      const pid = postmaster();
      if (pid === undefined) throw new Error('scratch PostgreSQL is not running');
      // The postmaster first, so it forks nothing we would miss.
      signal(pid, 'SIGSTOP');
      frozen = [pid, ...childrenOf(pid)];
      for (const child of frozen.slice(1)) signal(child, 'SIGSTOP');
      return frozen;
    },
    thaw,
    async createDatabase(name) {
      await admin('postgres', (client) => client.query(`CREATE DATABASE "${name}"`));
      return `${baseUrl}/${name}`;
    },
    terminateBackends(database, moment) {
      return admin('postgres', async (client) => {
        const began = performance.now();
        for (;;) {
          const late = moment === undefined || performance.now() - began > MOMENT_DEADLINE_MS;
          // One statement, one snapshot of pg_stat_activity: the moment is seen and acted on together.
          const { rows } = await client.query<{
            application_name: string;
            state: string;
            query: string;
            terminated: boolean;
          }>(
            `SELECT application_name, coalesce(state, '') AS state, left(query, 60) AS query,
                    pg_terminate_backend(pid) AS terminated
               FROM pg_stat_activity
              WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()
                AND ($2 OR EXISTS (SELECT 1 FROM pg_stat_activity
                                    WHERE datname = $1 AND state = $3 AND query LIKE $4 AND pid <> pg_backend_pid()))`,
            [database, late, moment?.state ?? '', moment?.query ?? ''],
          );
          if (rows.length === 0 && !late) continue;
          return {
            backends: rows
              .filter((row) => row.terminated)
              .map((row) => ({ applicationName: row.application_name, state: row.state, query: row.query })),
            caught: !late,
            waitedMs: performance.now() - began,
          };
        }
      });
    },
    async close() {
      thaw();
      if (postmaster() !== undefined)
        await run('pg_ctl', ['stop', '-D', dataDir, '-m', 'fast', '-w', '-t', '30', '-s']).catch(() =>
          run('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w', '-t', '30', '-s']),
        );
      watchdog.kill('SIGKILL');
      process.off('exit', reap);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * pg_ctl detaches the postmaster (setsid): neither a Ctrl-C nor the harness's death reaches it. This watchdog, in a
 * session of its own too, waits for the harness to go, then wakes a frozen server, stops it and removes its data.
 */
function startWatchdog({
  pgCtl,
  dataDir,
  dir,
  spawnAs,
}: {
  pgCtl: string;
  dataDir: string;
  dir: string;
  spawnAs: SpawnOptions;
}): ChildProcess {
  const script = [
    // /proc rather than `kill -0`: as the postgres user, kill -0 of a root harness fails even while it lives.
    'while [ -d "/proc/$1" ]; do sleep 1; done',
    'pm=$(head -n 1 "$2/postmaster.pid" 2>/dev/null)',
    '[ -n "$pm" ] && kill -CONT $pm $(ps -o pid= --ppid "$pm") 2>/dev/null',
    '"$3" stop -D "$2" -m immediate -w -t 30 -s >/dev/null 2>&1',
    'rm -rf "$4"',
  ].join('\n');
  const child = spawn(
    'sh',
    ['-c', script, 'scratch-postgres-watchdog', String(process.pid), dataDir, pgCtl, dir],
    {
      ...spawnAs,
      detached: true,
      stdio: 'ignore',
    },
  );
  child.unref();
  return child;
}

/** `pg_config --bindir`, else the newest /usr/lib/postgresql/<major>/bin: wherever initdb and pg_ctl are. */
function serverBinaries(): string {
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))
    : [];
  const candidates = [
    ...(pgConfig.status === 0 ? [pgConfig.stdout.trim()] : []),
    ...versions.map((major) => `/usr/lib/postgresql/${major}/bin`),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found)
    throw new Error(
      'no PostgreSQL server binaries (initdb, pg_ctl) in `pg_config --bindir` or /usr/lib/postgresql/*/bin',
    );
  return found;
}

/** As root, the `postgres` OS user (initdb refuses root); otherwise whoever runs the harness. */
function serverOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const entry = spawnSync('getent', ['passwd', 'postgres'], { encoding: 'utf8' });
  const [, , uid, gid] = entry.stdout.trim().split(':');
  if (entry.status !== 0 || uid === undefined || gid === undefined)
    throw new Error('running as root, but there is no `postgres` OS user to run PostgreSQL as');
  return { uid: Number(uid), gid: Number(gid) };
}

/** The pid in postmaster.pid, only if that process runs the server of this data directory (pids get reused). */
function postmasterOf(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return commandLine.includes(dataDir) ? pid : undefined;
  } catch {
    return undefined;
  }
}

function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === parent) children.push(Number(entry));
    } catch {
      // exited while we looked
    }
  }
  return children;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

async function answers(baseUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: `${baseUrl}/postgres`, connectionTimeoutMillis: 1_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
