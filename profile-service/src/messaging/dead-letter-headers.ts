import type { IHeaders } from 'kafkajs';

/** Headers a dead-lettered message carries, next to the original message's own headers. */
export const DLQ_HEADERS = {
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  originalTimestamp: 'dlq-original-timestamp',
  consumerGroup: 'dlq-consumer-group',
  errorCode: 'dlq-error-code',
  errorMessage: 'dlq-error-message',
} as const;

export const REPLAYED_FROM_HEADER = 'dlq-replayed-from';

export interface DeadLetterOrigin {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  consumerGroup: string;
  errorCode: string;
  errorMessage: string;
}

export function buildDeadLetterHeaders(original: IHeaders | undefined, origin: DeadLetterOrigin): IHeaders {
  return {
    ...original,
    [DLQ_HEADERS.originalTopic]: origin.topic,
    [DLQ_HEADERS.originalPartition]: String(origin.partition),
    [DLQ_HEADERS.originalOffset]: origin.offset,
    [DLQ_HEADERS.originalTimestamp]: origin.timestamp,
    [DLQ_HEADERS.consumerGroup]: origin.consumerGroup,
    [DLQ_HEADERS.errorCode]: origin.errorCode,
    [DLQ_HEADERS.errorMessage]: origin.errorMessage,
  };
}

const DEAD_LETTER_HEADER_NAMES: ReadonlySet<string> = new Set([
  ...Object.values(DLQ_HEADERS),
  REPLAYED_FROM_HEADER,
]);

/** The original message's headers: the dead-letter ones (and any earlier replay marker) removed. */
export function withoutDeadLetterHeaders(headers: IHeaders | undefined): IHeaders {
  return Object.fromEntries(
    Object.entries(headers ?? {}).filter(([name]) => !DEAD_LETTER_HEADER_NAMES.has(name)),
  );
}
