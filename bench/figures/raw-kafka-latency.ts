import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { runAtRate } from '@events/harness/rate-limiter';
import { createTopics, deleteTopics, type RunContext } from '@events/harness/run-context';

/**
 * The floor for end-to-end latency: a kafkajs producer (acks -1, each send awaited) and a kafkajs consumer on
 * a scratch topic on the same broker, at the same rate. Latency = send() called → eachMessage sees it; the
 * send time travels in the message (same process, same clock).
 */
export async function rawKafkaLatency(
  ctx: RunContext,
  { ratePerSecond, warmUpS, durationS }: { ratePerSecond: number; warmUpS: number; durationS: number },
): Promise<number[]> {
  const topic = `bench.raw-latency.${ctx.runId}`;
  await createTopics(ctx, [topic]);
  const producer = ctx.kafka.producer();
  const consumer = ctx.kafka.consumer({ groupId: `bench-${ctx.runId}-raw-latency` });
  const latencies: number[] = [];
  let measuring = false;
  try {
    await Promise.all([producer.connect(), consumer.connect()]);
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const sentAt = Number(message.value?.toString());
        if (measuring && sentAt > 0) latencies.push(performance.now() - sentAt);
      },
    });
    await joined;
    const send = async () => {
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: randomUUID(), value: String(performance.now()) }],
      });
    };
    for (const [phase, seconds] of [
      ['warm-up', warmUpS],
      ['measure', durationS],
    ] as const) {
      measuring = phase === 'measure';
      const ends = Date.now() + seconds * 1000;
      await runAtRate({ ratePerSecond, maxInFlight: 100, shouldStop: () => Date.now() >= ends }, send);
    }
    // The last sends' messages are still on their way to the consumer.
    await sleep(1000);
    return latencies;
  } finally {
    await Promise.all([consumer.disconnect(), producer.disconnect()]).catch(() => undefined);
    await deleteTopics(ctx, [topic]).catch(() => undefined);
  }
}
