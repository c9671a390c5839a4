import { join } from 'node:path';
import { partDir } from '../paths.ts';
import { registryStorageTopics, stackTopics } from '../topics.ts';
import { kafkaCluster } from './kafka-cluster.ts';

/** The default: one broker+controller on 9092, replication factor 1. Fast to start, nothing to survive. */
export const singleBroker = kafkaCluster({
  dir: partDir('kafka'),
  nodes: [{ name: 'kafka', nodeId: 1, port: 9092, controllerPort: 9093, dir: partDir('kafka') }],
  topics: stackTopics,
  topicSettings: { replicationFactor: 1, minInsyncReplicas: 1 },
});

export const kafka = singleBroker.nodes[0]!;

const clusterDir = partDir('kafka-cluster');

/**
 * `--brokers 3`: three broker+controller nodes on their own ports and data, so they run beside the default
 * broker. Node n: clients on 1909(2n), its controller on 1909(2n+1), and a fault-injection listener on
 * 1919(2n) advertised as 1929(2n), where the e2e harness puts a TCP proxy it can silence.
 */
export const threeBrokers = kafkaCluster({
  dir: clusterDir,
  nodes: [1, 2, 3].map((n) => ({
    name: `kafka-${n}` as const,
    nodeId: n,
    port: 19090 + 2 * n,
    controllerPort: 19091 + 2 * n,
    dir: join(clusterDir, `kafka-${n}`),
    faultListener: { port: 19190 + 2 * n, advertisedPort: 19290 + 2 * n },
  })),
  topics: [...stackTopics, ...registryStorageTopics],
  topicSettings: { replicationFactor: 3, minInsyncReplicas: 2 },
});
