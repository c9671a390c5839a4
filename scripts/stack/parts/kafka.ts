import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureDownloaded } from '../download.ts';
import { findJava } from '../java.ts';
import { type Part, PartError } from '../part.ts';
import { logFile, logsDir, partDir } from '../paths.ts';
import { runningPid, startDetached } from '../processes.ts';
import { stackTopics } from '../topics.ts';
import { waitUntil } from '../wait-until.ts';

const HOST = '127.0.0.1';
const PORT = 9092;
const CONTROLLER_PORT = 9093;
const dir = partDir('kafka');
const configFile = join(dir, 'config', 'server.properties');
const log4jFile = join(dir, 'config', 'log4j2.properties');
const dataDir = join(dir, 'data');

export const kafka: Part = {
  name: 'kafka',
  address: `${HOST}:${PORT}`,
  managed: true,
  probe: () => metadataAnswers(),
  async up() {
    if (await metadataAnswers()) return createTopics();
    if (runningPid('kafka') === undefined) {
      const java = findJava();
      await ensureDownloaded('kafka', join(dir, 'lib'));
      writeConfig();
      formatStorageOnce(java);
      startDetached('kafka', java, jvmArgs(), dir);
    }
    try {
      await waitUntil(metadataAnswers, {
        timeoutMs: 90_000,
        stillStarting: () => runningPid('kafka') !== undefined,
      });
    } catch (error) {
      throw new PartError('kafka', `${(error as Error).message}; see ${logFile('kafka')}`, { cause: error });
    }
    await createTopics();
  },
};

function jvmArgs(): string[] {
  return [
    '-Xms256m',
    '-Xmx1g',
    `-Dlog4j2.configurationFile=${log4jFile}`,
    `-Dkafka.logs.dir=${logsDir}`,
    '-cp',
    `${join(dir, 'lib')}/*`,
    'kafka.Kafka',
    configFile,
  ];
}

function writeConfig(): void {
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(
    configFile,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@${HOST}:${CONTROLLER_PORT}`,
      `listeners=PLAINTEXT://${HOST}:${PORT},CONTROLLER://${HOST}:${CONTROLLER_PORT}`,
      `advertised.listeners=PLAINTEXT://${HOST}:${PORT}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      `log.dirs=${dataDir}`,
      'auto.create.topics.enable=false',
      'num.partitions=1',
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'share.coordinator.state.topic.replication.factor=1',
      'share.coordinator.state.topic.min.isr=1',
      // A single-broker dev cluster: no reason to delay the first rebalance of a new group.
      'group.initial.rebalance.delay.ms=0',
      '',
    ].join('\n'),
  );
  writeFileSync(
    log4jFile,
    [
      'status = warn',
      'appender.console.type = Console',
      'appender.console.name = stdout',
      'appender.console.layout.type = PatternLayout',
      'appender.console.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = INFO',
      'rootLogger.appenderRef.stdout.ref = stdout',
      'logger.state.name = state.change.logger',
      'logger.state.level = WARN',
      '',
    ].join('\n'),
  );
}

/** KRaft storage is formatted exactly once, with a fresh cluster id. */
function formatStorageOnce(java: string): void {
  if (existsSync(join(dataDir, 'meta.properties'))) return;
  const clusterId = randomBytes(16).toString('base64url');
  execFileSync(
    java,
    [
      '-cp',
      `${join(dir, 'lib')}/*`,
      `-Dlog4j2.configurationFile=${log4jFile}`,
      'kafka.tools.StorageTool',
      'format',
      '-t',
      clusterId,
      '-c',
      configFile,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

/** A probe must answer fast, so no retries; creating topics right after start-up may need a few. */
function client(retries: number) {
  return new Kafka({
    clientId: 'stack',
    brokers: [`${HOST}:${PORT}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    retry: { retries },
  });
}

async function metadataAnswers(): Promise<boolean> {
  const admin = client(0).admin();
  try {
    await admin.connect();
    const { brokers } = await admin.describeCluster();
    return brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function createTopics(): Promise<void> {
  const admin = client(5).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = stackTopics.filter(({ topic }) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({
        topics: missing.map((t) => ({ ...t, replicationFactor: 1 })),
        waitForLeaders: true,
      });
      console.log(`  kafka: created topics ${missing.map((t) => t.topic).join(', ')}`);
    }
  } finally {
    await admin.disconnect();
  }
}
