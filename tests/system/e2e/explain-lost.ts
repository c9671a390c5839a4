import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import pg from 'pg';

/**
 * Where the registrations the verdict calls lost stopped on their way: still pending in user-service's
 * outbox, marked published but absent from the topic (the producer lost them), or in the topic behind or
 * before the group's committed offset (the consumer skipped them or is stuck). One line per finding, for
 * the report, so a failed run says which side to debug.
 */
export async function explainLost({
  lost,
  userDatabaseUrl,
  kafka,
  topic,
  group,
}: {
  lost: readonly string[];
  userDatabaseUrl: string;
  kafka: Kafka;
  topic: string;
  group: string;
}): Promise<string[]> {
  if (lost.length === 0) return [];
  const [outbox, written, committed] = await Promise.all([
    outboxStates(userDatabaseUrl, lost),
    messagesByKey(kafka, topic, new Set(lost)),
    committedOffsets(kafka, topic, group),
  ]);
  return describeLost(lost, { outbox, written, committed });
}

export interface Place {
  partition: number;
  offset: number;
}

/** The findings of explainLost, grouped by kind, each with a count and one example. */
export function describeLost(
  lost: readonly string[],
  seen: {
    /** Per key: the outbox row's state in words. */
    outbox: ReadonlyMap<string, string>;
    /** Per key: where it was written in the topic. */
    written: ReadonlyMap<string, Place[]>;
    /** Per partition: the group's committed offset (the next one it would read). */
    committed: ReadonlyMap<number, number>;
  },
): string[] {
  const tally = new Map<string, { count: number; example: string }>();
  for (const id of lost) {
    const places = seen.written.get(id) ?? [];
    const consumed = places.some(({ partition, offset }) => offset < (seen.committed.get(partition) ?? 0));
    const where =
      places.length === 0
        ? 'not in the topic'
        : consumed
          ? 'in the topic, below the committed offset (consumed without a profile)'
          : 'in the topic, not consumed yet';
    const kind = `${seen.outbox.get(id) ?? 'no outbox row'}; ${where}`;
    const at = places
      .map(
        ({ partition, offset }) =>
          `p${partition}@${offset}, committed ${seen.committed.get(partition) ?? 'none'}`,
      )
      .join('; ');
    const entry = tally.get(kind) ?? { count: 0, example: at === '' ? id : `${id} at ${at}` };
    entry.count += 1;
    tally.set(kind, entry);
  }
  return [...tally].map(([kind, { count, example }]) => `lost ${count}: ${kind} (e.g. ${example})`);
}

async function outboxStates(databaseUrl: string, ids: readonly string[]): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ key: string; state: string }>(
      `SELECT o.aggregate_id::text AS key,
              CASE WHEN EXISTS (SELECT 1 FROM outbox_parked p WHERE p.id = o.id) THEN 'outbox: parked'
                   WHEN (o.xact_id, o.position) <= (c.xact_id, c.position) THEN 'outbox: relayed (behind the checkpoint)'
                   ELSE 'outbox: not relayed yet (after the checkpoint)' END AS state
         FROM outbox o, outbox_checkpoint c WHERE o.aggregate_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.key, row.state]));
  } finally {
    await client.end();
  }
}

/** Reads the whole topic once (a throwaway group) and keeps where each wanted key was written. */
async function messagesByKey(kafka: Kafka, topic: string, keys: Set<string>): Promise<Map<string, Place[]>> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const remaining = new Map(
    ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]),
  );
  const found = new Map<string, Place[]>();
  if (remaining.size === 0) return found;
  const consumer = kafka.consumer({ groupId: `explain-lost-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachBatch: async ({ batch }) => {
          for (const message of batch.messages) {
            const key = message.key?.toString();
            if (key !== undefined && keys.has(key)) {
              const places = found.get(key) ?? [];
              places.push({ partition: batch.partition, offset: Number(message.offset) });
              found.set(key, places);
            }
          }
          if (Number(batch.lastOffset()) + 1 >= (remaining.get(batch.partition) ?? 0))
            remaining.delete(batch.partition);
          if (remaining.size === 0) resolve();
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return found;
}

async function committedOffsets(kafka: Kafka, topic: string, group: string): Promise<Map<number, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
    return new Map(
      (offsets?.partitions ?? [])
        .filter((p) => Number(p.offset) >= 0)
        .map((p) => [p.partition, Number(p.offset)]),
    );
  } finally {
    await admin.disconnect();
  }
}
