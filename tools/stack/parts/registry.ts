import { join } from 'node:path';
import { findJava } from '@events/test-kit/find-java';
import { ensureDownloaded } from '../download.ts';
import { type Part, PartError, type PartName } from '../part.ts';
import { logFile, partDir } from '../paths.ts';
import { runningPid, startDetached } from '../processes.ts';
import { waitUntil } from '../wait-until.ts';
import { singleBroker, threeBrokers } from './kafka.ts';
import type { KafkaCluster } from './kafka-cluster.ts';

const HOST = '127.0.0.1';
/** Both registries run the same unpacked app. */
const appDir = join(partDir('registry'), 'app');

/** A registry in Confluent-compatible mode whose schemas live in `kafka` (kafkasql storage). */
function registryPart({
  name,
  port,
  managementPort,
  kafka,
}: {
  name: PartName;
  port: number;
  managementPort: number;
  kafka: KafkaCluster;
}): Part {
  // Apicurio serves the Confluent-compatible API under this path, not at the root.
  const url = `http://${HOST}:${port}/apis/ccompat/v7`;
  const answers = () => subjectsAnswer(url);
  const jvmArgs = [
    '-Xms256m',
    '-Xmx1g',
    `-Dquarkus.http.host=${HOST}`,
    `-Dquarkus.http.port=${port}`,
    // Its management port binds to every interface unless told otherwise.
    `-Dquarkus.management.host=${HOST}`,
    `-Dquarkus.management.port=${managementPort}`,
    '-Dapicurio.storage.kind=kafkasql',
    `-Dapicurio.kafkasql.bootstrap.servers=${kafka.bootstrap.join(',')}`,
    '-jar',
    join(appDir, 'quarkus-run.jar'),
  ];
  return {
    name,
    address: url,
    managed: true,
    probe: answers,
    async up() {
      if (!(await answers())) {
        if (runningPid(name) === undefined) {
          // kafkasql storage keeps schemas in Kafka (like Confluent's _schemas topic), so ids survive restarts.
          if (!(await kafka.probe()))
            throw new PartError(name, 'needs Kafka for its storage: start Kafka first (`npm run stack:up`)');
          const java = findJava();
          await ensureDownloaded('registry', appDir);
          startDetached(name, java, jvmArgs, partDir('registry'));
        }
        try {
          await waitUntil(answers, {
            timeoutMs: 120_000,
            stillStarting: () => runningPid(name) !== undefined,
          });
        } catch (error) {
          throw new PartError(name, `${(error as Error).message}; see ${logFile(name)}`, { cause: error });
        }
      }
      await setGlobalCompatibility(name, url, 'BACKWARD');
    },
  };
}

export const registry = registryPart({
  name: 'registry',
  port: 8081,
  managementPort: 9000,
  kafka: singleBroker,
});

/** The registry of `--brokers 3`: its storage topics are on the cluster with RF 3, min.insync.replicas 2. */
export const clusterRegistry = registryPart({
  name: 'cluster-registry',
  port: 18081,
  managementPort: 19000,
  kafka: threeBrokers,
});

async function subjectsAnswer(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/subjects`, { signal: AbortSignal.timeout(2000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** Apicurio's global default is NONE; Confluent's is BACKWARD. Match Confluent so local behaves like prod. */
async function setGlobalCompatibility(name: PartName, url: string, level: string): Promise<void> {
  const response = await fetch(`${url}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: level }),
  });
  if (!response.ok) {
    throw new PartError(
      name,
      `could not set the global compatibility to ${level}: HTTP ${response.status} ${await response.text()}`,
    );
  }
}
