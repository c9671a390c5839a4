import { randomBytes } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { cleanUpLater } from './cleanup.ts';
import { testKafka } from './test-kafka.ts';

export type TopicMessage = KafkaMessage & { partition: number };

/**
 * Reads a topic from the beginning with a throwaway group until `until` messages arrived (or says enough did),
 * and fails after `timeoutMs` saying how many came.
 */
export async function readTopic(
  topic: string,
  until: number | ((messages: TopicMessage[]) => boolean),
  timeoutMs = 30_000,
): Promise<TopicMessage[]> {
  const enough = typeof until === 'number' ? (messages: TopicMessage[]) => messages.length >= until : until;
  const consumer = testKafka.consumer({ groupId: `topic-reader-${randomBytes(4).toString('hex')}` });
  cleanUpLater(() => consumer.disconnect());
  const messages: TopicMessage[] = [];
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
        eachMessage: async ({ partition, message }) => {
          messages.push({ ...message, partition });
          if (enough(messages)) {
            clearTimeout(timer);
            resolve();
          }
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  return messages;
}

/** A header's value as text (the first one if it was sent several times). */
export function headerText(
  message: Pick<KafkaMessage, 'headers'> | undefined,
  name: string,
): string | undefined {
  const value = message?.headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.toString();
}
