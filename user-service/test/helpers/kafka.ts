import { randomBytes } from 'node:crypto';
import { createKafka } from '@events/service-platform/kafka';
import { stackAddresses } from '@events/test-kit/stack-addresses';
import { Kafka, type KafkaMessage, logLevel } from 'kafkajs';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.ts';
import { createEventPublisher, type EventPublisher } from '../../src/messaging/event-publisher.ts';
import { registerCleanup } from './cleanup.ts';

const kafka = new Kafka({
  clientId: 'user-service-tests',
  brokers: stackAddresses.brokers,
  logLevel: logLevel.NOTHING,
});

/** The relay's publisher as start-service wires it, at the default settings, on the local Kafka. */
export function defaultPublisher(): EventPublisher {
  const config = loadConfig({});
  return createEventPublisher({
    kafka: createKafka(config.kafka, pino({ level: 'silent' })),
    sendTimeoutMs: config.outbox.sendTimeoutMs,
  });
}

/** A fresh topic (auto-creation is off on the broker), deleted when the calling test (or file) ends. */
export async function useTestTopic(): Promise<string> {
  const topic = `user_register.test.${randomBytes(4).toString('hex')}`;
  const admin = kafka.admin();
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `Kafka is not reachable at ${stackAddresses.brokers.join(',')}: run \`npm run stack:up\``,
      {
        cause: error,
      },
    );
  }
  await admin.createTopics({
    topics: [{ topic, numPartitions: 6, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  registerCleanup(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });
  return topic;
}

/** Reads a topic from the beginning until `done` says enough arrived, or fails after `timeoutMs`. */
export async function readTopic(
  topic: string,
  done: (messages: KafkaMessage[]) => boolean,
  timeoutMs = 30_000,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `user-service-tests-${randomBytes(4).toString('hex')}` });
  const messages: KafkaMessage[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`only ${messages.length} message(s) arrived on ${topic} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ message }) => {
            messages.push(message);
            if (done(messages)) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

export function header(message: KafkaMessage, name: string): string | undefined {
  return message.headers?.[name]?.toString();
}

/** Every message ever written to the topic (sum of partition high watermarks): duplicates included. */
export async function countMessages(topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}
