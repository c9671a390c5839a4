import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopicSpec } from '../topics.ts';
import { waitUntil } from '../wait-until.ts';
import { metadataAnswers, stackClient } from './kafka-admin.ts';
import { HOST, type KafkaNode, type KafkaNodeSpec, kafkaNode } from './kafka-node.ts';
import { newClusterId } from './kafka-storage.ts';

export interface TopicSettings {
  replicationFactor: number;
  minInsyncReplicas: number;
}

/** A KRaft cluster of combined broker+controller nodes, every node a voter of the controller quorum. */
export interface KafkaCluster {
  nodes: KafkaNode[];
  /** `host:port` of every broker: what clients put in their bootstrap list. */
  bootstrap: string[];
  /** `controller.quorum.voters`: the same on every node. */
  voters: string;
  topicSettings: TopicSettings;
  /** Any broker answers metadata. */
  probe(): Promise<boolean>;
  /** The id every node is formatted with, created once and kept beside the nodes. */
  clusterId(): string;
  /** Creates the missing topics with the cluster's settings, once enough brokers have registered. */
  ensureTopics(): Promise<void>;
}

export function kafkaCluster({
  dir,
  nodes: specs,
  topics,
  topicSettings,
}: {
  dir: string;
  nodes: KafkaNodeSpec[];
  topics: TopicSpec[];
  topicSettings: TopicSettings;
}): KafkaCluster {
  const bootstrap = specs.map((spec) => `${HOST}:${spec.port}`);
  let topicsReady: Promise<void> | undefined;
  const cluster: KafkaCluster = {
    nodes: [],
    bootstrap,
    voters: specs.map((spec) => `${spec.nodeId}@${HOST}:${spec.controllerPort}`).join(','),
    topicSettings,
    probe: () => metadataAnswers(bootstrap),
    clusterId() {
      const file = join(dir, 'cluster-id');
      if (!existsSync(file)) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, newClusterId());
      }
      return readFileSync(file, 'utf8').trim();
    },
    ensureTopics() {
      // Every node's up() calls this; nodes started together share one creation.
      topicsReady ??= createMissingTopics(bootstrap, topics, topicSettings).catch((error: unknown) => {
        topicsReady = undefined;
        throw error;
      });
      return topicsReady;
    },
  };
  cluster.nodes = specs.map((spec) => kafkaNode(spec, cluster));
  return cluster;
}

async function createMissingTopics(
  bootstrap: string[],
  topics: TopicSpec[],
  { replicationFactor, minInsyncReplicas }: TopicSettings,
): Promise<void> {
  const admin = stackClient(bootstrap, 5).admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter(({ topic }) => !existing.has(topic));
    if (missing.length === 0) return;
    // Creating with RF 3 fails until three brokers have registered with the controller.
    await waitUntil(async () => (await admin.describeCluster()).brokers.length >= replicationFactor, {
      timeoutMs: 90_000,
    });
    await admin.createTopics({
      topics: missing.map(({ topic, numPartitions, config = {} }) => ({
        topic,
        numPartitions,
        replicationFactor,
        configEntries: Object.entries({
          ...config,
          'min.insync.replicas': String(minInsyncReplicas),
        }).map(([name, value]) => ({ name, value })),
      })),
      waitForLeaders: true,
    });
    console.log(
      `  kafka: created topics ${missing.map((t) => t.topic).join(', ')} (RF ${replicationFactor}, min.insync.replicas ${minInsyncReplicas})`,
    );
  } finally {
    await admin.disconnect();
  }
}
