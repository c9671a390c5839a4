import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type pg from 'pg';
import type { KeyedRegistration } from './keyed-load.ts';

/** A fault's end, on the harness's clock: SIGCONT sent, backends terminated, or the restart accepting again. */
export interface FaultEnd {
  fault: string;
  at: number;
}

/** Milliseconds from a fault's end until each part worked again; undefined: not within the run. */
export interface Recovery {
  fault: string;
  /** A request sent after the end answered 201. */
  first201Ms: number | undefined;
  /** The relay sent an event to Kafka (the message's timestamp, stamped by the relay's producer). */
  relayMs: number | undefined;
  /**
   * A profile was created after the relay published its event, after the end (an event published again because a
   * cut rolled back the mark of a batch Kafka had taken has its profile from the first send: not counted).
   */
  profileMs: number | undefined;
}

/**
 * Worked out after the run from what each part recorded: the load's answers, the timestamps of the messages the
 * relay sent (the outbox keeps no per-event publish time) and the profiles' `created_at`. Everything runs on
 * this machine's clock.
 */
export async function recoveryAfter(
  { fault, at }: FaultEnd,
  registrations: KeyedRegistration[],
  { kafka, topic, profiles }: { kafka: Kafka; topic: string; profiles: pg.Pool },
): Promise<Recovery> {
  const answered = registrations
    .flatMap((r) => r.attempts)
    .filter((a) => a.sentAt >= at && a.status === 201)
    .map((a) => a.answeredAt);
  const first201 = answered.length > 0 ? Math.min(...answered) : undefined;
  const published = await sentSince(kafka, topic, at);
  const { rows: created } = await profiles.query<{ at: number | null }>(
    `SELECT (extract(epoch FROM min(p.created_at)) * 1000)::float8 AS at
       FROM profiles p JOIN unnest($1::uuid[], $2::float8[]) AS e(user_id, published_ms) USING (user_id)
      WHERE p.created_at >= to_timestamp(e.published_ms / 1000)`,
    [published.map((row) => row.key), published.map((row) => row.at)],
  );
  const since = (time: number | null | undefined) => (time == null ? undefined : Math.max(0, time - at));
  return {
    fault,
    first201Ms: since(first201),
    relayMs: since(published.length > 0 ? Math.min(...published.map((row) => row.at)) : undefined),
    profileMs: since(created[0]?.at),
  };
}

export function describeRecovery({ fault, first201Ms, relayMs, profileMs }: Recovery): string {
  const seconds = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(2)} s`);
  return `${fault} → first 201 ${seconds(first201Ms)}, relay published ${seconds(relayMs)}, profile seen ${seconds(profileMs)}`;
}

/** The slowest of the three, or undefined when one never happened. */
export function slowest({ first201Ms, relayMs, profileMs }: Recovery): number | undefined {
  const all = [first201Ms, relayMs, profileMs];
  return all.some((ms) => ms === undefined) ? undefined : Math.max(...(all as number[]));
}

/** The messages stamped at or after `at`, up to the partitions' ends now (read by a throwaway group). */
async function sentSince(
  kafka: Kafka,
  topic: string,
  at: number,
): Promise<Array<{ key: string; at: number }>> {
  const admin = kafka.admin();
  await admin.connect();
  const [from, ends] = await Promise.all([
    admin.fetchTopicOffsetsByTimestamp(topic, at),
    admin.fetchTopicOffsets(topic),
  ]).finally(() => admin.disconnect());
  const remaining = new Map<number, { from: number; high: number }>();
  for (const { partition, offset } of from) {
    const high = Number(ends.find((end) => end.partition === partition)?.high ?? 0);
    if (Number(offset) >= 0 && Number(offset) < high)
      remaining.set(partition, { from: Number(offset), high });
  }
  if (remaining.size === 0) return [];
  const sent: Array<{ key: string; at: number }> = [];
  const consumer = kafka.consumer({ groupId: `e2e-recovery-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            sent.push({ key: message.key?.toString() ?? '', at: Number(message.timestamp) });
            const left = remaining.get(partition);
            if (left && Number(message.offset) + 1 >= left.high) remaining.delete(partition);
            if (remaining.size === 0) resolve();
          },
        })
        .catch(reject);
      for (const [partition, { from: offset }] of remaining)
        consumer.seek({ topic, partition, offset: String(offset) });
    });
  } finally {
    await consumer.disconnect();
  }
  return sent;
}
