import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { groupCoordinator } from '@events/harness/group-coordinator';
import { acquireCluster } from '@events/harness/local-cluster';
import { threeBrokers } from '@events/stack/parts/kafka';
import { killPart, stopPart } from '@events/stack/processes';
import { waitFor } from '@events/test-kit/polling';
import { stackPart } from '@events/test-kit/stack-control';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * patches/kafkajs+2.2.4.patch: when the broker coordinating a consumer's group dies or is stopped, the consumer
 * asks who coordinates the group now and goes on heartbeating and committing there as the same member.
 * Unpatched kafkajs heartbeated a SIGKILLed broker and committed to its node id ("Broker N not found in the
 * cached metadata") until its retries ran out about 30 s later, crashed, and rejoined as a new member once the
 * group had emptied (kafkajs #802, #939); a stopped broker hands its partitions over first and answers
 * NOT_COORDINATOR meanwhile, which kafkajs took for a rebalance and rejoined. The partition's leader is another
 * broker, so only the coordinator moves.
 */
describe('kafkajs group coordinator failover with patches/kafkajs+2.2.4.patch', () => {
  // profile-service's settings: start-service.ts (client) and consumer-supervisor.ts (consumer).
  const kafka = new Kafka({
    clientId: 'coordinator-failover-test',
    brokers: threeBrokers.bootstrap,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 2_000 },
  });
  let releaseCluster: () => Promise<void> = async () => undefined;
  let stopped: string | undefined;

  beforeAll(async () => {
    releaseCluster = await acquireCluster(() => undefined);
  }, 180_000);

  // Each case stops a broker. The next case, and whoever started the cluster, get all three back, caught up.
  afterEach(async () => {
    if (!stopped) return;
    await stackPart('up', stopped);
    stopped = undefined;
    await waitFor(
      'every broker back in the ISR of __consumer_offsets',
      () => wholeOffsetsTopic(kafka),
      60_000,
    );
  }, 180_000);

  afterAll(() => releaseCluster(), 180_000);

  it.each([
    { how: 'SIGKILLed', stop: killPart },
    { how: 'stopped (controlled shutdown)', stop: stopPart },
  ])(
    'keeps consuming as the same member through the new coordinator after the old one is $how',
    {
      timeout: 120_000,
    },
    async ({ stop }) => {
      const groupId = `coordinator-failover-${randomUUID()}`;
      const topic = `coordinator-failover-${randomUUID()}`;
      const coordinator = await waitFor('a coordinator for the group', () =>
        groupCoordinator(kafka, groupId),
      );
      const [leader, follower] = threeBrokers.nodes.map((n) => n.nodeId).filter((id) => id !== coordinator);
      const admin = kafka.admin();
      await admin.connect();
      try {
        await admin.createTopics({
          topics: [
            { topic, replicaAssignment: [{ partition: 0, replicas: [leader!, coordinator, follower!] }] },
          ],
          waitForLeaders: false,
        });
        await waitFor('the partition to have its leader', async () => {
          const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
          return topics[0]?.partitions[0]?.leader === leader;
        });
      } finally {
        await admin.disconnect();
      }

      const consumer = kafka.consumer({
        groupId,
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        retry: { initialRetryTime: 500, maxRetryTime: 2_000 },
      });
      const joins: Array<{ at: number; memberId: string }> = [];
      const crashes: string[] = [];
      const commits: Array<{ at: number; offset: number }> = [];
      consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
        joins.push({ at: Date.now(), memberId: payload.memberId }),
      );
      consumer.on(consumer.events.CRASH, ({ payload }) =>
        crashes.push(`${payload.error.name}: ${payload.error.message}`),
      );
      consumer.on(consumer.events.COMMIT_OFFSETS, ({ payload }) => {
        for (const { partition, offset } of payload.topics[0]?.partitions ?? [])
          if (Number(partition) === 0) commits.push({ at: Date.now(), offset: Number(offset) });
      });
      const producer = kafka.producer();
      let written = 0;
      const producing = new AbortController();
      try {
        await producer.connect();
        await consumer.subscribe({ topic, fromBeginning: true });
        await consumer.run({
          eachBatchAutoResolve: false,
          eachBatch: async ({ batch, resolveOffset }) => {
            for (const message of batch.messages) resolveOffset(message.offset);
          },
        });
        const produced = (async () => {
          while (!producing.signal.aborted) {
            // acks 1: the leader answers while the dead broker is still in the partition's ISR.
            const [sent] = await producer
              .send({ topic, acks: 1, messages: [{ value: 'x' }] })
              .catch(() => []);
            if (sent) written = Number(sent.baseOffset) + 1;
            await sleep(200);
          }
        })();
        await waitFor('a first commit', () => commits.length > 0 && written > 0);

        const writtenAtStop = written;
        stopped = `kafka-${coordinator}`;
        const stoppedAt = Date.now();
        await stop(stopped);
        // Committing past the stop takes a live coordinator; unpatched, the consumer crashes first.
        await waitFor(
          'a commit past the stop, or a crash',
          () => crashes.length > 0 || commits.some((c) => c.offset > writtenAtStop),
          30_000,
        ).catch(() => undefined);
        producing.abort();
        await produced;

        const resumed = commits.find((c) => c.offset > writtenAtStop);
        expect(crashes).toEqual([]);
        expect(joins.filter((j) => j.at >= stoppedAt)).toEqual([]);
        expect(resumed, 'a message written after the stop consumed and committed').toBeDefined();
        // A SIGKILLed broker's fencing (broker.session.timeout.ms, 6 s here) comes first; the issue asks for 15 s.
        expect(resumed!.at - stoppedAt).toBeLessThanOrEqual(15_000);
      } finally {
        producing.abort();
        await consumer.disconnect();
        await producer.disconnect();
      }
    },
  );
});

/** Whether every partition of __consumer_offsets has all three brokers in its ISR again. */
async function wholeOffsetsTopic(kafka: Kafka): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { topics } = await admin.fetchTopicMetadata({ topics: ['__consumer_offsets'] });
    const partitions = topics[0]?.partitions ?? [];
    return partitions.length > 0 && partitions.every((p) => p.isr.length === threeBrokers.nodes.length);
  } finally {
    await admin.disconnect();
  }
}
