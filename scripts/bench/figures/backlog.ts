import { randomUUID } from 'node:crypto';
import { createSerde } from '@events/contracts';
import type { Message } from 'kafkajs';
import { registration } from '../../harness/registrations.ts';
import type { RunContext } from '../../harness/run-context.ts';

const CHUNK = 2_000;

/** Writes `count` valid user_register events, encoded through the contracts serde, keyed by user id. */
export async function produceBacklog(ctx: RunContext, topic: string, count: number): Promise<void> {
  const serde = createSerde({ registry: { url: ctx.registryUrl } });
  await serde.warmUp();
  const producer = ctx.kafka.producer();
  await producer.connect();
  try {
    for (let start = 0; start < count; start += CHUNK) {
      const messages: Message[] = [];
      for (let i = start; i < Math.min(count, start + CHUNK); i += 1) {
        const userId = randomUUID();
        const value = await serde.encode('user_register', {
          userId,
          ...registration(`${ctx.runId}c`, i),
          registeredAt: new Date(),
        });
        messages.push({ key: userId, value });
      }
      await producer.send({ topic, acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
}
