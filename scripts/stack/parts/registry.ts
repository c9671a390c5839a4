import { join } from 'node:path';
import { ensureDownloaded } from '../download.ts';
import { findJava } from '../java.ts';
import { type Part, PartError } from '../part.ts';
import { logFile, partDir } from '../paths.ts';
import { runningPid, startDetached } from '../processes.ts';
import { waitUntil } from '../wait-until.ts';
import { kafka } from './kafka.ts';

const HOST = '127.0.0.1';
const PORT = 8081;
/** Apicurio serves the Confluent-compatible API under this path, not at the root. */
export const registryUrl = `http://${HOST}:${PORT}/apis/ccompat/v7`;
const dir = partDir('registry');
const appDir = join(dir, 'app');

export const registry: Part = {
  name: 'registry',
  address: registryUrl,
  managed: true,
  probe: () => subjectsAnswer(),
  async up() {
    if (!(await subjectsAnswer())) {
      if (runningPid('registry') === undefined) {
        // kafkasql storage keeps schemas in Kafka (like Confluent's _schemas topic), so ids survive restarts.
        if (!(await kafka.probe()))
          throw new PartError(
            'registry',
            'needs Kafka for its storage: run `npm run stack:up -- kafka` first',
          );
        const java = findJava();
        await ensureDownloaded('registry', appDir);
        startDetached('registry', java, jvmArgs(), dir);
      }
      try {
        await waitUntil(subjectsAnswer, {
          timeoutMs: 120_000,
          stillStarting: () => runningPid('registry') !== undefined,
        });
      } catch (error) {
        throw new PartError('registry', `${(error as Error).message}; see ${logFile('registry')}`, {
          cause: error,
        });
      }
    }
    await setGlobalCompatibility('BACKWARD');
  },
};

function jvmArgs(): string[] {
  return [
    '-Xms256m',
    '-Xmx1g',
    `-Dquarkus.http.host=${HOST}`,
    `-Dquarkus.http.port=${PORT}`,
    // Its management port binds to every interface unless told otherwise.
    `-Dquarkus.management.host=${HOST}`,
    '-Dapicurio.storage.kind=kafkasql',
    `-Dapicurio.kafkasql.bootstrap.servers=${kafka.address}`,
    '-jar',
    join(appDir, 'quarkus-run.jar'),
  ];
}

async function subjectsAnswer(): Promise<boolean> {
  try {
    const response = await fetch(`${registryUrl}/subjects`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Apicurio's global default is NONE; Confluent's is BACKWARD. Match Confluent so local behaves like prod. */
async function setGlobalCompatibility(level: string): Promise<void> {
  const response = await fetch(`${registryUrl}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: level }),
  });
  if (!response.ok) {
    throw new PartError(
      'registry',
      `could not set the global compatibility to ${level}: HTTP ${response.status} ${await response.text()}`,
    );
  }
}
