import type { TopicName } from './index.ts';

/**
 * What producers and consumers of this system agree on beyond the schemas. Every service imports
 * these instead of spelling them out: a literal in one service is a disagreement waiting to happen.
 */

/** The topics, by what they carry; checked against the catalog at compile time. */
export const TOPICS = {
  userRegister: 'user_register',
} as const satisfies Record<string, TopicName>;

/** Headers every event carries next to its Avro value. */
export const EVENT_HEADERS = {
  /** Unique per event and stable across redeliveries: consumers deduplicate on it. */
  eventId: 'event-id',
  /** W3C Trace Context of the request that caused the event. */
  traceparent: 'traceparent',
} as const;

/** Where a consumer parks the messages of `topic` it can never process. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
