import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatKafkaStorage, newClusterId } from '@events/stack/parts/kafka-storage';
import { logsDir, partDir } from '@events/stack/paths';
import { findJava } from '@events/test-kit/find-java';
import { Kafka, logLevel } from 'kafkajs';
import { scratchBrokerProperties } from './scratch-kafka-config.ts';

const PORT = 29092;
const CONTROLLER_PORT = 29093;
const START_TIMEOUT_MS = 120_000;
/** How often start() asks whether the broker answers: the resolution of "answering again". */
const PROBE_EVERY_MS = 100;

export interface ScratchKafka {
  brokers: string[];
  /** Starts the JVM (again) and resolves once the broker answers metadata requests. */
  start(): Promise<void>;
  /** SIGKILL: the broker gets no controlled shutdown, like a crash. */
  kill(): Promise<void>;
  /** Kills the broker and removes its data. */
  close(): Promise<void>;
}

async function answers(brokers: string[]): Promise<boolean> {
  const admin = new Kafka({
    clientId: 'bench-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 500,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    return (await admin.describeCluster()).brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * A single-node Kafka of our own on ports 29092/29093, for figures and tests that stop the broker: the shared one
 * serves other people's runs. It reuses the jars and the configuration of the local stack (`npm run
 * stack:up` fetched them) with its own ports and a temporary data directory.
 */
export function scratchKafka(): ScratchKafka {
  const stackKafka = partDir('kafka');
  const libDir = join(stackKafka, 'lib');
  const stackConfig = join(stackKafka, 'config', 'server.properties');
  if (!existsSync(stackConfig) || !existsSync(libDir))
    throw new Error(`no Kafka of the local stack in ${stackKafka}: run \`npm run stack:up\` first`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-kafka-'));
  const configFile = join(dir, 'server.properties');
  const properties = { port: PORT, controllerPort: CONTROLLER_PORT, dataDir: join(dir, 'data') };
  writeFileSync(configFile, scratchBrokerProperties(readFileSync(stackConfig, 'utf8'), properties));
  const java = findJava();
  const log4jFile = join(stackKafka, 'config', 'log4j2.properties');
  const brokers = [`127.0.0.1:${PORT}`];
  let child: ChildProcess | undefined;
  let formatted = false;

  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  const reap = () => child?.kill('SIGKILL');
  // Never leave a broker behind if the harness itself dies.
  process.on('exit', reap);

  return {
    brokers,
    async start() {
      if (await answers(brokers)) throw new Error(`port ${PORT} already answers: another Kafka runs there`);
      if (!formatted) {
        formatKafkaStorage({ java, libDir, log4jFile, configFile, clusterId: newClusterId() });
        formatted = true;
      }
      const out = openSync(join(logsDir, 'scratch-kafka.log'), 'a');
      const started = spawn(
        java,
        [
          '-Xms128m',
          '-Xmx512m',
          `-Dlog4j2.configurationFile=${log4jFile}`,
          '-cp',
          `${libDir}/*`,
          'kafka.Kafka',
          configFile,
        ],
        { stdio: ['ignore', out, out] },
      );
      child = started;
      const deadline = performance.now() + START_TIMEOUT_MS;
      while (!(await answers(brokers))) {
        if (started.exitCode !== null)
          throw new Error('scratch Kafka exited while starting; see scratch-kafka.log');
        if (performance.now() > deadline)
          throw new Error(`scratch Kafka did not answer within ${START_TIMEOUT_MS / 1000} s`);
        await sleep(PROBE_EVERY_MS);
      }
    },
    kill,
    async close() {
      await kill();
      process.off('exit', reap);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
