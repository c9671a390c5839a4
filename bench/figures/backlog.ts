import { randomUUID } from 'node:crypto';
import { createSerde } from '@events/contracts';
import { registration } from '@events/harness/registrations';
import type { RunContext } from '@events/harness/run-context';
import type { Message } from 'kafkajs';

const CHUNK = 2_000;

/**
 * Writes `count` valid user_register events twice, the same events keyed by user id with an `event-id`
 * header: Avro through the contracts serde on `avroTopic` (what profile-service reads) and, when given, JSON
 * text on `jsonTopic` (what the JSON consumer peer reads).
 */
export async function produceBacklog(
  ctx: RunContext,
  { avroTopic, jsonTopic }: { avroTopic: string; jsonTopic?: string },
  count: number,
): Promise<void> {
  const serde = createSerde({ registry: { url: ctx.registryUrl } });
  await serde.warmUp();
  const producer = ctx.kafka.producer();
  await producer.connect();
  try {
    for (let start = 0; start < count; start += CHUNK) {
      const avro: Message[] = [];
      const json: Message[] = [];
      for (let i = start; i < Math.min(count, start + CHUNK); i += 1) {
        const event = { userId: randomUUID(), ...registration(`${ctx.runId}c`, i), registeredAt: new Date() };
        const headers = { 'event-id': randomUUID() };
        avro.push({ key: event.userId, value: await serde.encode('user_register', event), headers });
        json.push({ key: event.userId, value: JSON.stringify(event), headers });
      }
      await producer.send({ topic: avroTopic, acks: -1, messages: avro });
      if (jsonTopic !== undefined) await producer.send({ topic: jsonTopic, acks: -1, messages: json });
    }
  } finally {
    await producer.disconnect();
  }
}
