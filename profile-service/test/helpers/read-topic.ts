import { randomBytes } from 'node:crypto';
import type { KafkaMessage } from 'kafkajs';
import { onTestFinished } from 'vitest';
import { headerText } from '../../src/messaging/message-headers.ts';
import { testKafka } from './stack.ts';

export interface ReadMessage {
  partition: number;
  message: KafkaMessage;
  header(name: string): string | undefined;
}

/** Reads a topic from the beginning with a throwaway group until `count` messages arrived. */
export async function readTopic(topic: string, count: number, timeoutMs = 30_000): Promise<ReadMessage[]> {
  const consumer = testKafka.consumer({ groupId: `profile-it-reader-${randomBytes(4).toString('hex')}` });
  onTestFinished(() => consumer.disconnect());
  const received: ReadMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`read ${received.length} of ${count} messages from ${topic} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    void consumer.run({
      eachMessage: async ({ partition, message }) => {
        received.push({ partition, message, header: (name) => headerText(message.headers, name) });
        if (received.length >= count) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await done;
  await consumer.disconnect();
  return received;
}

/** Committed offsets of a group on a topic, by partition (-1: nothing committed). */
export async function committedOffsets(groupId: string, topic: string): Promise<Map<number, number>> {
  const admin = testKafka.admin();
  await admin.connect();
  try {
    const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map((result?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
  } finally {
    await admin.disconnect();
  }
}

/** How many messages of the topic the group has committed past, over all partitions. */
export async function totalCommitted(groupId: string, topic: string): Promise<number> {
  const offsets = await committedOffsets(groupId, topic);
  return [...offsets.values()].reduce((sum, offset) => sum + Math.max(offset, 0), 0);
}
