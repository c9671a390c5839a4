import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll } from 'vitest';
import { brokers } from './helpers.ts';

/** A Kafka client; topics created with `createTopic` are deleted after the file's tests. */
export function kafkaFixture() {
  const kafka = new Kafka({
    clientId: 'toolkit-test',
    brokers,
    logLevel: logLevel.NOTHING,
    retry: { retries: 2 },
  });
  const admin = kafka.admin();
  const created: string[] = [];
  afterAll(async () => {
    if (created.length > 0) await admin.deleteTopics({ topics: created }).catch(() => undefined);
    await admin.disconnect();
  });
  return {
    kafka,
    async createTopic(): Promise<string> {
      const topic = `toolkit-test-${randomUUID()}`;
      try {
        await admin.connect();
        await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      } catch (error) {
        throw new Error(
          `Kafka at ${brokers.join(',')} not usable (start the stack): ${(error as Error).message}`,
        );
      }
      created.push(topic);
      return topic;
    },
  };
}
