import type { EventOf, JsonForm, TopicName } from '@events/contracts';
import type { ProducedTopic } from './produced-topics.ts';

/** An event for the outbox, typed by its contract topic: a value of the wrong shape does not compile. */
export interface OutboxEvent<T extends ProducedTopic = ProducedTopic> {
  /** Unique event id, sent as the `event-id` header so consumers can deduplicate. */
  id: string;
  topic: T;
  /** The Kafka message key: the aggregate's id, so one aggregate's events share a partition. */
  key: string;
  value: EventOf<T>;
  /** Sent along as Kafka headers (the trace context of the request that caused the event). */
  headers: Record<string, string>;
}

/** What the outbox table keeps of an event: the contract's JSON form of its value. */
export interface OutboxRecord {
  id: string;
  topic: TopicName;
  key: string;
  payload: string;
  headers: Record<string, string>;
}

/**
 * Validates the event against its contract (no registry involved) and turns it into what the outbox
 * stores. Called in the write path, so an invalid event is never committed with its aggregate.
 */
export function toOutboxRecord<T extends ProducedTopic>(
  json: Pick<JsonForm, 'toJSON'>,
  event: OutboxEvent<T>,
): OutboxRecord {
  return {
    id: event.id,
    topic: event.topic,
    key: event.key,
    payload: json.toJSON(event.topic, event.value),
    headers: event.headers,
  };
}
