import type { RunContext } from '@events/harness/run-context';

export type PublishWatcher = Awaited<ReturnType<typeof watchPublishes>>;

/**
 * Reads every message of `topic` as it lands and keeps its key and its producer timestamp (the moment the
 * relay handed it to kafkajs, on this machine's clock): tells when the first message sent after a given
 * moment arrived, and which keys were published at all.
 */
export async function watchPublishes(ctx: RunContext, topic: string, groupId: string) {
  const consumer = ctx.kafka.consumer({ groupId });
  const keys = new Set<string>();
  const waiters: Array<{ afterMs: number; resolve: (sentAtMs: number) => void }> = [];
  await consumer.connect();
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      keys.add(message.key?.toString() ?? '');
      const sentAtMs = Number(message.timestamp);
      for (const waiter of waiters.filter((w) => sentAtMs > w.afterMs)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(sentAtMs);
      }
    },
  });
  await joined;
  return {
    /** Resolves with the send time (epoch ms) of the first message sent after `epochMs`. */
    firstSentAfter(epochMs: number): Promise<number> {
      return new Promise((resolve) => waiters.push({ afterMs: epochMs, resolve }));
    },
    keys,
    close: () => consumer.disconnect(),
  };
}
