import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { cleanUpLater } from '@events/test-kit/cleanup';
import { waitFor } from '@events/test-kit/polling';

const SERVICE_DIR = fileURLToPath(new URL('../..', import.meta.url));

/** user-service as its own process (`node src/main.ts`, as `npm run dev` runs it), which a test can SIGSTOP. */
export interface ServiceProcess {
  url: string;
  /** Its log lines (pino JSON), for the message of a failing assertion. */
  logs: string[];
  /** How it exited, while it has not been stopped by the cleanup: a crash. */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  pause(): void;
  resume(): void;
}

/**
 * Starts the service with `env` on a free port, and waits until it listens; SIGTERM when the calling test (or
 * file) ends, after a SIGCONT in case it was left paused.
 */
export async function useServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', 'src/main.ts'], {
    cwd: SERVICE_DIR,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  let port: number | undefined;
  let pending = '';
  const collect = (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      logs.push(line);
      if (line.includes('"http listening"')) port = (JSON.parse(line) as { port: number }).port;
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const service: ServiceProcess = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    logs,
    exit: undefined,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
  };
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) service.exit = { code, signal };
  });
  const reap = () => child.kill('SIGKILL');
  process.once('exit', reap);
  cleanUpLater(async () => {
    process.off('exit', reap);
    if (child.exitCode !== null || child.signalCode !== null) return;
    stopping = true;
    child.kill('SIGCONT');
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  });
  await waitFor(
    'the service process listens',
    () => {
      if (service.exit) throw new Error(`it exited: ${logs.slice(-20).join('\n')}`);
      return port !== undefined;
    },
    60_000,
  );
  return service;
}
