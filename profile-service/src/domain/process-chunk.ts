import { messageContract } from '@events/contracts';
import type { Logger } from '@events/service-platform/observability';
import {
  type Context,
  contextWith,
  failSpan,
  recordContract,
  type Span,
  startProcessSpan,
  startWorkSpan,
  withSpan,
} from '@events/service-platform/tracing';
import type { KafkaMessage } from 'kafkajs';
import type { Metrics } from '../observability/metrics.ts';
import { consumedTopic } from './consumed-topic.ts';
import { keepNewestPerUser, type ProfileDraft } from './profile.ts';
import { type ProfileRepository, storeProfiles } from './store-profiles.ts';

export interface MessageContext {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

export type ReadResult = (
  | { ok: true; draft: ProfileDraft; eventId: string }
  | { ok: false; code: string; reason: string; eventId: string }
) & { traceparent?: string | undefined };

/** Decodes through the contract (reader = our compiled schema) and applies the domain's rules. */
export type ReadMessage = (context: MessageContext) => Promise<ReadResult>;

export interface DeadLetter {
  topic: string;
  partition: number;
  message: KafkaMessage;
  code: string;
  reason: string;
  /** The trace the message was processed in: its dead-letter send joins it. */
  trace: Context;
}

export interface DeadLetterPublisher {
  /** Resolves once every message is acknowledged by all in-sync replicas. */
  publish(letters: readonly DeadLetter[]): Promise<void>;
}

export interface ChunkProcessorDeps {
  readMessage: ReadMessage;
  repository: Pick<ProfileRepository, 'upsertMany'>;
  deadLetters: DeadLetterPublisher;
  metrics: Metrics;
  logger: Logger;
}

/** Settles one chunk of a partition's messages; throws (nothing to resolve) when it must be retried. */
export type ProcessChunk = (topic: string, partition: number, messages: KafkaMessage[]) => Promise<void>;

/**
 * Per chunk: decode every message, store the valid ones in one upsert, dead-letter the poison ones. The
 * upsert runs first because it is idempotent and the DLQ send is not: a retry after a DLQ failure re-applies
 * a no-op upsert instead of duplicating letters.
 */
export function createChunkProcessor(deps: ChunkProcessorDeps): ProcessChunk {
  const { metrics, logger } = deps;

  /** One process span per message, continuing its producer's trace; ended once the chunk's fate is known. */
  return async function processChunk(topic, partition, messages) {
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
  };

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
    const logFields = (eventId: string, index: number) => ({
      eventId,
      traceparent: results[index]?.traceparent,
      topic,
      partition,
      offset: (messages[index] as KafkaMessage).offset,
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
        if (debug) logger.debug(logFields(result.eventId, index), 'event decoded');
      } else {
        deadLetter(index, result.code, result.reason);
        logger.warn(
          { ...logFields(result.eventId, index), code: result.code, reason: result.reason },
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
        { ...logFields(draft.sourceEventId, index), reason },
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
}
