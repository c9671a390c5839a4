import type { EventOf } from '@events/contracts';
import type { ProducedTopic } from './produced-topics.ts';

/** An event the domain emits, typed by its contract topic: a value of the wrong shape does not compile. */
export interface DomainEvent<T extends ProducedTopic = ProducedTopic> {
  /** Unique event id, sent as the `event-id` header so consumers can deduplicate. */
  id: string;
  topic: T;
  /** The Kafka message key: the aggregate's id, so one aggregate's events share a partition. */
  key: string;
  value: EventOf<T>;
  /** Sent along as Kafka headers (the trace context of the request that caused the event). */
  headers: Record<string, string>;
}
