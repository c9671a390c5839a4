import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { runAtRate } from '@events/harness/rate-limiter';
import { registration } from '@events/harness/registrations';
import { createTopics, deleteTopics, type RunContext } from '@events/harness/run-context';

/** A registration event as the raw pipelines carry it: JSON, the fields of `user_register`. */
export interface RawEvent {
  userId: string;
  email: string;
  username: string;
  displayName: string | null;
  registeredAt: string;
}

/** What the consuming end of a raw pipeline does with each event. */
export interface RawSink {
  /** Settles once the consumer may take the next message, with when this event counts as arrived. */
  consume(event: RawEvent): Promise<{ arrivedAt: Promise<number> }>;
  close(): Promise<void>;
}

/** Raw kafkajs: an event has arrived when eachMessage sees it. */
export const inEachMessage: RawSink = {
  consume: async () => ({ arrivedAt: Promise.resolve(performance.now()) }),
  close: async () => undefined,
};

/**
 * A floor for end-to-end latency: a kafkajs producer (acks -1, each send awaited) and a kafkajs consumer on a
 * scratch topic on the same broker, at the same rate, handing each event to `sink`. Latency = send() called →
 * the sink says the event arrived; the send time travels in the message (same process, same clock).
 */
export async function rawKafkaLatency(
  ctx: RunContext,
  { ratePerSecond, warmUpS, durationS }: { ratePerSecond: number; warmUpS: number; durationS: number },
  { tag, sink }: { tag: string; sink: RawSink },
): Promise<number[]> {
  const topic = `bench.${tag}.${ctx.runId}`;
  await createTopics(ctx, [topic]);
  const producer = ctx.kafka.producer();
  const consumer = ctx.kafka.consumer({ groupId: `bench-${ctx.runId}-${tag}` });
  const latencies: Array<Promise<number>> = [];
  let measuring = false;
  try {
    await Promise.all([producer.connect(), consumer.connect()]);
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const { sentAt, event } = JSON.parse(message.value?.toString() ?? '{}') as {
          sentAt: number;
          event: RawEvent;
        };
        const { arrivedAt } = await sink.consume(event);
        if (measuring) latencies.push(arrivedAt.then((at) => at - sentAt));
      },
    });
    await joined;
    let index = 0;
    const send = async () => {
      const userId = randomUUID();
      const event = {
        userId,
        ...registration(`${ctx.runId}${tag}`, index++),
        registeredAt: new Date().toISOString(),
      };
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: userId, value: JSON.stringify({ sentAt: performance.now(), event }) }],
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
    return await Promise.all(latencies);
  } finally {
    await Promise.all([consumer.disconnect(), producer.disconnect(), sink.close()]).catch(() => undefined);
    await deleteTopics(ctx, [topic]).catch(() => undefined);
  }
}
