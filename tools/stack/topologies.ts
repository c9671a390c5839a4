import type { Part } from './part.ts';
import { chromium } from './parts/chromium.ts';
import { singleBroker, threeBrokers } from './parts/kafka.ts';
import type { KafkaCluster } from './parts/kafka-cluster.ts';
import { postgres } from './parts/postgres.ts';
import { clusterRegistry, registry } from './parts/registry.ts';
import { zipkin } from './parts/zipkin.ts';

/** A whole local stack: PostgreSQL, a Kafka cluster and a registry that stores its schemas in that cluster. */
export interface Topology {
  brokers: number;
  kafka: KafkaCluster;
  registry: Part;
  /**
   * Start order: the registry stores its schemas in Kafka. The parts of one stage start together, since a
   * node of a three-voter quorum only answers once a majority of them runs.
   */
  stages: Part[][];
}

function topology(kafka: KafkaCluster, registryPart: Part, extras: Part[] = []): Topology {
  return {
    brokers: kafka.nodes.length,
    kafka,
    registry: registryPart,
    stages: [[postgres], kafka.nodes, [registryPart, ...extras]],
  };
}

export const topologies: readonly Topology[] = [
  // Zipkin runs once, with the default stack; the cluster beside it sends its traces there too. The browser is
  // for the tests that open the event catalog page.
  topology(singleBroker, registry, [zipkin, chromium]),
  topology(threeBrokers, clusterRegistry),
];

export function topologyWith(brokers: number): Topology {
  const found = topologies.find((t) => t.brokers === brokers);
  if (!found)
    throw new Error(`--brokers takes ${topologies.map((t) => t.brokers).join(' or ')}, not ${brokers}`);
  return found;
}

export const partsOf = (t: Topology): Part[] => t.stages.flat();
