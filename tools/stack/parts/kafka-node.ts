import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findJava } from '@events/test-kit/find-java';
import { ensureDownloaded } from '../download.ts';
import { type Part, PartError, type PartName } from '../part.ts';
import { logFile, logsDir, partDir } from '../paths.ts';
import { runningPid, startDetached } from '../processes.ts';
import { waitUntil } from '../wait-until.ts';
import { metadataAnswers } from './kafka-admin.ts';
import type { KafkaCluster } from './kafka-cluster.ts';
import { formatKafkaStorage } from './kafka-storage.ts';

export const HOST = '127.0.0.1';

/** One combined broker+controller node of a KRaft cluster. */
export interface KafkaNodeSpec {
  name: PartName;
  nodeId: number;
  port: number;
  controllerPort: number;
  /** Config and data of this node; the jars are shared by every node (`.stack/kafka/lib`). */
  dir: string;
  /**
   * A listener for fault injection: the node listens on `port` and tells clients to reach it at
   * `advertisedPort`, where the e2e harness runs a TCP proxy it can silence.
   */
  faultListener?: { port: number; advertisedPort: number };
}

const libDir = join(partDir('kafka'), 'lib');

export interface KafkaNode extends Part {
  nodeId: number;
  faultListener: KafkaNodeSpec['faultListener'];
}

export function kafkaNode(spec: KafkaNodeSpec, cluster: KafkaCluster): KafkaNode {
  const address = `${HOST}:${spec.port}`;
  const answers = () => metadataAnswers([address]);
  return {
    name: spec.name,
    nodeId: spec.nodeId,
    faultListener: spec.faultListener,
    address,
    managed: true,
    probe: answers,
    async up() {
      if (!(await answers()) && runningPid(spec.name) === undefined) {
        const java = findJava();
        await ensureDownloaded('kafka', libDir);
        writeConfig(spec, cluster);
        formatStorageOnce(java, spec, cluster.clusterId());
        startDetached(spec.name, java, jvmArgs(spec, cluster), spec.dir);
      }
      try {
        // A node of a multi-node quorum answers only once a majority of controllers runs: start them together.
        await waitUntil(answers, {
          timeoutMs: 90_000,
          stillStarting: () => runningPid(spec.name) !== undefined,
        });
      } catch (error) {
        throw new PartError(spec.name, `${(error as Error).message}; see ${logFile(spec.name)}`, {
          cause: error,
        });
      }
      await cluster.ensureTopics();
    },
  };
}

const configFile = (spec: KafkaNodeSpec) => join(spec.dir, 'config', 'server.properties');
const log4jFile = (spec: KafkaNodeSpec) => join(spec.dir, 'config', 'log4j2.properties');
const dataDir = (spec: KafkaNodeSpec) => join(spec.dir, 'data');

function jvmArgs(spec: KafkaNodeSpec, cluster: KafkaCluster): string[] {
  return [
    '-Xms256m',
    // Three nodes share this machine with everything else.
    cluster.nodes.length > 1 ? '-Xmx512m' : '-Xmx1g',
    `-Dlog4j2.configurationFile=${log4jFile(spec)}`,
    `-Dkafka.logs.dir=${logsDir}`,
    '-cp',
    `${libDir}/*`,
    'kafka.Kafka',
    configFile(spec),
  ];
}

function writeConfig(spec: KafkaNodeSpec, cluster: KafkaCluster): void {
  const { replicationFactor, minInsyncReplicas } = cluster.topicSettings;
  const fault = spec.faultListener;
  const listeners = [
    `PLAINTEXT://${HOST}:${spec.port}`,
    `CONTROLLER://${HOST}:${spec.controllerPort}`,
    ...(fault ? [`FAULTS://${HOST}:${fault.port}`] : []),
  ];
  const advertised = [
    `PLAINTEXT://${HOST}:${spec.port}`,
    ...(fault ? [`FAULTS://${HOST}:${fault.advertisedPort}`] : []),
  ];
  mkdirSync(join(spec.dir, 'config'), { recursive: true });
  writeFileSync(
    configFile(spec),
    [
      'process.roles=broker,controller',
      `node.id=${spec.nodeId}`,
      `controller.quorum.voters=${cluster.voters}`,
      `listeners=${listeners.join(',')}`,
      `advertised.listeners=${advertised.join(',')}`,
      'controller.listener.names=CONTROLLER',
      'inter.broker.listener.name=PLAINTEXT',
      `listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT${fault ? ',FAULTS:PLAINTEXT' : ''}`,
      `log.dirs=${dataDir(spec)}`,
      'auto.create.topics.enable=false',
      'num.partitions=1',
      `default.replication.factor=${replicationFactor}`,
      // With acks=all a write is acknowledged once this many replicas have it: RF 3 and 2 survive one loss.
      `min.insync.replicas=${minInsyncReplicas}`,
      'unclean.leader.election.enable=false',
      `offsets.topic.replication.factor=${replicationFactor}`,
      `transaction.state.log.replication.factor=${replicationFactor}`,
      `transaction.state.log.min.isr=${minInsyncReplicas}`,
      `share.coordinator.state.topic.replication.factor=${replicationFactor}`,
      `share.coordinator.state.topic.min.isr=${minInsyncReplicas}`,
      // A dev cluster: no reason to delay the first rebalance of a new group.
      'group.initial.rebalance.delay.ms=0',
      // The controller fences a broker that stopped heartbeating after 6 s (default 9 s, 3 heartbeats of 2 s):
      // until then a SIGKILLed broker stays coordinator and in every ISR, which is the floor of coordinator-kill.
      'broker.session.timeout.ms=6000',
      '',
    ].join('\n'),
  );
  writeFileSync(
    log4jFile(spec),
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

/** KRaft storage is formatted exactly once per node, with the cluster's id (the same on every node). */
function formatStorageOnce(java: string, spec: KafkaNodeSpec, clusterId: string): void {
  if (existsSync(join(dataDir(spec), 'meta.properties'))) return;
  formatKafkaStorage({
    java,
    libDir,
    log4jFile: log4jFile(spec),
    configFile: configFile(spec),
    clusterId,
  });
}
