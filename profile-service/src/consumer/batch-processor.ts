import { EVENT_HEADERS, messageContract } from '@events/contracts';
import type { Backoff } from '@events/service-platform/lifecycle';
import type { Logger } from '@events/service-platform/observability';
import {
  contextWith,
  failSpan,
  recordContract,
  type Span,
  startProcessSpan,
  startWorkSpan,
  withSpan,
} from '@events/service-platform/tracing';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { keepNewestPerUser, type ProfileDraft } from '../domain/profile.ts';
import type { DeadLetter, DeadLetterPublisher } from '../kafka/dead-letter-publisher.ts';
import { headerText } from '../kafka/message-headers.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { ProfileRepository } from '../postgres/profile-repository.ts';
import { storeProfiles } from '../use-cases/store-profiles.ts';
import { consumedTopic } from './consumed-topic.ts';
import type { ReadMessage } from './read-message.ts';

export interface BatchProcessorDeps {
  readMessage: ReadMessage;
  repository: Pick<ProfileRepository, 'upsertMany'>;
  deadLetters: DeadLetterPublisher;
  metrics: Metrics;
  logger: Logger;
  backoff: Backoff;
  /** Messages stored per statement; a fetched batch is worked through in chunks of this size. */
  chunkSize: number;
}

export interface BatchProcessor {
  eachBatch(payload: EachBatchPayload): Promise<void>;
  /** Cancels pending resume timers (shutdown). */
  close(): void;
}

/**
 * Per chunk: decode every message, store the valid ones in one upsert, dead-letter the poison ones,
 * then resolve the chunk's offsets in order. The upsert runs first because it is idempotent and the
 * DLQ send is not: a retry after a DLQ failure re-applies a no-op upsert instead of duplicating letters.
 * A failure leaves the chunk unresolved and pauses the partition; kafkajs fetches again from the last
 * resolved offset once the backoff timer resumes it, while heartbeats and other partitions carry on.
 */
export function createBatchProcessor(deps: BatchProcessorDeps): BatchProcessor {
  const { metrics, logger, backoff, chunkSize } = deps;
  const resumeTimers = new Set<NodeJS.Timeout>();

  /** One process span per message, continuing its producer's trace; ended once the chunk's fate is known. */
  async function processChunk(topic: string, partition: number, messages: KafkaMessage[]): Promise<void> {
    const spans = messages.map((message) =>
      startProcessSpan({ topic, partition, offset: message.offset, key: message.key }, message.headers),
    );
    try {
      await storeAndDeadLetter(topic, partition, messages, spans);
    } catch (error) {
      for (const span of spans) failSpan(span, error);
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }

  async function storeAndDeadLetter(
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    spans: Span[],
  ): Promise<void> {
    const results = await Promise.all(
      messages.map((message, index) =>
        withSpan(spans[index] as Span, () => deps.readMessage({ topic, partition, message })),
      ),
    );
    const drafts: ProfileDraft[] = [];
    const sourceOf = new Map<ProfileDraft, number>();
    const letters: DeadLetter[] = [];
    // Checked once per chunk: the log fields of every valid message are wasted work when debug is off.
    const debug = logger.isLevelEnabled('debug');
    const logFields = (eventId: string, message: KafkaMessage) => ({
      eventId,
      traceparent: headerText(message.headers, EVENT_HEADERS.traceparent),
      topic,
      partition,
      offset: message.offset,
    });
    const deadLetter = (index: number, code: string, reason: string) => {
      const span = spans[index] as Span;
      failSpan(span, new Error(reason));
      span.setAttribute('error.type', code);
      const message = messages[index] as KafkaMessage;
      letters.push({ topic, partition, message, code, reason, trace: contextWith(span) });
    };
    results.forEach((result, index) => {
      const message = messages[index] as KafkaMessage;
      const span = spans[index] as Span;
      if (span.isRecording()) recordContract(span, messageContract(consumedTopic, message.value));
      if (result.ok) {
        drafts.push(result.draft);
        sourceOf.set(result.draft, index);
        if (debug) logger.debug(logFields(result.eventId, message), 'event decoded');
      } else {
        deadLetter(index, result.code, result.reason);
        logger.warn(
          { ...logFields(result.eventId, message), code: result.code, reason: result.reason },
          'poison message: sending to the dead-letter topic',
        );
      }
    });

    // One statement for the chunk: its span lives in the first event's trace and links to the others.
    const decoded = drafts.map((draft) => spans[sourceOf.get(draft) as number] as Span);
    const upsert = startWorkSpan('upsert profiles', decoded[0], decoded);
    const stored = await withSpan(upsert, () =>
      storeProfiles(deps.repository, keepNewestPerUser(drafts)),
    ).finally(() => upsert.end());
    for (const { draft, reason } of stored.rejected) {
      const index = sourceOf.get(draft) as number;
      deadLetter(index, 'DATABASE_REJECTED', reason);
      logger.error(
        { ...logFields(draft.sourceEventId, messages[index] as KafkaMessage), reason },
        'the database refused this event: sending it to the dead-letter topic',
      );
    }
    await deps.deadLetters.publish(letters);

    metrics.processed.inc({ outcome: 'created' }, stored.created.length);
    metrics.processed.inc({ outcome: 'updated' }, stored.updated.length);
    metrics.processed.inc(
      { outcome: 'unchanged' },
      drafts.length - stored.created.length - stored.updated.length - stored.rejected.length,
    );
    for (const letter of letters) metrics.deadLettered.inc({ code: letter.code });
    const now = Date.now();
    for (const message of messages)
      metrics.eventAgeSeconds.observe(Math.max(0, now - Number(message.timestamp)) / 1000);
  }

  function retryLater(payload: EachBatchPayload, firstOffset: string, error: unknown): void {
    const { topic, partition } = payload.batch;
    const delayMs = backoff.next(`${topic}:${partition}`);
    const code = (error as { code?: unknown }).code;
    const retriable = (error as { retriable?: unknown }).retriable === true;
    metrics.retried.inc({ code: typeof code === 'string' ? code : 'UNEXPECTED' });
    // Unexpected errors are retried too (nothing is skipped), but they need a human: log them as errors.
    logger[retriable ? 'warn' : 'error'](
      { err: error, topic, partition, offset: firstOffset, delayMs },
      'processing failed; partition paused, will retry from the first unprocessed offset',
    );
    const resume = payload.pause();
    const timer = setTimeout(() => {
      resumeTimers.delete(timer);
      resume();
    }, delayMs);
    resumeTimers.add(timer);
  }

  return {
    async eachBatch(payload) {
      const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
      const { topic, partition } = batch;
      for (let start = 0; start < batch.messages.length; start += chunkSize) {
        if (!isRunning() || isStale()) return;
        const chunk = batch.messages.slice(start, start + chunkSize);
        const endTimer = metrics.batchSeconds.startTimer();
        try {
          await processChunk(topic, partition, chunk);
        } catch (error) {
          retryLater(payload, chunk[0]?.offset ?? '?', error);
          return;
        }
        endTimer();
        for (const message of chunk) resolveOffset(message.offset);
        backoff.reset(`${topic}:${partition}`);
        const lastOffset = Number(chunk[chunk.length - 1]?.offset);
        metrics.consumerLag.set(
          { topic, partition },
          Math.max(0, Number(batch.highWatermark) - lastOffset - 1),
        );
        await heartbeat();
        await commitOffsetsIfNecessary();
      }
    },
    close() {
      for (const timer of resumeTimers) clearTimeout(timer);
      resumeTimers.clear();
    },
  };
}
