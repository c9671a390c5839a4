import { fileURLToPath } from 'node:url';
import type { NodeProcess } from '@events/test-kit/node-process';
import { startedProcess } from '@events/test-kit/started-process';

const SERVICE_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface ServiceProcess {
  url: string;
  /** To pause and resume it, and read its crashes and log lines. */
  process: NodeProcess;
}

/**
 * user-service as its own process (`node src/main.ts`, as `npm run dev` runs it), which a test can SIGSTOP,
 * with `env` on a free port; resolves once it listens, and is stopped when the calling test (or file) ends.
 */
export async function useServiceProcess(env: Record<string, string>): Promise<ServiceProcess> {
  let port: number | undefined;
  const service = startedProcess({
    name: 'user-service',
    entry: 'src/main.ts',
    cwd: SERVICE_DIR,
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    onLine: (line) => {
      if (line.includes('"http listening"')) port = (JSON.parse(line) as { port: number }).port;
    },
  });
  const listening = await service.waitUntil('the service listens', () => port);
  return { url: `http://127.0.0.1:${listening}`, process: service };
}
