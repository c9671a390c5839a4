import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { cleanUpLater } from './cleanup.ts';
import { stackAddresses } from './stack-addresses.ts';

/** A Kafka client; topics made with `createTopic` are deleted when the test (or file) that asked is done. */
export function scratchTopics(clientId: string) {
  const { brokers } = stackAddresses;
  const kafka = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING, retry: { retries: 2 } });
  const admin = kafka.admin();
  const created: string[] = [];
  cleanUpLater(async () => {
    if (created.length > 0) await admin.deleteTopics({ topics: created }).catch(() => undefined);
    await admin.disconnect();
  });
  return {
    kafka,
    async createTopic(): Promise<string> {
      const topic = `${clientId}-${randomUUID()}`;
      try {
        await admin.connect();
        await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      } catch (error) {
        throw new Error(
          `Kafka at ${brokers.join(',')} not usable (run \`npm run stack:up\`): ${(error as Error).message}`,
        );
      }
      created.push(topic);
      return topic;
    },
  };
}
