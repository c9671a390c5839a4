import { contextOf, failSpan, injectInto, startLinkedSendSpan } from '@events/service-platform/tracing';
import { type IHeaders, type Kafka, type KafkaMessage, Partitioners } from 'kafkajs';
import { planReplay, type ReplayRange, type ReplaySelection } from '../domain/plan-replay.ts';
import { DLQ_HEADERS, REPLAYED_FROM_HEADER, withoutDeadLetterHeaders } from './dead-letter-headers.ts';
import { headerText } from './message-headers.ts';

export interface ReplayProgress {
  partition: number;
  offset: string;
  /** Where the message went (or would go); undefined when it carries no dlq-original-topic header. */
  target: string | undefined;
  errorCode: string | undefined;
}

export interface ReplaySummary {
  replayed: number;
  skipped: number;
  /** Partitions whose range was not read to the end before the idle timeout. */
  incomplete: number[];
}

export interface ReplayDeps {
  kafka: Kafka;
  dlqTopic: string;
  /** A group of its own; it never commits, so it keeps no state between runs. */
  groupId: string;
  selection: ReplaySelection;
  onProgress: (progress: ReplayProgress) => void;
  /** Gives up on partitions that deliver nothing new for this long (e.g. a range ending in a gap). */
  idleTimeoutMs?: number;
}

export async function replayDeadLetters(deps: ReplayDeps): Promise<ReplaySummary> {
  const { kafka, dlqTopic, selection } = deps;
  const ranges = await plan(kafka, dlqTopic, selection);
  const summary: ReplaySummary = { replayed: 0, skipped: 0, incomplete: [] };
  if (ranges.length === 0) return summary;

  // The default (Java-compatible) partitioner, as user-service uses: a replayed key lands where it did.
  const producer = kafka.producer({
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const consumer = kafka.consumer({ groupId: deps.groupId });
  const pending = new Map<number, ReplayRange>(ranges.map((r) => [r.partition, r]));
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let idleTimer: NodeJS.Timeout | undefined;
  const touch = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(finish, deps.idleTimeoutMs ?? 20_000);
  };

  async function replayOne(partition: number, message: KafkaMessage): Promise<void> {
    const target = headerText(message.headers, DLQ_HEADERS.originalTopic);
    const errorCode = headerText(message.headers, DLQ_HEADERS.errorCode);
    if (target !== undefined && !selection.dryRun) {
      // A new trace for the re-publish, linked to the one that dead-lettered the message.
      const span = startLinkedSendSpan({ topic: target, key: message.key }, contextOf(message.headers));
      const headers: IHeaders = {
        ...withoutDeadLetterHeaders(message.headers),
        [REPLAYED_FROM_HEADER]: `${dlqTopic}:${partition}:${message.offset}`,
      };
      injectInto(headers, span);
      try {
        await producer.send({
          topic: target,
          acks: -1,
          messages: [{ key: message.key, value: message.value, headers }],
        });
      } catch (error) {
        failSpan(span, error);
        throw error;
      } finally {
        span.end();
      }
    }
    if (target === undefined) summary.skipped += 1;
    else summary.replayed += 1;
    deps.onProgress({ partition, offset: message.offset, target, errorCode });
  }

  try {
    if (!selection.dryRun) await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic: dlqTopic, fromBeginning: true });
    touch();
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        const range = pending.get(batch.partition);
        if (range === undefined) return;
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          if (offset < range.start) continue;
          if (offset >= range.end) break;
          // Sequential, awaited sends keep the DLQ order on the original topic.
          await replayOne(batch.partition, message);
          touch();
          await heartbeat();
        }
        if (BigInt(batch.lastOffset()) + 1n >= range.end) {
          pending.delete(batch.partition);
          consumer.pause([{ topic: dlqTopic, partitions: [batch.partition] }]);
          if (pending.size === 0) finish();
        }
      },
    });
    for (const range of ranges)
      consumer.seek({ topic: dlqTopic, partition: range.partition, offset: String(range.start) });
    await finished;
    summary.incomplete = [...pending.keys()];
    return summary;
  } finally {
    clearTimeout(idleTimer);
    await consumer.disconnect();
    await producer.disconnect();
  }
}

async function plan(kafka: Kafka, dlqTopic: string, selection: ReplaySelection): Promise<ReplayRange[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(dlqTopic);
    return planReplay(
      offsets.map((o) => ({ partition: o.partition, low: BigInt(o.low), high: BigInt(o.high) })),
      selection,
    );
  } finally {
    await admin.disconnect();
  }
}
