import { describe, expect, it } from 'vitest';
import { partsOf, topologies, topologyWith } from './topologies.ts';

const ports = (addresses: string[]) => addresses.map((address) => Number(new URL(`tcp://${address}`).port));

describe('stack topologies', () => {
  const single = topologyWith(1);
  const cluster = topologyWith(3);

  it('runs the three-broker cluster beside the default stack: no part name or port in common', () => {
    const names = topologies.map((t) =>
      partsOf(t)
        .filter((p) => p.managed)
        .map((p) => p.name),
    );
    expect(names[0]!.filter((name) => names[1]!.includes(name))).toEqual([]);
    const used = (t: typeof single) => [
      ...ports(t.kafka.bootstrap),
      ...ports(t.kafka.voters.split(',').map((voter) => voter.split('@')[1]!)),
      Number(new URL(t.registry.address).port),
    ];
    expect(used(cluster).filter((port) => used(single).includes(port))).toEqual([]);
  });

  it('makes every node of the cluster a controller voter and a broker clients can bootstrap from', () => {
    expect(cluster.kafka.voters).toBe('1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097');
    expect(cluster.kafka.bootstrap).toEqual(['127.0.0.1:19092', '127.0.0.1:19094', '127.0.0.1:19096']);
    expect(cluster.kafka.nodes.map((node) => node.name)).toEqual(['kafka-1', 'kafka-2', 'kafka-3']);
  });

  it('replicates three times and acknowledges on two in-sync replicas; the default stays one broker', () => {
    expect(cluster.kafka.topicSettings).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
    expect(single.kafka.topicSettings).toEqual({ replicationFactor: 1, minInsyncReplicas: 1 });
    expect(single.kafka.bootstrap).toEqual(['127.0.0.1:9092']);
  });

  it('refuses a broker count it has no topology for', () => {
    expect(() => topologyWith(2)).toThrow('--brokers takes 1 or 3, not 2');
  });
});
