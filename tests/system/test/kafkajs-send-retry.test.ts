import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * patches/kafkajs+2.2.4.patch: a send retried after a leader failover must write every partition once,
 * to its new leader (kafkajs #1303). Driven through kafkajs's own sendMessages with a fake cluster.
 */
const require = createRequire(import.meta.url);
const createSendMessages = require('kafkajs/src/producer/sendMessages.js');
const createRetry = require('kafkajs/src/retry/index.js');
const { KafkaJSConnectionError } = require('kafkajs/src/errors.js');

const topic = 'orders';

interface Produced {
  node: number;
  partitions: number[];
}

/** Node 2 leads partition 1 until the first failed request makes the client refresh metadata. */
function failoverCluster() {
  const leaders: Record<number, number> = { 0: 1, 1: 2 };
  const produced: Produced[] = [];
  const broker = (nodeId: number) => ({
    nodeId,
    async produce({ topicData }: { topicData: Array<{ partitions: Array<{ partition: number }> }> }) {
      const partitions = topicData.flatMap((t) => t.partitions.map((p) => p.partition));
      if (leaders[partitions[0]!] !== nodeId || nodeId === 2)
        throw new KafkaJSConnectionError('Connection error: connect ECONNREFUSED', {
          broker: `node-${nodeId}`,
        });
      produced.push({ node: nodeId, partitions });
      return {
        topics: [
          {
            topicName: topic,
            partitions: partitions.map((partition) => ({ partition, errorCode: 0, baseOffset: '0' })),
          },
        ],
      };
    },
  });
  const brokers = { 1: broker(1), 2: broker(2) } as Record<string, ReturnType<typeof broker>>;
  const cluster = {
    targetTopics: new Set([topic]),
    addMultipleTargetTopics: async () => undefined,
    refreshMetadataIfNecessary: async () => undefined,
    refreshMetadata: async () => {
      leaders[1] = 1; // the controller moved partition 1 to node 1, which already answered for partition 0
    },
    isConnected: () => true,
    removeBroker: () => undefined,
    findTopicPartitionMetadata: () =>
      Object.entries(leaders).map(([partitionId, leader]) => ({ partitionId: Number(partitionId), leader })),
    findLeaderForPartitions: (_topic: string, partitions: string[]) =>
      partitions.reduce<Record<number, number[]>>((result, id) => {
        const leader = leaders[Number(id)]!;
        result[leader] = [...(result[leader] ?? []), Number(id)];
        return result;
      }, {}),
    findBroker: async ({ nodeId }: { nodeId: string }) => brokers[nodeId],
  };
  const eosManager = {
    isTransactional: () => false,
    getSequence: () => 0,
    updateSequence: () => undefined,
    getProducerId: () => -1,
    getProducerEpoch: () => 0,
    acquireBrokerLock: async () => undefined,
    releaseBrokerLock: async () => undefined,
  };
  const sendMessages = createSendMessages({
    logger: { debug: () => undefined, error: () => undefined },
    cluster,
    partitioner: ({ message }: { message: { key: string } }) => Number(message.key),
    eosManager,
    retrier: createRetry({ retries: 3, initialRetryTime: 1, maxRetryTime: 10 }),
  });
  return { sendMessages, produced };
}

describe('kafkajs sendMessages with patches/kafkajs+2.2.4.patch', () => {
  it('re-sends a failed partition to its new leader even when that broker already answered for another', async () => {
    const { sendMessages, produced } = failoverCluster();
    const result = await sendMessages({
      acks: -1,
      timeout: 1000,
      topicMessages: [
        {
          topic,
          messages: [
            { key: '0', value: 'a' },
            { key: '1', value: 'b' },
          ],
        },
      ],
    });
    expect(produced).toEqual([
      { node: 1, partitions: [0] },
      { node: 1, partitions: [1] },
    ]);
    expect(result.map((r: { partition: number }) => r.partition).sort()).toEqual([0, 1]);
  });
});
