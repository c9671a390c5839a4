import { join } from 'node:path';
import { findJava } from '@events/test-kit/find-java';
import { ensureDownloaded } from '../download.ts';
import { type Part, PartError } from '../part.ts';
import { logFile, partDir } from '../paths.ts';
import { runningPid, startDetached } from '../processes.ts';
import { waitUntil } from '../wait-until.ts';

const HOST = '127.0.0.1';
const PORT = 9411;
export const zipkinUrl = `http://${HOST}:${PORT}`;
const dir = partDir('zipkin');
const jar = join(dir, 'lib', 'zipkin-server.jar');

/** The trace backend: services export spans to `${zipkinUrl}/api/v2/spans`, people read them in the UI. */
export const zipkin: Part = {
  name: 'zipkin',
  address: `${zipkinUrl}/zipkin/`,
  managed: true,
  probe: () => healthAnswers(),
  async up() {
    if (await healthAnswers()) return;
    if (runningPid('zipkin') === undefined) {
      const java = findJava();
      await ensureDownloaded('zipkin', join(dir, 'lib'));
      startDetached('zipkin', java, jvmArgs(), dir);
    }
    try {
      await waitUntil(healthAnswers, {
        timeoutMs: 90_000,
        stillStarting: () => runningPid('zipkin') !== undefined,
      });
    } catch (error) {
      throw new PartError('zipkin', `${(error as Error).message}; see ${logFile('zipkin')}`, {
        cause: error,
      });
    }
  },
};

function jvmArgs(): string[] {
  // In-memory storage (Zipkin keeps at most 500k spans by default): traces are for looking, not keeping.
  return [
    '-Xms64m',
    '-Xmx512m',
    '-jar',
    jar,
    `--server.address=${HOST}`,
    `--server.port=${PORT}`,
    '--zipkin.storage.type=mem',
  ];
}

async function healthAnswers(): Promise<boolean> {
  try {
    const response = await fetch(`${zipkinUrl}/health`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}
