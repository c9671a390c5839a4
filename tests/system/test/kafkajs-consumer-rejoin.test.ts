import { randomUUID } from 'node:crypto';
import { createTopics } from '@events/harness/run-context';
import { scratchKafka } from '@events/harness/scratch-kafka';
import { waitFor } from '@events/test-kit/polling';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * patches/kafkajs+2.2.4.patch: a consumer that crashed while its broker was down rejoins the group as the
 * same member once the broker is back. Joining as a new member, as unpatched kafkajs does, makes the whole
 * group wait out the old member's session (here 60 s, longer than the test allows) before anyone consumes.
 */
describe('kafkajs consumer restart with patches/kafkajs+2.2.4.patch', () => {
  const broker = scratchKafka();
  const kafka = new Kafka({
    clientId: 'rejoin-test',
    brokers: broker.brokers,
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 100, maxRetryTime: 500, retries: 2 },
  });

  beforeAll(() => broker.start(), 120_000);
  afterAll(() => broker.close());

  it('rejoins as the same member after a broker crash and restart', { timeout: 120_000 }, async () => {
    const topic = `rejoin-${randomUUID()}`;
    await createTopics({ kafka }, [topic]);
    const consumer = kafka.consumer({
      groupId: `rejoin-${randomUUID()}`,
      sessionTimeout: 60_000,
      heartbeatInterval: 1_000,
    });
    const members: string[] = [];
    let restarts = 0;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => members.push(payload.memberId));
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart) restarts += 1;
    });
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async () => undefined });
      await waitFor('the first join', () => members.length === 1);

      await broker.kill();
      await waitFor('kafkajs to crash and restart the consumer', () => restarts > 0, 60_000);
      await broker.start();
      await waitFor('the rejoin', () => members.length === 2, 45_000);

      expect(members[1]).toBe(members[0]);
    } finally {
      await consumer.disconnect();
    }
  });
});
